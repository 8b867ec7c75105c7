import { median } from 'simple-statistics';
import type { LocalDay } from '../calendar/local-day.util';
import type { DayHours } from '../working-hours/working-calendar.service';
import type { OffHoursSettings } from './off-hours-settings.util';

export const SLOTS = 48;
const SLOT_MINUTES = 30;

/** Why a day's off-hours lookups were off-hours. */
export type OffHoursKind = 'holiday' | 'sunday' | 'saturday' | 'closed_day' | 'night' | 'outside_hours';

/** A unit's local day, half-hour by half-hour: the weight of a lookup in each slot, 0 where it is not off-hours. */
export interface OffHoursSlots {
  weights: readonly number[];
  night: readonly boolean[];
  /** The day's kind when the unit does not work at all that day. */
  closed: 'holiday' | 'sunday' | 'saturday' | 'closed_day' | null;
  holiday?: string;
}

/** One account's off-hours work on one day. */
export interface OffHoursDay {
  day: LocalDay;
  lookups: number;
  weighted: number;
  kind: OffHoursKind;
  holiday?: string;
}

/**
 * Which half-hours of a unit's day are off-hours. A slot counts only when it lies entirely outside the unit's
 * hours widened by the grace on both sides (to be conservative: a slot straddling closing time, or within the grace
 * after it, is not counted, since the aggregate cannot tell 16:59 from 17:29 in it). On a day the unit does not
 * work (weekend, holiday, declared day off) every slot counts. The lunch break is inside hours.
 */
export function offHoursSlots(hours: DayHours, s: OffHoursSettings): OffHoursSlots {
  const nightFrom = s.nightStartHour * 60;
  const nightTo = s.nightEndHour * 60;
  const night = Array.from({ length: SLOTS }, (_, i) => i * SLOT_MINUTES >= nightFrom || (i + 1) * SLOT_MINUTES <= nightTo);
  if (!hours.workingDay) {
    const closed = hours.reason === 'holiday' ? 'holiday' : hours.reason === 'sunday' || hours.reason === 'saturday' ? hours.reason : 'closed_day';
    const base = closed === 'holiday' ? s.weights.holiday : s.weights.closedDay;
    return { weights: night.map((n) => Math.max(base, n ? s.weights.night : 0)), night, closed, ...(hours.holiday ? { holiday: hours.holiday } : {}) };
  }
  const open = hours.periods[0][0] - s.graceMinutes;
  const close = hours.periods[hours.periods.length - 1][1] + s.graceMinutes;
  const weights = night.map((n, i) => {
    const outside = (i + 1) * SLOT_MINUTES <= open || i * SLOT_MINUTES >= close;
    return !outside ? 0 : n ? s.weights.night : s.weights.outsideHours;
  });
  return { weights, night, closed: null };
}

/** An account's day read through its unit's slots; null below minDayLookups (not an off-hours day). */
export function offHoursDay(day: LocalDay, slots: readonly number[], unit: OffHoursSlots, s: OffHoursSettings): OffHoursDay | null {
  let lookups = 0;
  let weighted = 0;
  let night = false;
  for (let i = 0; i < SLOTS; i++) {
    if (!slots[i] || !unit.weights[i]) continue;
    lookups += slots[i];
    weighted += slots[i] * unit.weights[i];
    if (unit.night[i]) night = true;
  }
  if (lookups < s.minDayLookups || lookups === 0) return null;
  const kind: OffHoursKind = unit.closed ?? (night ? 'night' : 'outside_hours');
  return { day, lookups, weighted, kind, ...(unit.holiday ? { holiday: unit.holiday } : {}) };
}

/** An off-hours day that is off-hours whatever the account's habit: not an evening or early morning of a working day. */
export const isUnmistakable = (d: OffHoursDay): boolean => d.kind !== 'outside_hours';

export interface OffHoursJudgement {
  /** The days judged: all the window's off-hours days, or without a habit only the unmistakable ones. */
  days: OffHoursDay[];
  lookups: number;
  weighted: number;
  /** The account's usual off-hours lookups over a window's length (its median week, scaled); null without enough history. */
  habit: number | null;
  habitWeeks: number;
  peers: { count: number; median: number } | null;
  expected: number;
  threshold: number;
  fires: boolean;
  /** weighted / threshold. */
  score: number;
}

/**
 * The off-hours days of a window against the account's habit and its unit's peers over the same window:
 * fires with at least minDays days and more than max(floor, multiple x max(habit, peers' median)) lookups.
 */
export function judgeOffHours(all: OffHoursDay[], weeklyHistory: number[], peerTotals: number[], s: OffHoursSettings): OffHoursJudgement {
  const habit = weeklyHistory.length >= s.minHistoryWeeks ? (median(weeklyHistory) * s.windowDays) / 7 : null;
  // Without a habit to weigh them against, evenings of working days are not counted: staying late every day is
  // common, and only the account's past can say it is its normal. Nights, closed days and holidays still count.
  const days = habit === null ? all.filter(isUnmistakable) : all;
  const lookups = days.reduce((n, d) => n + d.lookups, 0);
  const weighted = days.reduce((n, d) => n + d.weighted, 0);
  const peers = peerTotals.length >= s.minPeers ? { count: peerTotals.length, median: median(peerTotals) } : null;
  const expected = Math.max(habit ?? 0, peers?.median ?? 0);
  const threshold = Math.max(s.floor, s.multiple * expected);
  const score = threshold > 0 ? Math.round((weighted / threshold) * 100) / 100 : 0;
  return { days, lookups, weighted, habit, habitWeeks: weeklyHistory.length, peers, expected, threshold, fires: days.length >= s.minDays && lookups > threshold, score };
}
