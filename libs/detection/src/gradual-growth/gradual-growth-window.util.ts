import { median } from 'simple-statistics';
import type { LocalDay } from '../calendar/local-day.util';
import { AccountDayIndex } from '../scan/account-day-index.util';
import { daysBefore } from '../volume/volume-baseline.util';
import type { AccountDayVolume, VolumeAccount } from '../volume/volume.repository';
import { growthRatio, GrowthJudgement, GrowthPeriod, judgeGrowth } from './gradual-growth-rules.util';
import type { GradualGrowthSettings } from './gradual-growth-settings.util';

export interface GrowthVerdict {
  judgement: GrowthJudgement;
  /** The unit's other people's recent/earlier ratios: their count and median (null below minPeers). */
  unit: { count: number; medianRatio: number } | null;
  /** The whole unit rose too: the unit's load, not the account's. */
  unitRose: boolean;
  fires: boolean;
}

/** The account days of a block and its history, with each account-day's growth verdict memoised. */
export class GradualGrowthWindow {
  private readonly index: AccountDayIndex<AccountDayVolume>;
  private readonly working = new Map<string, boolean>();
  private readonly verdicts = new Map<string, GrowthVerdict | null>();
  private readonly unitRatios = new Map<string, Map<string, number>>();
  private readonly calendars = new Map<LocalDay, readonly LocalDay[]>();

  constructor(
    rows: readonly AccountDayVolume[],
    private readonly accounts: ReadonlyMap<string, VolumeAccount>,
    private readonly isWorking: (unitCode: string | null, day: LocalDay) => boolean,
    private readonly s: GradualGrowthSettings,
  ) {
    this.index = new AccountDayIndex(rows);
  }

  rowsOn(day: LocalDay): readonly AccountDayVolume[] {
    return this.index.rowsOn(day);
  }

  unitOf(row: AccountDayVolume): string | null {
    return row.unitCode ?? this.accounts.get(row.accountId)?.unitCode ?? null;
  }

  /** The account's working days with lookups between `from` and `to` days before `day` (from > to >= 0). */
  period(accountId: string, day: LocalDay, from: number, to: number): GrowthPeriod & { rows: AccountDayVolume[] } {
    const out = { volumes: [] as number[], offsets: [] as number[], rows: [] as AccountDayVolume[] };
    // The day itself and the days before it, latest first (cached: date arithmetic was this detector's hot spot).
    const calendar = this.calendarTo(day);
    for (let back = from - 1; back >= to; back--) {
      const d = calendar[back];
      const row = this.index.rowOf(accountId, d);
      if (!row || !this.isWorkingDay(this.unitOf(row), d)) continue;
      out.volumes.push(row.lookups);
      out.offsets.push(-back);
      out.rows.push(row);
    }
    return out;
  }

  /** The blocks of days ending with the day, oldest first: the last is the recent period. */
  blocks(accountId: string, day: LocalDay): (GrowthPeriod & { rows: AccountDayVolume[] })[] {
    const { blockDays, blocks } = this.s;
    return Array.from({ length: blocks }, (_, b) => this.period(accountId, day, (blocks - b) * blockDays, (blocks - b - 1) * blockDays));
  }

  private calendarTo(day: LocalDay): readonly LocalDay[] {
    let days = this.calendars.get(day);
    if (!days) this.calendars.set(day, (days = [day, ...daysBefore(day, this.s.blocks * this.s.blockDays)]));
    return days;
  }

  verdict(accountId: string, day: LocalDay): GrowthVerdict | null {
    const key = `${accountId}\u0000${day}`;
    const known = this.verdicts.get(key);
    if (known !== undefined) return known;
    let verdict: GrowthVerdict | null = null;
    const row = this.index.rowOf(accountId, day);
    // An integration account grows with the citizens who apply online, not with what an official chooses to do.
    const person = this.accounts.get(accountId)?.accountType !== 'service';
    const judgement = person && row && this.isWorkingDay(this.unitOf(row), day) ? judgeGrowth(this.blocks(accountId, day), this.s) : null;
    if (judgement?.fires) {
      const ratios = this.unitRatiosOn(this.unitOf(row!), day, accountId);
      const unit = ratios.length >= this.s.minPeers ? { count: ratios.length, medianRatio: Math.round(median(ratios) * 100) / 100 } : null;
      const unitRose = unit !== null && unit.medianRatio >= this.s.unitRiseFactor;
      verdict = { judgement, unit, unitRose, fires: !unitRose };
    } else if (judgement) verdict = { judgement, unit: null, unitRose: false, fires: false };
    this.verdicts.set(key, verdict);
    return verdict;
  }

  flagged(accountId: string, day: LocalDay): boolean {
    return this.verdict(accountId, day)?.fires ?? false;
  }

  isWorkingDay(unitCode: string | null, day: LocalDay): boolean {
    const key = `${unitCode}\u0000${day}`;
    let working = this.working.get(key);
    if (working === undefined) this.working.set(key, (working = this.isWorking(unitCode, day)));
    return working;
  }

  /** recent / earlier of the unit's other people active in the recent period (service accounts are nobody's peers). */
  private unitRatiosOn(unit: string | null, day: LocalDay, accountId: string): number[] {
    if (!unit) return [];
    const key = `${unit}\u0000${day}`;
    let ratios = this.unitRatios.get(key);
    if (!ratios) {
      ratios = new Map();
      for (let back = 0; back < this.s.blockDays; back++)
        for (const r of this.rowsOn(this.calendarTo(day)[back])) {
          if (ratios.has(r.accountId) || this.unitOf(r) !== unit || this.accounts.get(r.accountId)?.accountType === 'service') continue;
          const ratio = growthRatio(this.blocks(r.accountId, day), this.s);
          if (ratio !== null) ratios.set(r.accountId, ratio);
        }
      this.unitRatios.set(key, ratios);
    }
    return [...ratios].filter(([id]) => id !== accountId).map(([, r]) => r);
  }
}
