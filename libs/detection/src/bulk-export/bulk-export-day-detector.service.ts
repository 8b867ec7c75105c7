import { Injectable } from '@nestjs/common';
import type { RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import type { DayDetector } from '../scan/detector.type';
import { episodeStart } from '../scan/episode.util';
import { lastPerKey } from '../scan/finding-evidence.util';
import { VolumeAccount, VolumeRepository } from '../volume/volume.repository';
import { WorkingCalendar } from '../working-hours/working-calendar.service';
import { BULK_EXPORT, bulkExportAlert, BulkExportDay, BulkExportFinding } from './bulk-export-alert.util';
import { judgeExport } from './bulk-export-rules.util';
import { BulkExportSettings, parseBulkExportSettings } from './bulk-export-settings.util';
import { AccountDayExports, BulkExportRepository } from './bulk-export.repository';

const EPISODE_LOOKBACK_DAYS = 60;
const LARGEST_EXPORTS = 5;

/**
 * Detector 11: a day's exported citizens far above what the account's peers export (same unit and role, then same
 * kind of unit and role) and above its own habit; a first-ever large export is judged against its peers and the
 * floor. Exports a few days apart are one alert.
 */
@Injectable()
export class BulkExportDayDetector implements DayDetector<BulkExportSettings> {
  readonly section = 'bulkExport';
  readonly types = [BULK_EXPORT] as const;

  constructor(
    private readonly repository: BulkExportRepository,
    private readonly directory: VolumeRepository,
    private readonly calendar: WorkingCalendar,
  ) {}

  parseSettings(raw: unknown) {
    return parseBulkExportSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: BulkExportSettings): Promise<RaiseAlertInput[]> {
    const rows = await this.repository.findExportDays(addDays(fromDay, -(EPISODE_LOOKBACK_DAYS + s.historyDays)), toDay);
    const accounts = await this.directory.findAccounts([...new Set(rows.map((r) => r.accountId))]);
    const judge = this.judge(rows, accounts, s);
    const findings: BulkExportFinding[] = [];
    for (const row of rows) {
      if (row.day < fromDay || !judge(row.accountId, row.day)) continue;
      const flagged = (d: LocalDay) => judge(row.accountId, d) !== null;
      const start = episodeStart(row.day, flagged, s.episodeGapDays, EPISODE_LOOKBACK_DAYS);
      const days: BulkExportDay[] = [];
      for (let d = start; d <= row.day; d = addDays(d, 1)) {
        const day = judge(row.accountId, d);
        if (day) days.push(day);
      }
      const account = accounts.get(row.accountId);
      const unitCode = row.unitCode ?? account?.unitCode ?? null;
      findings.push({ accountId: row.accountId, unitCode, unitKind: this.calendar.scheduleOf(unitCode).unitKind, role: account?.role ?? null, episodeStart: start, days });
    }
    const latest = lastPerKey(findings.sort((a, b) => (a.days[a.days.length - 1].row.day < b.days[b.days.length - 1].row.day ? -1 : 1)).map((f) => ({ dedupKey: `${f.accountId}:${f.episodeStart}`, f })));
    return Promise.all(
      latest.map(async ({ f }) => {
        const last = f.days[f.days.length - 1].row.day;
        const largest = await this.repository.largestExports(f.accountId, startOfLocalDay(f.days[0].row.day), startOfLocalDay(addDays(last, 1)), LARGEST_EXPORTS);
        return bulkExportAlert(f, largest, s);
      }),
    );
  }

  /** Each account-day judged once: its flagged judgement, or null (not above the floor, or within the habits). */
  private judge(rows: AccountDayExports[], accounts: ReadonlyMap<string, VolumeAccount>, s: BulkExportSettings) {
    const byAccount = new Map<string, Map<LocalDay, AccountDayExports>>();
    const byGroup = new Map<string, AccountDayExports[]>();
    const unitOf = (r: AccountDayExports) => r.unitCode ?? accounts.get(r.accountId)?.unitCode ?? null;
    const groupsOf = (r: AccountDayExports): [string, BulkExportDay['peerGroup']][] => {
      const role = accounts.get(r.accountId)?.role ?? null;
      const kind = this.calendar.scheduleOf(unitOf(r)).unitKind;
      return [[`u:${unitOf(r)}:${role}`, 'unit_role'], ...(kind ? [[`k:${kind}:${role}`, 'unit_kind_role'] as [string, 'unit_kind_role']] : [])];
    };
    for (const r of rows) {
      if (!byAccount.has(r.accountId)) byAccount.set(r.accountId, new Map());
      byAccount.get(r.accountId)!.set(r.day, r);
      if (accounts.get(r.accountId)?.accountType === 'service') continue; // nobody's peer
      for (const [key] of groupsOf(r)) {
        const group = byGroup.get(key);
        if (group) group.push(r);
        else byGroup.set(key, [r]);
      }
    }
    const memo = new Map<string, BulkExportDay | null>();
    return (accountId: string, day: LocalDay): BulkExportDay | null => {
      const key = `${accountId}\u0000${day}`;
      if (memo.has(key)) return memo.get(key)!;
      const row = byAccount.get(accountId)?.get(day);
      let out: BulkExportDay | null = null;
      // The floor first: almost every export day is below it.
      if (row && row.exportedSubjects > s.floor) {
        const since = addDays(day, -s.historyDays);
        const own = [...byAccount.get(accountId)!.values()].filter((r) => r.day >= since && r.day < day).map((r) => r.exportedSubjects);
        let peerDays: number[] = [];
        let peerGroup: BulkExportDay['peerGroup'] = null;
        for (const [groupKey, group] of groupsOf(row)) {
          peerDays = (byGroup.get(groupKey) ?? []).filter((r) => r.accountId !== accountId && r.day >= since && r.day <= day).map((r) => r.exportedSubjects);
          peerGroup = group;
          if (peerDays.length >= s.minPeerExports) break;
        }
        const judgement = judgeExport(row.exportedSubjects, own, peerDays, s);
        if (judgement.fires) out = { row, judgement, peerGroup: judgement.peers ? peerGroup : null };
      }
      memo.set(key, out);
      return out;
    };
  }
}
