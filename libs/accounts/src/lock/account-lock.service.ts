import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { maskPersonalIds } from '@app/ingestion';
import { MetricsService } from '@app/observability';
import { AccountHistoryRepository, NewHistoryEntry } from '../account-history.repository';
import { AccountRepository, LockedAccountRow } from '../account.repository';
import { accountNotFound, accountNotLocked } from '../account.exception';
import { Actor, LockReason } from '../account.type';
import { AccountCommandRepository } from '../commands/account-command.repository';
import { IdlePolicy } from '../idle-policy.util';
import { ObservationWindow } from '../observation/observation-window.service';
import { AccountChanges } from '../status/account-changes.service';

export interface LockOutcome {
  accountId: string;
  commandId: string;
}

/**
 * Every lock and unlock goes through here: the conditional state change, the command for the TTHC system and
 * the history entry are written in the caller's transaction, so they happen together or not at all.
 */
@Injectable()
export class AccountLockService {
  private readonly lockCounter;
  private readonly unlockCounter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly accounts: AccountRepository,
    private readonly history: AccountHistoryRepository,
    private readonly commands: AccountCommandRepository,
    private readonly changes: AccountChanges,
    private readonly window: ObservationWindow,
    metrics: MetricsService,
  ) {
    this.lockCounter = metrics.counter('tthc_audit_accounts_locked_total', 'Accounts locked, by reason', ['reason']);
    this.unlockCounter = metrics.counter('tthc_audit_accounts_unlocked_total', 'Accounts unlocked by an admin');
  }

  /** Locks those of ids that are active. Idempotent: an account already locked is left as it is. */
  async lockInTransaction(
    manager: EntityManager,
    ids: string[],
    lock: { reason: LockReason; actor: Actor; now: Date; note?: string; evidence?: (id: string) => Record<string, unknown> },
  ): Promise<LockOutcome[]> {
    if (!ids.length) return [];
    const policy = await this.window.idlePolicy(manager);
    const locked = await this.accounts.lockActive(manager, ids, lock.reason, lock.now, policy);
    await this.recordLocks(manager, locked, lock);
    return locked.map((r) => ({ accountId: r.accountId, commandId: r.commandId }));
  }

  /** Locks those of the planned accounts whose idle period has run out today. */
  async lockIdleInTransaction(
    manager: EntityManager,
    plannedIds: string[],
    run: { actor: Actor; now: Date; policy: IdlePolicy },
  ): Promise<LockOutcome[]> {
    const { actor, now, policy } = run;
    const locked = await this.accounts.lockIdle(manager, plannedIds, LockReason.IDLE, now, policy);
    const note = `no activity for ${policy.idleMonths} calendar months`;
    await this.recordLocks(manager, locked, { reason: LockReason.IDLE, actor, now, note });
    return locked.map((r) => ({ accountId: r.accountId, commandId: r.commandId }));
  }

  /**
   * A manual lock by an admin. A typed reason may hold someone's ID number: it is masked before it is kept in
   * the history or sent in the command (so for the unlock).
   */
  async lock(accountId: string, actor: Actor, reason: string, now: Date): Promise<LockOutcome | null> {
    const note = maskPersonalIds(reason);
    const [outcome] = await this.dataSource.transaction(async (m) => {
      if (!(await this.accounts.exists(m, accountId))) throw accountNotFound(accountId);
      return this.lockInTransaction(m, [accountId], { reason: LockReason.MANUAL, actor, now, note });
    });
    await this.changes.publish([accountId]);
    return outcome ?? null;
  }

  /** Unlock: admins only, with a reason; the account gets a fresh grace period from now. */
  async unlock(accountId: string, actor: Actor, typedReason: string, now: Date): Promise<{ commandId: string }> {
    const reason = maskPersonalIds(typedReason);
    const commandId = await this.dataSource.transaction(async (m) => {
      if (!(await this.accounts.exists(m, accountId))) throw accountNotFound(accountId);
      const previous = await this.accounts.unlock(m, accountId, now);
      if (!previous) throw accountNotLocked(accountId);
      const [id] = await this.commands.add(m, [{ accountId }], 'unlock', reason, actor, now);
      await this.history.append(
        m,
        [
          {
            accountId,
            actor,
            changeKind: 'unlocked',
            before: { state: 'locked', lockReason: previous.lockReason, lockedAt: previous.lockedAt },
            after: { state: 'active', graceFrom: now.toISOString() },
            reason,
            evidence: { commandId: id },
          },
        ],
        now,
      );
      return id;
    });
    this.unlockCounter.inc();
    await this.changes.publish([accountId]);
    return { commandId };
  }

  private async recordLocks(
    manager: EntityManager,
    locked: LockedAccountRow[],
    lock: { reason: LockReason; actor: Actor; now: Date; note?: string; evidence?: (id: string) => Record<string, unknown> },
  ): Promise<void> {
    if (!locked.length) return;
    this.lockCounter.inc({ reason: lock.reason }, locked.length);
    const reasonText = lock.note ?? lock.reason;
    await this.commands.add(
      manager,
      locked.map((r) => ({ id: r.commandId, accountId: r.accountId })),
      'lock',
      `${lock.reason}: ${reasonText}`,
      lock.actor,
      lock.now,
    );
    const entries: NewHistoryEntry[] = locked.map((r) => ({
      accountId: r.accountId,
      actor: lock.actor,
      changeKind: 'locked',
      before: { state: 'active' },
      after: { state: 'locked', lockReason: lock.reason },
      reason: reasonText,
      evidence: {
        commandId: r.commandId,
        idleSince: r.idleSince,
        idleBasis: r.idleBasis,
        observationStart: r.observationStart,
        lastActivityAt: r.lastActivityAt,
        directoryLastLoginAt: r.directoryLastLoginAt,
        directoryStatus: r.directoryStatus,
        lockDueOn: r.lockDueOn,
        ...lock.evidence?.(r.accountId),
      },
    }));
    await this.history.append(manager, entries, lock.now);
  }
}
