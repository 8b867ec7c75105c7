import { addDays, LocalDay } from '../calendar/local-day.util';
import type { OwnBaselineSettings } from './volume-settings.util';

export interface DayCounts {
  lookups: number;
  subjects: number;
}

/** What the baseline of one account's day is made of, and what was left out. */
export interface BaselineDays {
  days: LocalDay[];
  lookups: number[];
  subjects: number[];
  /** From the first day of the baseline to the last (the day before the day judged). */
  from: LocalDay | null;
  to: LocalDay | null;
  excluded: { alerted: number; unitSurge: number; absence: number };
}

export interface BaselineSource {
  /** The account's first day of activity: a quiet working day before it is not a zero, it is before the account. */
  firstDay: LocalDay | null;
  isWorkingDay(day: LocalDay): boolean;
  /** Already alerted on for this type (a finding is not the account's normal). */
  isAlerted(day: LocalDay): boolean;
  /** The whole unit surged (a campaign is not the account's normal either). */
  unitSurged(day: LocalDay): boolean;
  /** The day's counts, undefined when the account did nothing that day. */
  countsOf(day: LocalDay): DayCounts | undefined;
}

const DAYS_BEFORE_CACHE = 4096;
const daysBeforeCache = new Map<string, LocalDay[]>();

/**
 * The n calendar days before a day, latest first. Cached: a scan asks for the same few hundred days for every
 * account, and date arithmetic was most of its time.
 */
export function daysBefore(day: LocalDay, n: number): readonly LocalDay[] {
  const key = `${day}/${n}`;
  let days = daysBeforeCache.get(key);
  if (!days) {
    if (daysBeforeCache.size >= DAYS_BEFORE_CACHE) daysBeforeCache.clear();
    days = Array.from({ length: n }, (_, i) => addDays(day, -(i + 1)));
    daysBeforeCache.set(key, days);
  }
  return days;
}

/**
 * The last historyDays eligible working days before the day, within lookbackCalendarDays: working days of the
 * account's unit since its first activity, a quiet one counting as 0, leaving out days alerted on, days the
 * whole unit surged, and absences (absenceDays or more quiet working days in a row: leave, not work at 0), going
 * further back to replace them.
 */
export function baselineDays(day: LocalDay, source: BaselineSource, s: OwnBaselineSettings): BaselineDays {
  const out: BaselineDays = { days: [], lookups: [], subjects: [], from: null, to: null, excluded: { alerted: 0, unitSurge: 0, absence: 0 } };
  if (!source.firstDay) return out;
  const quiet: LocalDay[] = [];
  const before = daysBefore(day, s.lookbackCalendarDays);
  for (let back = 0; back < before.length && out.days.length < s.historyDays; back++) {
    const d = before[back];
    if (d < source.firstDay) break;
    if (!source.isWorkingDay(d)) continue;
    if (source.isAlerted(d)) {
      out.excluded.alerted++;
      continue;
    }
    if (source.unitSurged(d)) {
      out.excluded.unitSurge++;
      continue;
    }
    const counts = source.countsOf(d);
    if (!counts) {
      quiet.push(d);
      continue;
    }
    endQuietRun(out, quiet, s);
    out.days.push(d);
    out.lookups.push(counts.lookups);
    out.subjects.push(counts.subjects);
  }
  endQuietRun(out, quiet, s);
  // A short quiet run flushed last may overshoot the count.
  for (const list of [out.days, out.lookups, out.subjects]) list.length = Math.min(list.length, s.historyDays);
  out.to = out.days[0] ?? null;
  out.from = out.days[out.days.length - 1] ?? null;
  return out;
}

/** A short run of quiet days is part of the account's normal (zeros); a long one is an absence, left out. */
function endQuietRun(out: BaselineDays, quiet: LocalDay[], s: OwnBaselineSettings): void {
  if (quiet.length >= s.absenceDays) {
    out.excluded.absence += quiet.length;
  } else {
    for (const d of quiet) {
      out.days.push(d);
      out.lookups.push(0);
      out.subjects.push(0);
    }
  }
  quiet.length = 0;
}
