import { addDays, LocalDay } from '../calendar/local-day.util';
import type { VolumeAccount } from '../volume/volume.repository';
import type { BulkExportDay, ExportPeerGroup } from './bulk-export-alert.util';
import { judgeExport } from './bulk-export-rules.util';
import type { BulkExportSettings } from './bulk-export-settings.util';
import type { AccountDayExports } from './bulk-export.repository';

/**
 * The export days of a scan block and its history, by account and by peer group (unit and role, kind of unit and
 * role; service accounts are nobody's peers), each account-day judged once.
 */
export class ExportHistory {
  private readonly byAccount = new Map<string, AccountDayExports[]>();
  private readonly byGroup = new Map<string, AccountDayExports[]>();
  private readonly memo = new Map<string, BulkExportDay | null>();

  constructor(
    rows: readonly AccountDayExports[],
    private readonly accounts: ReadonlyMap<string, VolumeAccount>,
    private readonly kindOf: (unitCode: string | null) => string | null,
    private readonly s: BulkExportSettings,
  ) {
    for (const r of rows) {
      push(this.byAccount, r.accountId, r);
      if (accounts.get(r.accountId)?.accountType === 'service') continue;
      for (const [key] of this.groupsOf(r)) push(this.byGroup, key, r);
    }
  }

  /** The day flagged with its judgement, or null: not above the floor, or within the habits. */
  judge(accountId: string, day: LocalDay): BulkExportDay | null {
    const key = `${accountId}\u0000${day}`;
    if (this.memo.has(key)) return this.memo.get(key)!;
    const days = this.byAccount.get(accountId) ?? [];
    const row = days.find((r) => r.day === day);
    let out: BulkExportDay | null = null;
    // The floor first: almost every export day is below it.
    if (row && row.exportedSubjects > this.s.floor) {
      const since = addDays(day, -this.s.historyDays);
      const own = days.filter((r) => r.day >= since && r.day < day).map((r) => r.exportedSubjects);
      const peers = this.peerDays(row, since);
      const judgement = judgeExport(row.exportedSubjects, own, peers.days, this.s);
      if (judgement.fires) out = { row, judgement, peerGroup: judgement.peers ? peers.group : null };
    }
    this.memo.set(key, out);
    return out;
  }

  /** The peers' export days since `since` up to the day: the unit and role, else (too few) the kind of unit and role. */
  private peerDays(row: AccountDayExports, since: LocalDay): { days: number[]; group: ExportPeerGroup | null } {
    let out: { days: number[]; group: ExportPeerGroup | null } = { days: [], group: null };
    for (const [key, group] of this.groupsOf(row)) {
      const days = (this.byGroup.get(key) ?? []).filter((r) => r.accountId !== row.accountId && r.day >= since && r.day <= row.day).map((r) => r.exportedSubjects);
      out = { days, group };
      if (days.length >= this.s.minPeerExports) break;
    }
    return out;
  }

  private groupsOf(r: AccountDayExports): [string, ExportPeerGroup][] {
    const unit = r.unitCode ?? this.accounts.get(r.accountId)?.unitCode ?? null;
    const role = this.accounts.get(r.accountId)?.role ?? null;
    const kind = this.kindOf(unit);
    return [[`u:${unit}:${role}`, 'unit_role'], ...(kind ? [[`k:${kind}:${role}`, 'unit_kind_role'] as [string, ExportPeerGroup]] : [])];
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
