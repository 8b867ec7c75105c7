import { breachNoticeFormOn } from './breach-notice-form.util';

describe(breachNoticeFormOn.name, () => {
  it('uses Form 03 of Decree 13 up to 23:59 on 31 December 2025 in Vietnam', () => {
    expect(breachNoticeFormOn(new Date('2025-12-31T23:59:59+07:00'))).toBe('decree-13-form-03');
    expect(breachNoticeFormOn(new Date('2025-06-01T08:00:00+07:00'))).toBe('decree-13-form-03');
  });

  it('uses Form 08 of Decree 356 from 00:00 on 1 January 2026 in Vietnam, even though it is still 2025 in UTC', () => {
    const midnight = new Date('2026-01-01T00:00:00+07:00');
    expect(midnight.toISOString()).toBe('2025-12-31T17:00:00.000Z');
    expect(breachNoticeFormOn(midnight)).toBe('decree-356-form-08');
    expect(breachNoticeFormOn(new Date(midnight.getTime() - 1))).toBe('decree-13-form-03');
    expect(breachNoticeFormOn(new Date('2026-12-02T10:00:00+07:00'))).toBe('decree-356-form-08');
  });
});
