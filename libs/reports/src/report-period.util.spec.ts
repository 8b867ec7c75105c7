import { DomainException } from '@app/common';
import { checkedPeriod, daysOf } from './report-period.util';

describe('checkedPeriod', () => {
  it('takes real dates with from before to, at most 366 days apart', () => {
    expect(checkedPeriod('2026-01-01', '2027-01-01')).toEqual({ from: '2026-01-01', to: '2027-01-01' });
    expect(daysOf({ from: '2026-02-27', to: '2026-03-02' })).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
    ]);
  });

  it.each([
    ['2026-02-30', '2026-03-10', 'from', 'must be a date'],
    ['2026-03-10', '2026-03-10', 'to', 'must be after from'],
    ['2025-01-01', '2026-01-03', 'to', 'at most 366 days'],
  ])('refuses %s to %s, naming %s', (from, to, field, message) => {
    try {
      checkedPeriod(from, to);
      throw new Error('accepted');
    } catch (error) {
      expect(error).toBeInstanceOf(DomainException);
      expect((error as DomainException).details).toEqual([
        expect.objectContaining({ field, message: expect.stringContaining(message) }),
      ]);
    }
  });
});
