import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainException, ErrorCode, ErrorDetail } from '@app/common';
import { AccountHistoryRepository, NewHistoryEntry } from '../account-history.repository';
import { AccountRepository } from '../account.repository';
import { Actor, LockReason } from '../account.type';
import { AccountLockService } from '../lock/account-lock.service';
import { AccountChanges } from '../status/account-changes.service';
import { DIRECTORY_FIELDS, DirectoryEntry } from './directory-entry.type';
import { DirectoryFormat, parseDirectory } from './directory-parser.util';
import { DirectoryValidator } from './directory-validator.service';

export type DirectorySyncMode = 'full' | 'delta';

export interface DirectorySyncResult {
  mode: DirectorySyncMode;
  received: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Full mode: accounts of earlier exports absent from this one. */
  removed: string[];
  /** Accounts locked by this sync (status transferred or retired, or removed). */
  locked: { accountId: string; reason: LockReason }[];
  rejected: ErrorDetail[];
}

/** Any stable 64-bit number: syncs of the directory take turns. */
const DIRECTORY_SYNC_LOCK = 7_281_004_501;
const LOCKING_STATUSES = new Set(['transferred', 'retired']);

/**
 * Applies an export of the TTHC system's account directory. Bad records are rejected with their line and the
 * reason; the rest applies in one transaction, each change recorded in the account's history. Accounts whose
 * status became transferred or retired (and, in full mode, accounts no longer exported) are locked at once.
 */
@Injectable()
export class DirectorySyncService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly validator: DirectoryValidator,
    private readonly accounts: AccountRepository,
    private readonly history: AccountHistoryRepository,
    private readonly locks: AccountLockService,
    private readonly changes: AccountChanges,
    private readonly clock: Clock,
  ) {}

  async sync(
    body: unknown,
    format: DirectoryFormat,
    mode: DirectorySyncMode,
    actor: Actor,
  ): Promise<DirectorySyncResult> {
    const { entries, rejected, rejectedIds, received } = this.read(body, format);
    if (mode === 'full' && !entries.length) {
      throw new DomainException(
        ErrorCode.VALIDATION_FAILED,
        'A full sync needs at least one valid account; nothing was changed',
        rejected,
      );
    }
    const now = this.clock.now();
    const result = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [DIRECTORY_SYNC_LOCK]);
      return this.apply(m, {
        entries,
        mode,
        actor,
        now,
        keep: [...entries.map((e) => e.accountId), ...rejectedIds],
      });
    });
    await this.changes.publish([...entries.map((e) => e.accountId), ...result.removed]);
    return { mode, received, ...result, rejected };
  }

  private read(body: unknown, format: DirectoryFormat) {
    const parsed = parseDirectory(body, format);
    const rejected: ErrorDetail[] = parsed.errors.map((e) => ({ line: e.line, message: e.message }));
    const rejectedIds: string[] = [];
    const firstLine = new Map<string, number>();
    const entries: DirectoryEntry[] = [];
    for (const record of parsed.records) {
      const validation = this.validator.validate(record.value);
      if (!validation.ok) {
        rejected.push({
          line: record.line,
          field: validation.field ?? undefined,
          message: validation.message,
        });
        const id = (record.value as { accountId?: unknown } | null)?.accountId;
        if (typeof id === 'string') rejectedIds.push(id);
        continue;
      }
      const seen = firstLine.get(validation.entry.accountId);
      if (seen !== undefined) {
        rejected.push({
          line: record.line,
          field: 'accountId',
          message: `accountId: repeats the account of line ${seen}`,
        });
        continue;
      }
      firstLine.set(validation.entry.accountId, record.line);
      entries.push(validation.entry);
    }
    rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { entries, rejected, rejectedIds, received: parsed.records.length + parsed.errors.length };
  }

  private async apply(
    m: EntityManager,
    sync: { entries: DirectoryEntry[]; mode: DirectorySyncMode; actor: Actor; now: Date; keep: string[] },
  ): Promise<Omit<DirectorySyncResult, 'mode' | 'received' | 'rejected'>> {
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
    await this.accounts.upsertDirectoryEntries(m, changed, sync.now);
    const removed = sync.mode === 'full' ? await this.accounts.markRemovedExcept(m, sync.keep, sync.now) : [];
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
    const locked = await this.lockLeavers(m, sync, before, removed);
    return {
      created,
      updated: changed.length - created,
      unchanged: sync.entries.length - changed.length,
      removed,
      locked,
    };
  }

  private async lockLeavers(
    m: EntityManager,
    sync: { entries: DirectoryEntry[]; actor: Actor; now: Date },
    before: Map<string, DirectoryEntry>,
    removed: string[],
  ): Promise<DirectorySyncResult['locked']> {
    // "Becomes": a status that was already transferred/retired does not lock again an account an admin unlocked.
    const leavers = sync.entries.filter(
      (e) => LOCKING_STATUSES.has(e.status) && !LOCKING_STATUSES.has(before.get(e.accountId)?.status ?? ''),
    );
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

/** The fields that differ, as before/after objects; null when nothing changed. */
export function directoryDiff(
  old: DirectoryEntry | undefined,
  next: DirectoryEntry,
): { before: Record<string, unknown> | null; after: Record<string, unknown> } | null {
  if (!old) return { before: null, after: { ...next } };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of DIRECTORY_FIELDS) {
    if (stableJson(old[field]) === stableJson(next[field])) continue;
    before[field] = old[field];
    after[field] = next[field];
  }
  return Object.keys(after).length ? { before, after } : null;
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}
