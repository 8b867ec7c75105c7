import { lunarNewYear, nationalDayPair, publicHolidays } from './public-holidays.util';

const offDays = (year: number) => publicHolidays(year).map((h) => `${h.day}${h.compensatory ? '*' : ''}`);

describe('publicHolidays', () => {
  it('computes 2026: Tết 16–20 Feb (29 Tết to 4 Giêng), Giỗ Tổ on a Sunday with Monday off, 2/9 and 3/9', () => {
    expect(offDays(2026)).toEqual([
      '2026-01-01',
      '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-04-26', '2026-04-27*',
      '2026-04-30', '2026-05-01',
      '2026-09-02', '2026-09-03',
    ]);
    const gioTo = publicHolidays(2026).filter((h) => h.code === 'hung_kings');
    expect(gioTo.map((h) => h.name)).toEqual(['Giỗ Tổ Hùng Vương', 'Nghỉ bù Giỗ Tổ Hùng Vương']);
  });

  it('gives each weekend day of Tết its own compensatory day after the block (2024: Sat 10 and Sun 11 Feb)', () => {
    const tet = publicHolidays(2024).filter((h) => h.code === 'tet').map((h) => `${h.day}${h.compensatory ? '*' : ''}`);
    expect(tet).toEqual(['2024-02-09', '2024-02-10', '2024-02-11', '2024-02-12', '2024-02-13', '2024-02-14*', '2024-02-15*']);
  });

  it('compensates 30/4 on a Saturday and 1/5 on a Sunday on Monday and Tuesday (2022, as decided that year)', () => {
    expect(offDays(2022).filter((d) => d >= '2022-04-30' && d <= '2022-05-31')).toEqual([
      '2022-04-30', '2022-05-01', '2022-05-02*', '2022-05-03*',
    ]);
  });

  it('pairs 2 September with the day that the government chose in 2021–2025', () => {
    expect([2021, 2022, 2023, 2024, 2025].map(nationalDayPair)).toEqual([
      '2021-09-03', '2022-09-01', '2023-09-01', '2024-09-03', '2025-09-01',
    ]);
    // 2023: Friday 1/9, Saturday 2/9 (compensated on Monday 4/9), as decided: 1–4 September.
    expect(offDays(2023).filter((d) => d.startsWith('2023-09'))).toEqual(['2023-09-01', '2023-09-02', '2023-09-04*']);
  });

  it('takes Tết from the lunar calendar, in a leap year and across the 1 January boundary alike', () => {
    expect(lunarNewYear(2025)).toBe('2025-01-29');
    expect(publicHolidays(2025).filter((h) => h.code === 'tet')[0].day).toBe('2025-01-28');
  });
});
