import { VIETNAM_UTC_OFFSET_HOURS } from './lunar-calendar.util';

/** A calendar day in Vietnam, 'YYYY-MM-DD'. */
export type LocalDay = string;

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay. */
export type WeekdayIndex = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface LocalTime {
  day: LocalDay;
  weekday: WeekdayIndex;
  /** Minutes since local midnight, 0..1439. */
  minute: number;
}

const OFFSET_MS = VIETNAM_UTC_OFFSET_HOURS * 3_600_000;
const DAY_MS = 86_400_000;
const pad = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * Vietnam's local day and time of an instant. Asia/Ho_Chi_Minh has kept UTC+7 without daylight saving since 1975,
 * so a fixed shift is exact for the dates the audit sees and far cheaper than Intl on the ingest path.
 */
export function localTime(instant: Date): LocalTime {
  const shifted = new Date(instant.getTime() + OFFSET_MS);
  return {
    // Four-digit years: PostgreSQL reads '1-01-01' as 2001-01-01 (the contract allows the years 0001-9999).
    day: `${String(shifted.getUTCFullYear()).padStart(4, '0')}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}`,
    weekday: shifted.getUTCDay() as WeekdayIndex,
    minute: shifted.getUTCHours() * 60 + shifted.getUTCMinutes(),
  };
}

/** The local day ('YYYY-MM-DD', Vietnam) an instant falls on. */
export function localDay(instant: Date): LocalDay {
  return localTime(instant).day;
}

/** The instant a local day starts (00:00 in Vietnam). */
export function startOfLocalDay(day: LocalDay): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - OFFSET_MS);
}

export function formatDay(year: number, month: number, day: number): LocalDay {
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The day n days after (or before, n < 0) a local day. */
export function addDays(day: LocalDay, n: number): LocalDay {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

export function weekdayOf(day: LocalDay): WeekdayIndex {
  return new Date(`${day}T00:00:00.000Z`).getUTCDay() as WeekdayIndex;
}

/** A real calendar date written YYYY-MM-DD (not 2026-02-30). */
export function isLocalDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
}
