import { addDays, LocalDay } from '../calendar/local-day.util';
import { AccountDayIndex } from '../scan/account-day-index.util';
import type { VolumeAccount } from '../volume/volume.repository';
import type { DayHours } from '../working-hours/working-calendar.service';
import { judgeOffHours, OffHoursDay, offHoursDay, OffHoursJudgement, offHoursSlots, OffHoursSlots } from './off-hours-rules.util';
import type { OffHoursSettings } from './off-hours-settings.util';
import type { AccountDaySlots } from './off-hours.repository';

/**
 * The account days of a scan block and its history, with what the off-hours rule asks of them memoised: a unit's
 * day's slots, an account's off-hours day, a window's judgement. Every answer depends on the data only, so a scan
 * started on any day finds the same episodes.
 */
export class OffHoursWindow {
  private readonly index: AccountDayIndex<AccountDaySlots>;
  private readonly unitSlots = new Map<string, OffHoursSlots>();
  private readonly offDays = new Map<string, OffHoursDay | null>();
  private readonly judgements = new Map<string, OffHoursJudgement | null>();
  private readonly unitTotals = new Map<string, Map<string, number>>();

  constructor(
    rows: readonly AccountDaySlots[],
    private readonly accounts: ReadonlyMap<string, VolumeAccount>,
    private readonly firstDays: ReadonlyMap<string, LocalDay>,
    private readonly hoursOn: (unitCode: string | null, day: LocalDay) => DayHours,
    private readonly s: OffHoursSettings,
  ) {
    this.index = new AccountDayIndex(rows);
  }

  rowsOn(day: LocalDay): readonly AccountDaySlots[] {
    return this.index.rowsOn(day);
  }

  rowOf(accountId: string, day: LocalDay): AccountDaySlots | undefined {
    return this.index.rowOf(accountId, day);
  }

  /** The unit the account worked for that day: the events' unit, else the directory's. */
  unitOf(accountId: string, day: LocalDay): string | null {
    return this.rowOf(accountId, day)?.unitCode ?? this.accounts.get(accountId)?.unitCode ?? null;
  }

  slotsOf(unitCode: string | null, day: LocalDay): OffHoursSlots {
    const key = `${unitCode}\u0000${day}`;
    let slots = this.unitSlots.get(key);
    if (!slots) this.unitSlots.set(key, (slots = offHoursSlots(this.hoursOn(unitCode, day), this.s)));
    return slots;
  }

  offDay(accountId: string, day: LocalDay): OffHoursDay | null {
    const key = `${accountId}\u0000${day}`;
    let off = this.offDays.get(key);
    if (off === undefined) {
      const row = this.rowOf(accountId, day);
      off = row ? offHoursDay(day, row.slots, this.slotsOf(this.unitOf(accountId, day), day), this.s) : null;
      this.offDays.set(key, off);
    }
    return off;
  }

  /** The off-hours days of [from, to]. */
  offDaysIn(accountId: string, from: LocalDay, to: LocalDay): OffHoursDay[] {
    const out: OffHoursDay[] = [];
    for (let d = from; d <= to; d = addDays(d, 1)) {
      const off = this.offDay(accountId, d);
      if (off) out.push(off);
    }
    return out;
  }

  /** The window ending on an off-hours day, judged (null when the day is not one, the window is too small to fire, or the account is a service account). */
  judge(accountId: string, day: LocalDay): OffHoursJudgement | null {
    const key = `${accountId}\u0000${day}`;
    const known = this.judgements.get(key);
    if (known !== undefined) return known;
    let judgement: OffHoursJudgement | null = null;
    // An integration account works when citizens submit online, night and day: it is not an official's off-hours.
    if (this.accounts.get(accountId)?.accountType !== 'service' && this.offDay(accountId, day)) {
      const from = addDays(day, 1 - this.s.windowDays);
      const days = this.offDaysIn(accountId, from, day);
      const lookups = days.reduce((n, d) => n + d.lookups, 0);
      // The cheap test first: most windows are one evening, far below the floor.
      if (days.length >= this.s.minDays && lookups > this.s.floor)
        judgement = judgeOffHours(days, this.weeklyHistory(accountId, from), this.peerTotals(accountId, from, day), this.s);
    }
    this.judgements.set(key, judgement);
    return judgement;
  }

  flagged(accountId: string, day: LocalDay): boolean {
    return this.judge(accountId, day)?.fires ?? false;
  }

  /** The account's off-hours lookups per week before the window, over the weeks it existed. */
  private weeklyHistory(accountId: string, windowStart: LocalDay): number[] {
    const first = this.firstDays.get(accountId) ?? windowStart;
    const weeks: number[] = [];
    for (let k = 1; k <= Math.floor(this.s.historyDays / 7); k++) {
      const start = addDays(windowStart, -7 * k);
      if (start < first) break;
      weeks.push(this.offDaysIn(accountId, start, addDays(start, 6)).reduce((n, d) => n + d.lookups, 0));
    }
    return weeks;
  }

  /** The window's off-hours lookups of the other people of the account's unit active in it. */
  private peerTotals(accountId: string, from: LocalDay, to: LocalDay): number[] {
    const unit = this.unitOf(accountId, to);
    if (!unit) return [];
    const key = `${unit}\u0000${to}`;
    let totals = this.unitTotals.get(key);
    if (!totals) {
      totals = new Map();
      for (let d = from; d <= to; d = addDays(d, 1))
        for (const r of this.rowsOn(d)) {
          if ((r.unitCode ?? this.accounts.get(r.accountId)?.unitCode) !== unit || this.accounts.get(r.accountId)?.accountType === 'service') continue;
          totals.set(r.accountId, (totals.get(r.accountId) ?? 0) + (this.offDay(r.accountId, d)?.lookups ?? 0));
        }
      this.unitTotals.set(key, totals);
    }
    return [...totals].filter(([id]) => id !== accountId).map(([, n]) => n);
  }
}
