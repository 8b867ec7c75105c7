import { leapMonthOf, lunarToSolar, solarToLunar } from './lunar-calendar.util';

const solar = (day: number, month: number, year: number, leap = false) => lunarToSolar({ day, month, year, leap });

describe('lunar calendar (UTC+7)', () => {
  it.each([
    [2024, [2024, 2, 10]],
    [2025, [2025, 1, 29]],
    [2026, [2026, 2, 17]],
    [2027, [2027, 2, 6]],
    [2023, [2023, 1, 22]],
  ])('puts 1 Giêng %i on its published date', (year, expected) => {
    expect(solar(1, 1, year)).toEqual(expected);
  });

  it('follows Vietnam, not China, where the two differ: Tết 1985, 2007 and 2030', () => {
    // 1985: Vietnam's month 11 of 1984 started a day earlier than China's, so Tết came a month before China's
    // (20 February 1985). 2007: the new moon fell before midnight in Hanoi, after midnight in Beijing (18 Feb).
    expect(solar(1, 1, 1985)).toEqual([1985, 1, 21]);
    expect(solar(1, 1, 2007)).toEqual([2007, 2, 17]);
    // 2030: the new moon is at 16:07 UTC on 2 February: 23:07 in Hanoi, 00:07 on 3 February in Beijing.
    expect(solar(1, 1, 2030)).toEqual([2030, 2, 2]);
  });

  it('puts Giỗ Tổ (10/3 lunar) on 7 April 2025 and 26 April 2026', () => {
    expect(solar(10, 3, 2025)).toEqual([2025, 4, 7]);
    expect(solar(10, 3, 2026)).toEqual([2026, 4, 26]);
  });

  it('knows the leap months: 2nd month in 2023, 6th in 2025, none in 2024 or 2026', () => {
    expect(leapMonthOf(2023)).toBe(2);
    expect(leapMonthOf(2025)).toBe(6);
    expect(leapMonthOf(2024)).toBeNull();
    expect(leapMonthOf(2026)).toBeNull();
    // The leap month starts where the calendars print it: 2/2 nhuận 2023 = 22 March, 1/6 nhuận 2025 = 25 July.
    expect(solar(1, 2, 2023, true)).toEqual([2023, 3, 22]);
    expect(solar(1, 6, 2025, true)).toEqual([2025, 7, 25]);
    expect(solarToLunar(2023, 3, 22)).toEqual({ day: 1, month: 2, year: 2023, leap: true });
    expect(solarToLunar(2025, 7, 25)).toEqual({ day: 1, month: 6, year: 2025, leap: true });
    // …and the month after a leap month carries the next number.
    expect(solarToLunar(2025, 8, 23)).toEqual({ day: 1, month: 7, year: 2025, leap: false });
  });

  it('refuses lunar dates that do not exist', () => {
    expect(solar(1, 3, 2023, true)).toBeNull(); // 2023 has a leap 2nd month, not 3rd
    expect(solar(1, 1, 2024, true)).toBeNull(); // 2024 has no leap month
    expect(solar(30, 12, 2024)).toBeNull(); // the 12th month of Giáp Thìn has 29 days
  });

  it('round-trips every day of 1990–2040', () => {
    for (let t = Date.UTC(1990, 0, 1); t < Date.UTC(2041, 0, 1); t += 86_400_000) {
      const d = new Date(t);
      const lunar = solarToLunar(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
      expect(lunarToSolar(lunar)).toEqual([d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()]);
    }
  });
});
