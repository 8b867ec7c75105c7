import { addDays, formatDay, LocalDay, weekdayOf } from './local-day.util';
import { lunarToSolar } from './lunar-calendar.util';

/**
 * Vietnam's public holidays (ngày nghỉ lễ, tết) by the rules of the Labour Code 2019 (Bộ luật Lao động
 * 45/2019/QH14), art. 112(1), computed for any year. Where the law leaves the exact days to the Prime Minister's
 * yearly decision (art. 112(3): Tết and Quốc khánh), a default rule is used (below) and admins correct it with
 * calendar days (day_off / working).
 */
export type HolidayCode = 'new_year' | 'tet' | 'hung_kings' | 'reunification' | 'labour_day' | 'national_day';

export interface PublicHoliday {
  day: LocalDay;
  code: HolidayCode;
  /** The name users know, e.g. "Tết Nguyên Đán", or "Nghỉ bù Tết Nguyên Đán" for a compensatory day. */
  name: string;
  /** A day off in place of a holiday day that fell on a Saturday or Sunday (art. 111(3)). */
  compensatory: boolean;
}

const NAMES: Record<HolidayCode, string> = {
  new_year: 'Tết Dương lịch',
  tet: 'Tết Nguyên Đán',
  hung_kings: 'Giỗ Tổ Hùng Vương',
  reunification: 'Ngày Chiến thắng (30/4)',
  labour_day: 'Ngày Quốc tế Lao động',
  national_day: 'Quốc khánh',
};

const isWeekend = (day: LocalDay): boolean => {
  const w = weekdayOf(day);
  return w === 0 || w === 6;
};

/**
 * The day that pairs with 2 September (art. 112(1)(đ): 2/9 and "one day before or after"). Default: the weekday
 * that joins the holiday to a weekend, which is what the government chose in 2021–2025 (2/9 on a Thursday →
 * Friday 3/9, Friday → Thursday 1/9, Saturday → Friday 1/9, Monday → Tuesday 3/9, Tuesday → Monday 1/9); on a
 * Wednesday or a Sunday, the day after.
 */
export function nationalDayPair(year: number): LocalDay {
  const second = formatDay(year, 9, 2);
  const w = weekdayOf(second);
  return w === 2 || w === 5 || w === 6 ? formatDay(year, 9, 1) : formatDay(year, 9, 3);
}

/** 1 Giêng (lunar New Year's Day) of the lunar year that starts in a solar year. */
export function lunarNewYear(year: number): LocalDay {
  const [y, m, d] = lunarToSolar({ day: 1, month: 1, year, leap: false })!;
  return formatDay(y, m, d);
}

/** The holiday days themselves, before any compensation. */
function holidayDays(year: number): { day: LocalDay; code: HolidayCode }[] {
  const tet = lunarNewYear(year);
  const [hy, hm, hd] = lunarToSolar({ day: 10, month: 3, year, leap: false })!;
  const days: { day: LocalDay; code: HolidayCode }[] = [
    { day: formatDay(year, 1, 1), code: 'new_year' },
    // Tết: 5 days (art. 112(1)(b)). Default: the last day of the lunar year (29 or 30 Tết) through 4 Giêng.
    ...[-1, 0, 1, 2, 3].map((n) => ({ day: addDays(tet, n), code: 'tet' as const })),
    { day: formatDay(hy, hm, hd), code: 'hung_kings' },
    { day: formatDay(year, 4, 30), code: 'reunification' },
    { day: formatDay(year, 5, 1), code: 'labour_day' },
    ...[formatDay(year, 9, 2), nationalDayPair(year)].map((day) => ({ day, code: 'national_day' as const })),
  ];
  return days.sort((a, b) => a.day.localeCompare(b.day));
}

/**
 * Every public holiday of a solar year with its compensatory days, in date order. A holiday day on a Saturday or a
 * Sunday (the civil service's weekly rest, Decision 188/1999/QĐ-TTg) gives a compensatory day: the next day that
 * is neither a weekend, a holiday nor already a compensatory day (art. 111(3): "nghỉ hằng tuần bù vào ngày làm việc kế tiếp").
 */
export function publicHolidays(year: number): PublicHoliday[] {
  const days = holidayDays(year);
  const taken = new Set(days.map((d) => d.day));
  const result: PublicHoliday[] = days.map((d) => ({ ...d, name: NAMES[d.code], compensatory: false }));
  for (const d of days) {
    if (!isWeekend(d.day)) continue;
    let next = addDays(d.day, 1);
    while (isWeekend(next) || taken.has(next)) next = addDays(next, 1);
    taken.add(next);
    result.push({ day: next, code: d.code, name: `Nghỉ bù ${NAMES[d.code]}`, compensatory: true });
  }
  return result.sort((a, b) => a.day.localeCompare(b.day));
}
