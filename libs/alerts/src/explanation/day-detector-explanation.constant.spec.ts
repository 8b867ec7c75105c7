import { explain } from './alert-explanation.constant';

const at = new Date('2026-09-01T03:00:00Z');
const base = { accountIds: ['cb.x'], timeZone: 'Asia/Ho_Chi_Minh', occurredAt: at, windowStart: new Date('2026-08-31T17:00:00Z'), windowEnd: new Date('2026-09-15T17:00:00Z') };

/** The templates of off_hours, dormant_waking, gradual_growth and bulk_export (docs/detection.md). */
describe('day detectors explanations', () => {
  it.each(['off_hours', 'dormant_waking', 'gradual_growth', 'bulk_export'])('%s leaves out what the evidence lacks, never printing undefined', (type) => {
    const sut = explain({ ...base, type, evidence: {} });
    for (const text of [sut.vi, sut.en]) {
      expect(text).toContain('cb.x');
      expect(text).not.toMatch(/undefined|NaN|null/);
    }
  });

  it('off_hours names the kinds of off-hours days and the holidays', () => {
    const sut = explain({
      ...base,
      type: 'off_hours',
      evidence: { observed: { lookups: 60, days: 3, nights: 2, holidays: 1, holidayNames: ['Quốc khánh'] }, expected: { habit: 8, peers: 0 }, peers: { count: 4 }, withoutDossierShare: 0.5 },
    });
    expect(sut.vi).toBe(
      'Tài khoản cb.x có 60 lượt tra cứu ngoài giờ làm việc trong 3 ngày, từ ngày 01/09/2026 đến ngày 15/09/2026: 2 đêm (22h-6h), 1 ngày lễ, ngày nghỉ (Quốc khánh); ' +
        'mức thường của tài khoản là 8 lượt ngoài giờ trong 28 ngày, đồng nghiệp cùng đơn vị 0 lượt (trung vị, 4 người); 50% lượt tra cứu ngoài giờ không gắn hồ sơ.',
    );
  });
});
