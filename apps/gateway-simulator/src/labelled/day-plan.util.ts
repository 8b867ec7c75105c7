import type { SimAccount } from '../province.type';
import type { SeededRandom } from '../random.util';
import { localWeekday } from '../working-hours.util';
import type { Injection, SessionStyle } from './labelled-case.type';
import { officeWindows } from './work-calendar.util';
import { ORDINARY_STYLE } from './work-session.util';

/** An ordinary session to be written when the timeline reaches it. */
export interface PlannedSession {
  at: number;
  account: SimAccount;
  budget: number;
  style: SessionStyle;
}

/** Minutes before the desk closes when no new session starts: a session then ends about on time. */
const CLOSING_MARGIN = 25;

/**
 * The ordinary sessions of one account on one local day: none when its unit is closed (Sunday, holiday, Saturday
 * for most) or a case silences it; otherwise about its personal rate x scale x the cases' factors citizens,
 * ±25% (less part of what earlier days did beyond their plan), in sessions of 4-12 citizens (15-50 checks for
 * an integration account) at random times of the office hours. Now and then a session starts just after closing
 * time, as people stay late.
 */
export function planDay(
  carry: Map<SimAccount, number>,
  rng: SeededRandom,
  account: SimAccount,
  day: number,
  dayStart: number,
  scale: number,
  cases: readonly Injection[] | undefined,
): PlannedSession[] {
  if (!account.rate || (account.firstDay !== undefined && day < account.firstDay)) return [];
  const windows = officeWindows(account.unit, dayStart);
  if (!windows.length) return [];
  let factor = 1;
  let style = ORDINARY_STYLE;
  for (const c of cases ?? []) {
    factor *= c.factor?.(account, day) ?? 1;
    const s = c.style?.(account, day);
    if (s) style = { ...style, ...s };
  }
  if (factor <= 0) return [];
  const weekday = localWeekday(dayStart);
  // A dossier brings its whole household, so small budgets overshoot: what was done beyond plan is taken off
  // the next days, keeping the account's average (and each case's factor) true at any scale. A busy account
  // repays 30% of a day at a time (no dip after a long day); a slow one keeps at most two days owed.
  const base =
    account.rate *
    scale *
    factor *
    (0.75 + 0.5 * rng.next()) *
    (weekday === 6 ? 0.5 : weekday === 1 ? 1.1 : 1);
  const owed = carry.get(account) ?? 0;
  const repay = Math.min(owed, Math.max(0.3 * base, owed - 2 * base));
  carry.set(account, owed - repay);
  const expected = base - repay;
  if (expected <= 0) return [];
  const citizens = Math.floor(expected) + (rng.next() < expected % 1 ? 1 : 0);
  if (citizens < 1) return [];
  const perSession = account.role === 'service' ? rng.int(15, 50) : rng.int(4, 12);
  const sessions = Math.max(1, Math.round(citizens / perSession));
  const open = windows.reduce((sum, w) => sum + w.to - w.from - CLOSING_MARGIN, 0);
  const plans: PlannedSession[] = [];
  for (let i = 0; i < sessions; i++) {
    const budget = Math.floor(((i + 1) * citizens) / sessions) - Math.floor((i * citizens) / sessions);
    if (budget < 1) continue;
    let minute = rng.next() * open;
    let start = windows[0].from;
    for (const w of windows) {
      start = w.from + minute;
      if (minute < w.to - w.from - CLOSING_MARGIN) break;
      minute -= w.to - w.from - CLOSING_MARGIN;
    }
    if (windows.length === 2 && rng.chance(0.015)) start = 17 * 60 + rng.next() * 40;
    plans.push({ at: dayStart + Math.round(start * 60_000), account, budget, style });
  }
  return plans;
}
