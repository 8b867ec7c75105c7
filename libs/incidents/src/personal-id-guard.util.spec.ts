import { DomainException } from '@app/common';
import { refusePersonalIds } from './personal-id-guard.util';

describe(refusePersonalIds.name, () => {
  it('names every field holding twelve digits in a row', () => {
    const sut = () => refusePersonalIds({ violation: { act: 'Tra cứu công dân 052190012345 ngoài giờ', parties: 'cb.a' }, recipients: ['A05', 'số 001234567890'] }, 'content');
    expect(sut).toThrow(DomainException);
    try {
      sut();
    } catch (e) {
      expect((e as DomainException).details.map((d) => d.field)).toEqual(['content.violation.act', 'content.recipients[1]']);
    }
  });

  it('lets phone numbers, dates, counts and longer numbers through', () => {
    expect(() => refusePersonalIds({ phone: '0233 3852 123', mobile: '0912345678', at: '2026-12-02T08:30:00Z', rows: 123456789012345, ref: '1234567890123' })).not.toThrow();
  });
});
