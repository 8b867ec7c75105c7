import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertsService } from '@app/alerts';
import { StoredBatch, StoredBatchHandler, StoredEventSummary } from '@app/audit-trail';
import { Clock } from '@app/common';
import { AccountRepository } from '../account.repository';

export const LOCKED_ACCOUNT_IN_USE = 'locked_account_in_use';
const MAX_EVIDENCE_EVENTS = 50;

/**
 * Sees every stored batch, inside its transaction: keeps each account's last activity (one upsert per batch)
 * and raises a critical alert when an account is used after the TTHC system was told to lock it.
 */
@Injectable()
export class AccountActivityService implements StoredBatchHandler {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
  ) {}

  async handleStoredBatch(batch: StoredBatch, manager: EntityManager): Promise<void> {
    const latest = new Map<string, { at: Date; unitCode: string | null }>();
    for (const e of batch.events) {
      const seen = latest.get(e.accountId);
      if (!seen || seen.at < e.occurredAt) latest.set(e.accountId, { at: e.occurredAt, unitCode: e.unitCode });
    }
    await this.raiseLockBreaches(batch, [...latest.keys()], manager);
    await this.accounts.recordActivity(manager, latest, this.clock.now());
  }

  private async raiseLockBreaches(batch: StoredBatch, accountIds: string[], manager: EntityManager): Promise<void> {
    const locks = await this.accounts.findDeliveredLocks(manager, accountIds);
    if (!locks.length) return;
    const candidates = batch.events.filter((e) => {
      const lock = locks.find((l) => l.accountId === e.accountId);
      return lock !== undefined && e.occurredAt > lock.lockDeliveredAt;
    });
    const refused = await this.refusedEventIds(manager, candidates);
    for (const lock of locks) {
      const uses = candidates.filter((e) => e.accountId === lock.accountId && !refused.has(e.eventId));
      if (!uses.length) continue;
      uses.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
      await this.alerts.raise(
        {
          type: LOCKED_ACCOUNT_IN_USE,
          severity: 'critical',
          accountId: lock.accountId,
          occurredAt: uses[0].occurredAt,
          dedupKey: `${LOCKED_ACCOUNT_IN_USE}:${lock.accountId}:${lock.commandId}`,
          evidence: {
            batchId: batch.batchId,
            eventCount: uses.length,
            eventIds: uses.slice(0, MAX_EVIDENCE_EVENTS).map((e) => e.eventId),
            events: uses.slice(0, MAX_EVIDENCE_EVENTS).map((e) => ({ eventId: e.eventId, occurredAt: e.occurredAt, action: e.action })),
            firstEventAt: uses[0].occurredAt,
            lastEventAt: uses[uses.length - 1].occurredAt,
            lockedAt: lock.lockedAt,
            lockDeliveredAt: lock.lockDeliveredAt,
            lockReason: lock.lockReason,
            lockCommandId: lock.commandId,
          },
        },
        manager,
      );
    }
  }

  /**
   * Events the TTHC system refused (result "denied") show the lock holding, not a breach. The summaries do not
   * carry the result, so it is read back from the rows this very transaction stored.
   */
  private async refusedEventIds(manager: EntityManager, events: StoredEventSummary[]): Promise<Set<string>> {
    if (!events.length) return new Set();
    const from = new Date(Math.min(...events.map((e) => e.occurredAt.getTime())));
    const rows: { event_id: string }[] = await manager.query(
      `SELECT event_id FROM query_event
       WHERE account_id = ANY($1::text[]) AND occurred_at >= $2 AND event_id = ANY($3::text[]) AND result = 'denied'`,
      [[...new Set(events.map((e) => e.accountId))], from, events.map((e) => e.eventId)],
    );
    return new Set(rows.map((r) => r.event_id));
  }
}
