import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainException, ErrorCode, ErrorDetail } from '@app/common';
import { SourceSystemsService } from '@app/source-systems';
import { AccountHistoryRepository, NewHistoryEntry } from '../account-history.repository';
import { AccountRepository, StoredDirectoryEntry } from '../account.repository';
import { notDirectoryOwner } from '../account.exception';
import { Actor, LockReason } from '../account.type';
import { AccountLockService } from '../lock/account-lock.service';
import {
  MassChangeAssessment,
  MassChangeGuard,
  MassChangePlan,
} from '../mass-change/mass-change-guard.service';
import { AccountChanges } from '../status/account-changes.service';
import { directoryDiff } from './directory-diff.util';
import { DirectoryEntry } from './directory-entry.type';
import { DirectoryFormat } from './directory-parser.util';
import { DirectoryValidator } from './directory-validator.service';

export type DirectorySyncMode = 'full' | 'delta';

export interface SyncLock {
  accountId: string;
  reason: LockReason;
}

export interface DirectorySyncResult {
  mode: DirectorySyncMode;
  /** applied: the sync was written; dry_run and blocked: nothing was changed. */
  outcome: 'applied' | 'dry_run' | 'blocked';
  received: number;
  /** What the export changes in the stored directory (on a dry run or a blocked sync: would change). */
  created: number;
  updated: number;
  unchanged: number;
  /** Full mode: accounts of earlier exports absent from this one, marked removed. */
  removed: string[];
  /** Accounts locked by this sync (status transferred or retired, or removed). */
  locked: SyncLock[];
  /** Dry run and blocked sync: what the sync would mark removed and lock. */
  wouldRemove: string[];
  wouldLock: SyncLock[];
  /** Full mode: set when the plan is larger than the mass-change threshold. */
  massChange: MassChangeAssessment | null;
  rejected: ErrorDetail[];
}

export interface DirectorySyncRequest {
  /** List what the sync would do; change nothing. */
  dryRun?: boolean;
  /** The confirmation token of a full sync the mass-change check blocked. */
  confirm?: string;
  /** Sent with a producer key: the key's source system, which must own the directory. */
  producerSystem?: string;
}

/** What a sync will write, worked out before anything is: the dry run's answer and the mass-change check's plan. */
interface SyncPlan {
  before: Map<string, StoredDirectoryEntry>;
  changed: DirectoryEntry[];
  history: NewHistoryEntry[];
  created: number;
  unchanged: number;
  leavers: DirectoryEntry[];
  removed: string[];
  wouldLock: SyncLock[];
  /** Active accounts once the sync's new accounts are added: the base of the mass-change share. */
  activeAccounts: number;
}

type Planned = Omit<DirectorySyncResult, 'mode' | 'received' | 'rejected'>;

/** Any stable 64-bit number: syncs of the directory take turns. */
const DIRECTORY_SYNC_LOCK = 7_281_004_501;
const LOCKING_STATUSES = new Set(['transferred', 'retired']);

/**
 * Applies an export of the TTHC system's account directory, sent by a person who may sync it or with the key of
 * the system that owns it (any other key is refused before the export is read). Bad records are rejected with
 * their line and the reason; the rest applies in one transaction, each change recorded in the account's
 * history. Accounts whose status became transferred or retired (and, in full mode, accounts no longer exported)
 * are locked at once — unless a full sync would lock or remove more than the mass-change threshold, which then
 * changes nothing.
 */
