import type { Alert } from '@app/alerts';
import { urgentNoticeMail } from './report-delivery-message.util';
import type { ReportDelivery } from './report-delivery.type';

describe(urgentNoticeMail.name, () => {
  const delivery = { id: '1', recipient: 'khancap@quangtri.gov.vn', idempotencyKey: '7d1f0c1e-0000-4000-8000-000000000001' } as ReportDelivery;
  const alert = (explanation: string) =>
    ({
      id: '9',
      type: 'locked_account_in_use',
      severity: 'critical',
      accountIds: ['cb.xa31'],
      unitCode: 'U1',
      occurredAt: new Date('2026-12-02T07:30:00+07:00'),
      explanationVi: explanation,
      explanationEn: explanation,
    }) as unknown as Alert;

  it('masks personal IDs of any shape in the explanation: 12 digits, a digit added, spaced groups, full-width digits', () => {
    const text = urgentNoticeMail(delivery, alert('công dân 079203001234, 0792030012345, 0792 0300 1234, ０７９２０３００１２３４, mã 12')).text;
    expect(text).not.toMatch(/079203001234|0792 0300 1234|０７９２/);
    expect(text).toContain('công dân ************, *************, **** **** ****, ************, mã 12');
  });
});
