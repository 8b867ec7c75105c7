import { median } from 'simple-statistics';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import type { AccountDayVolume, VolumeAccount } from './volume.repository';
import { unitSurged } from './volume-rules.util';
import type { VolumeSettings } from './volume-settings.util';

const NOON_MS = 12 * 3_600_000;

/**
 * A period of account days held in memory for the volume detectors: every day of a scan is judged from it, so a
 * 120-day scan reads the aggregate once instead of once per day. Indexed by account and by day.
 */
export class VolumeWindow {
  private readonly byAccount = new Map<string, Map<LocalDay, AccountDayVolume>>();
  private readonly byDay = new Map<LocalDay, AccountDayVolume[]>();
  private readonly alerted = new Set<string>();
  private readonly working = new Map<string, boolean>();
  private readonly memberMedians = new Map<string, number | null>();
  private readonly surged = new Map<string, boolean>();
  private readonly unitVolumes = new Map<LocalDay, Map<string | null, number[]>>();

  constructor(
    rows: readonly AccountDayVolume[],
    readonly accounts: ReadonlyMap<string, VolumeAccount>,
    readonly firstDays: ReadonlyMap<string, LocalDay>,
    private readonly isWorking: (unitCode: string | null, noon: Date) => boolean,
    private readonly settings: VolumeSettings,
  ) {
    for (const r of rows) {
      if (!this.byAccount.has(r.accountId)) this.byAccount.set(r.accountId, new Map());
      this.byAccount.get(r.accountId)!.set(r.day, r);
      if (!this.byDay.has(r.day)) this.byDay.set(r.day, []);
      this.byDay.get(r.day)!.push(r);
    }
  }

  rowsOn(day: LocalDay): readonly AccountDayVolume[] {
    return this.byDay.get(day) ?? [];
  }

  countsOf(accountId: string, day: LocalDay): AccountDayVolume | undefined {
    return this.byAccount.get(accountId)?.get(day);
  }

  /** The unit the account worked for that day: the events' unit, else the directory's. */
  unitOf(row: AccountDayVolume): string | null {
    return row.unitCode ?? this.accounts.get(row.accountId)?.unitCode ?? null;
  }

  markAlerted(accountId: string, day: LocalDay): void {
    this.alerted.add(`${accountId}\u0000${day}`);
  }

  isAlerted(accountId: string, day: LocalDay): boolean {
    return this.alerted.has(`${accountId}\u0000${day}`);
  }

  isWorkingDay(unitCode: string | null, day: LocalDay): boolean {
    const key = `${unitCode}\u0000${day}`;
    let working = this.working.get(key);
    if (working === undefined) this.working.set(key, (working = this.isWorking(unitCode, new Date(startOfLocalDay(day).getTime() + NOON_MS))));
    return working;
  }

  /** The median lookups of the unit's active members that day; null below minMembers (no "unit" to speak of). */
  memberMedian(unitCode: string | null, day: LocalDay): number | null {
    const key = `${unitCode}\u0000${day}`;
    if (this.memberMedians.has(key)) return this.memberMedians.get(key)!;
    const volumes = this.unitVolumesOn(day).get(unitCode) ?? [];
    const value = volumes.length >= this.settings.unitSurge.minMembers ? median(volumes) : null;
    this.memberMedians.set(key, value);
    return value;
  }

  /** The whole unit surged that day: its median member at riseFactor times the unit's usual median member. */
  unitSurged(unitCode: string | null, day: LocalDay): boolean {
    if (!unitCode) return false;
    const key = `${unitCode}\u0000${day}`;
    const known = this.surged.get(key);
    if (known !== undefined) return known;
    const today = this.memberMedian(unitCode, day);
    const value = today !== null && unitSurged(today, this.usualMemberMedians(unitCode, day), this.settings.ownBaseline.minHistoryDays, this.settings.unitSurge);
    this.surged.set(key, value);
    return value;
  }

  /** Each unit's members' lookups on a day, grouped once per day rather than filtered once per unit. */
  private unitVolumesOn(day: LocalDay): Map<string | null, number[]> {
    let byUnit = this.unitVolumes.get(day);
    if (byUnit) return byUnit;
    byUnit = new Map();
    for (const r of this.rowsOn(day)) {
      const unit = this.unitOf(r);
      const list = byUnit.get(unit);
      if (list) list.push(r.lookups);
      else byUnit.set(unit, [r.lookups]);
    }
    this.unitVolumes.set(day, byUnit);
    return byUnit;
  }

  private usualMemberMedians(unitCode: string, day: LocalDay): number[] {
    const s = this.settings.ownBaseline;
    const out: number[] = [];
    for (let back = 1; back <= s.lookbackCalendarDays && out.length < s.historyDays; back++) {
      const d = addDays(day, -back);
      if (!this.isWorkingDay(unitCode, d)) continue;
      const m = this.memberMedian(unitCode, d);
      if (m !== null) out.push(m);
    }
    return out;
  }
}
