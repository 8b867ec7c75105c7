import type { SimUnit } from '../province.type';
import { DAY_MS, LOCAL_OFFSET_MS, localWeekday } from '../working-hours.util';

/**
 * Public holidays (days off) of 2026-2027, typed here because the simulator only needs realistic traffic; the
 * service computes its own calendar (lunar ones included). Tết 2026: 16-20 Feb around 1 Giêng (17 Feb); Tết
 * 2027: 5-9 Feb around 1 Giêng (6 Feb); Giỗ Tổ (10/3 lunar): 26 Apr 2026, 16 Apr 2027; National Day 1-2 Sep.
 */
export const PUBLIC_HOLIDAYS: readonly string[] = [
  '2026-01-01',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-26',
  '2026-04-30',
  '2026-05-01',
  '2026-09-01',
  '2026-09-02',
  '2027-01-01',
  '2027-02-05',
  '2027-02-06',
  '2027-02-07',
  '2027-02-08',
  '2027-02-09',
  '2027-04-16',
  '2027-04-30',
  '2027-05-01',
  '2027-09-01',
  '2027-09-02',
];
const HOLIDAYS = new Set(PUBLIC_HOLIDAYS);

/** yyyy-mm-dd of the local day starting at dayStart (UTC ms of local midnight). */
export function localIsoDate(dayStart: number): string {
  return new Date(dayStart + LOCAL_OFFSET_MS).toISOString().slice(0, 10);
}

export function isPublicHoliday(dayStart: number): boolean {
  return HOLIDAYS.has(localIsoDate(dayStart));
}

/** A span of local office time, in minutes from local midnight. */
export interface OfficeWindow {
  from: number;
  to: number;
}

const MORNING: OfficeWindow = { from: 7 * 60 + 30, to: 11 * 60 + 30 };
const AFTERNOON: OfficeWindow = { from: 13 * 60 + 30, to: 17 * 60 };

/**
 * When the unit's desk is open on that day: Monday to Friday 07:30-11:30 and 13:30-17:00, Saturday mornings for
 * the units that open then, never on Sundays or public holidays.
 */
export function officeWindows(unit: SimUnit, dayStart: number): OfficeWindow[] {
  if (isPublicHoliday(dayStart)) return [];
  const weekday = localWeekday(dayStart);
  if (weekday === 0) return [];
  if (weekday === 6) return unit.saturdayMorning ? [MORNING] : [];
  return [MORNING, AFTERNOON];
}

/** The first full working day (morning and afternoon) at or after `day`, counted from start; -1 if none before `limit`. */
export function nextWorkingDay(unit: SimUnit, start: number, day: number, limit: number): number {
  for (let d = day; d < limit; d++) if (officeWindows(unit, start + d * DAY_MS).length === 2) return d;
  return -1;
}
