/** Asia/Ho_Chi_Minh is UTC+7 all year (no daylight saving): local time is plain arithmetic. */
export const LOCAL_OFFSET_MS = 7 * 3600_000;
export const DAY_MS = 86_400_000;
export const SLOT_MINUTES = 10;
export const SLOTS_PER_DAY = (24 * 60) / SLOT_MINUTES;

/** 0 = Sunday … 6 = Saturday, of the local day that starts at utcMs. */
export function localWeekday(utcMs: number): number {
  return new Date(utcMs + LOCAL_OFFSET_MS).getUTCDay();
}

/** UTC instant of local midnight of the local day holding utcMs. */
export function localMidnight(utcMs: number): number {
  const local = utcMs + LOCAL_OFFSET_MS;
  return local - (local % DAY_MS) - LOCAL_OFFSET_MS;
}

let lastDay = NaN;
let lastDate = { yyyymmdd: '', yymmdd: '' };

/** yyyymmdd and yymmdd of the local day (event ids and dossier codes carry them). */
export function localDate(utcMs: number): { yyyymmdd: string; yymmdd: string } {
  const day = Math.floor((utcMs + LOCAL_OFFSET_MS) / DAY_MS);
  if (day !== lastDay) {
    // Millions of events share a few days: remember the last one.
    const iso = new Date(day * DAY_MS).toISOString();
    const yyyymmdd = iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10);
    lastDay = day;
    lastDate = { yyyymmdd, yymmdd: yyyymmdd.slice(2) };
  }
  return lastDate;
}

/** RFC 3339 with the +07:00 offset the gateway writes, e.g. 2026-11-20T08:15:23.120+07:00. */
export function formatOccurredAt(utcMs: number, withMillis = true): string {
  const iso = new Date(utcMs + LOCAL_OFFSET_MS).toISOString();
  return `${withMillis ? iso.slice(0, 23) : iso.slice(0, 19)}+07:00`;
}

/** Relative traffic of a weekday: offices work Monday to Friday, a few on Saturday morning. */
export function dayWeight(weekday: number): number {
  if (weekday === 0) return 0.02;
  if (weekday === 6) return 0.12;
  return 1;
}

/**
 * Relative traffic of the 10-minute slot starting at `minute` of the local day: 7:30-11:30 and 13:30-17:00 on
 * weekdays (busiest mid-morning), Saturday mornings only, and almost nothing at night.
 */
export function slotWeight(weekday: number, minute: number): number {
  const h = minute / 60;
  const saturday = weekday === 6;
  if (h < 6 || h >= 22) return 0.002;
  if (h < 7.5) return 0.03;
  if (h < 11.5) return h >= 8.5 && h < 10.5 ? 1.25 : 1;
  if (saturday) return 0.004;
  if (h < 13.5) return 0.07;
  if (h < 17) return 0.9;
  if (h < 18.5) return 0.08;
  return 0.01;
}