@Injectable()
export class DirectorySyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly validator: DirectoryValidator,
    private readonly accounts: AccountRepository,
    private readonly history: AccountHistoryRepository,
    private readonly locks: AccountLockService,
    private readonly guard: MassChangeGuard,
    private readonly changes: AccountChanges,
    private readonly sourceSystems: SourceSystemsService,
    private readonly clock: Clock,
  ) {}

  async sync(
    body: unknown,
    format: DirectoryFormat,
    mode: DirectorySyncMode,
    actor: Actor,
    request: DirectorySyncRequest = {},
  ): Promise<DirectorySyncResult> {
    const producer = request.producerSystem;
    if (producer !== undefined && !(await this.sourceSystems.ownsAccountDirectory(producer))) {
      throw notDirectoryOwner(producer);
    }
    const { entries, rejected, rejectedIds, received } = this.validator.readExport(body, format);
    if (mode === 'full' && !entries.length) {
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        'A full sync needs at least one valid account; nothing was changed',
        rejected,
      );
    }
    const now = this.clock.now();
    const keep = [...entries.map((e) => e.accountId), ...rejectedIds];
    const result = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [DIRECTORY_SYNC_LOCK]);
      const plan = await this.plan(m, { entries, mode, actor, keep });
      return this.decideAndApply(m, plan, { mode, actor, now, ...request });
    });
    if (result.outcome === 'applied') {
      await this.changes.publish([...entries.map((e) => e.accountId), ...result.removed]);
    }
    return { mode, received, ...result, rejected };
  }

  private async decideAndApply(
    m: EntityManager,
    plan: SyncPlan,
    sync: DirectorySyncRequest & { mode: DirectorySyncMode; actor: Actor; now: Date },
  ): Promise<Planned> {
    const counts = {
      created: plan.created,
      updated: plan.changed.length - plan.created,
      unchanged: plan.unchanged,
    };
    const notApplied = {
      ...counts,
      removed: [],
      locked: [],
      wouldRemove: plan.removed,
      wouldLock: plan.wouldLock,
    };
    const massPlan: MassChangePlan = {
      operation: 'directory_full_sync',
      affectedIds: [...plan.removed, ...plan.wouldLock.map((l) => l.accountId)],
      activeAccounts: plan.activeAccounts,
    };
    if (sync.dryRun) {
      return {
        outcome: 'dry_run',
        ...notApplied,
        massChange: sync.mode === 'full' ? this.guard.assess(massPlan) : null,
      };
    }
    const massChange =
      sync.mode === 'full'
        ? await this.guard.check(m, massPlan, { confirm: sync.confirm, actor: sync.actor })
        : null;
    if (massChange && !massChange.confirmed) return { outcome: 'blocked', ...notApplied, massChange };
    const { removed, locked } = await this.apply(m, plan, sync);
    return { outcome: 'applied', ...counts, removed, locked, wouldRemove: [], wouldLock: [], massChange };
  }

  private async plan(
    m: EntityManager,
    sync: { entries: DirectoryEntry[]; mode: DirectorySyncMode; actor: Actor; keep: string[] },
  ): Promise<SyncPlan> {
    const before = await this.accounts.findDirectorySnapshots(
      m,
      sync.entries.map((e) => e.accountId),
    );
    const history: NewHistoryEntry[] = [];
    const changed: DirectoryEntry[] = [];
    let created = 0;
    for (const entry of sync.entries) {
      const stored = before.get(entry.accountId);
      const old = stored?.inDirectory ? stored : undefined;
      const diff = directoryDiff(old, entry);
      if (!diff) continue;
      changed.push(entry);
      if (!old) created++;
      history.push({
        accountId: entry.accountId,
        actor: sync.actor,
        changeKind: old ? 'directory_updated' : 'directory_created',
        ...diff,
      });
    }
    const absent = sync.mode === 'full' ? await this.accounts.findAbsentFromDirectory(m, sync.keep) : [];
    // "Becomes": a status that was already transferred/retired does not lock again an account an admin unlocked.
    const leavers = sync.entries.filter(
      (e) => LOCKING_STATUSES.has(e.status) && !LOCKING_STATUSES.has(before.get(e.accountId)?.status ?? ''),
    );
    const lockable = (id: string) => (before.get(id)?.state ?? 'active') === 'active';
    const wouldLock: SyncLock[] = [
      ...leavers
        .filter((e) => lockable(e.accountId))
        .map((e) => ({ accountId: e.accountId, reason: LockReason.DIRECTORY_STATUS })),
      ...absent
        .filter((a) => a.state === 'active')
        .map((a) => ({ accountId: a.accountId, reason: LockReason.REMOVED_FROM_DIRECTORY })),
    ];
    const added = sync.entries.filter((e) => !before.has(e.accountId)).length;
    return {
      before,
      changed,
      history,
      created,
      unchanged: sync.entries.length - changed.length,
      leavers,
      removed: absent.map((a) => a.accountId),
      wouldLock,
      activeAccounts: (await this.accounts.countActive(m)) + added,
    };
  }

  private async apply(
    m: EntityManager,
    plan: SyncPlan,
    sync: { actor: Actor; now: Date },
  ): Promise<{ removed: string[]; locked: SyncLock[] }> {
    await this.accounts.upsertDirectoryEntries(m, plan.changed, sync.now);
    const removed = await this.accounts.markRemoved(m, plan.removed, sync.now);
    const history = [...plan.history];
    for (const accountId of removed) {
      history.push({
        accountId,
        actor: sync.actor,
        changeKind: 'directory_removed',
        after: { inDirectory: false },
        reason: 'absent from a full directory export',
      });
    }
    await this.history.append(m, history, sync.now);
    return {
      removed,
      locked: await this.lockLeavers(m, { ...sync, leavers: plan.leavers }, plan.before, removed),
    };
  }

  private async lockLeavers(
    m: EntityManager,
    sync: { leavers: DirectoryEntry[]; actor: Actor; now: Date },
    before: Map<string, DirectoryEntry>,
    removed: string[],
  ): Promise<SyncLock[]> {
    const leavers = sync.leavers;
    const byStatus = await this.locks.lockInTransaction(
      m,
      leavers.map((e) => e.accountId),
      {
        reason: LockReason.DIRECTORY_STATUS,
        actor: sync.actor,
        now: sync.now,
        note: 'the directory says the holder moved or left',
        evidence: (id) => ({
          directoryChange: {
            status: {
              before: before.get(id)?.status ?? null,
              after: leavers.find((e) => e.accountId === id)!.status,
            },
          },
        }),
      },
    );
    const byRemoval = await this.locks.lockInTransaction(m, removed, {
      reason: LockReason.REMOVED_FROM_DIRECTORY,
      actor: sync.actor,
      now: sync.now,
      note: 'absent from a full directory export',
    });
    return [
      ...byStatus.map((l) => ({ accountId: l.accountId, reason: LockReason.DIRECTORY_STATUS })),
      ...byRemoval.map((l) => ({ accountId: l.accountId, reason: LockReason.REMOVED_FROM_DIRECTORY })),
    ];
  }
}
