import { median } from 'simple-statistics';
import { LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import { daysBefore } from './volume-baseline.util';
import type { AccountDayVolume, VolumeAccount } from './volume.repository';
import { unitSurged } from './volume-rules.util';
import type { VolumeSettings } from './volume-settings.util';

const NOON_MS = 12 * 3_600_000;

function memoOf<K, V>(memo: Map<K, Map<LocalDay, V>>, key: K): Map<LocalDay, V> {
  let byDay = memo.get(key);
  if (!byDay) memo.set(key, (byDay = new Map()));
  return byDay;
}

/**
 * A period of account days held in memory for the volume detectors: every day of a scan is judged from it, so a
 * 120-day scan reads the aggregate once instead of once per day. Indexed by account and by day.
 */
export class VolumeWindow {
  private readonly byAccount = new Map<string, Map<LocalDay, AccountDayVolume>>();
  private readonly byDay = new Map<LocalDay, AccountDayVolume[]>();
  private readonly alerted = new Map<string, Set<LocalDay>>();
  // Memos by unit, then day: nested maps, because building a string key per lookup was a scan's hot spot.
  private readonly working = new Map<string | null, Map<LocalDay, boolean>>();
  private readonly memberMedians = new Map<string | null, Map<LocalDay, number | null>>();
  private readonly surged = new Map<string, Map<LocalDay, boolean>>();
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

  /** The account's days with lookups: a baseline asks it of forty days in a row. */
  daysOf(accountId: string): ReadonlyMap<LocalDay, AccountDayVolume> | undefined {
    return this.byAccount.get(accountId);
  }

  alertedDaysOf(accountId: string): ReadonlySet<LocalDay> | undefined {
    return this.alerted.get(accountId);
  }

  /** The unit the account worked for that day: the events' unit, else the directory's. */
  unitOf(row: AccountDayVolume): string | null {
    return row.unitCode ?? this.accounts.get(row.accountId)?.unitCode ?? null;
  }

  markAlerted(accountId: string, day: LocalDay): void {
    const days = this.alerted.get(accountId);
    if (days) days.add(day);
    else this.alerted.set(accountId, new Set([day]));
  }

  isAlerted(accountId: string, day: LocalDay): boolean {
    return this.alerted.get(accountId)?.has(day) ?? false;
  }

  isWorkingDay(unitCode: string | null, day: LocalDay): boolean {
    const byDay = memoOf(this.working, unitCode);
    let working = byDay.get(day);
    if (working === undefined) byDay.set(day, (working = this.isWorking(unitCode, new Date(startOfLocalDay(day).getTime() + NOON_MS))));
    return working;
  }

  /** The median lookups of the unit's active members that day; null below minMembers (no "unit" to speak of). */
  memberMedian(unitCode: string | null, day: LocalDay): number | null {
    const byDay = memoOf(this.memberMedians, unitCode);
    const known = byDay.get(day);
    if (known !== undefined) return known;
    const volumes = this.unitVolumesOn(day).get(unitCode) ?? [];
    const value = volumes.length >= this.settings.unitSurge.minMembers ? median(volumes) : null;
    byDay.set(day, value);
    return value;
  }

  /** The whole unit surged that day: its median member at riseFactor times the unit's usual median member. */
  unitSurged(unitCode: string | null, day: LocalDay): boolean {
    if (!unitCode) return false;
    const byDay = memoOf(this.surged, unitCode);
    const known = byDay.get(day);
    if (known !== undefined) return known;
    const today = this.memberMedian(unitCode, day);
    const value = today !== null && unitSurged(today, this.usualMemberMedians(unitCode, day), this.settings.ownBaseline.minHistoryDays, this.settings.unitSurge);
    byDay.set(day, value);
    return value;
  }

  /** The first of the unit's surging working days that end with this day (the day itself when the day before did not surge). */
  surgeRunStart(unitCode: string, day: LocalDay): LocalDay {
    let start = day;
    for (const d of daysBefore(day, this.settings.ownBaseline.lookbackCalendarDays)) {
      if (!this.isWorkingDay(unitCode, d)) continue;
      if (!this.unitSurged(unitCode, d)) break;
      start = d;
    }
    return start;
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
    for (const d of daysBefore(day, s.lookbackCalendarDays)) {
      if (out.length >= s.historyDays) break;
      if (!this.isWorkingDay(unitCode, d)) continue;
      const m = this.memberMedian(unitCode, d);
      if (m !== null) out.push(m);
    }
    return out;
  }
}
