import { localDay, localTime } from './local-day.util';

describe('localTime', () => {
  it('is Vietnam time (UTC+7): 17:00 UTC is midnight of the next day', () => {
    expect(localTime(new Date('2026-11-20T16:59:00Z'))).toEqual({ day: '2026-11-20', weekday: 5, minute: 23 * 60 + 59 });
    expect(localTime(new Date('2026-11-20T17:00:00Z'))).toEqual({ day: '2026-11-21', weekday: 6, minute: 0 });
  });

  it('writes four-digit years, which PostgreSQL reads as they are (it reads 1-01-01 as 2001)', () => {
    expect(localDay(new Date('0001-01-01T00:00:00Z'))).toBe('0001-01-01');
    expect(localDay(new Date('0999-06-01T12:00:00Z'))).toBe('0999-06-01');
  });
});
