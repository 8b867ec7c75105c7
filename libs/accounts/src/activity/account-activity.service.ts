import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AlertsService } from '@app/alerts';
import { StoredBatch, StoredBatchHandler, StoredEventSummary } from '@app/audit-trail';
import { Clock } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { SourceFlag } from '@app/source-systems';
import { AccountRepository } from '../account.repository';

export const LOCKED_ACCOUNT_IN_USE = 'locked_account_in_use';
export const FUTURE_EVENT_TIME = 'future_event_time';
const MAX_EVIDENCE_EVENTS = 50;

/**
 * Events kept as evidence that never count as an account's activity: a time later than their arrival (an account
 * kept alive for centuries by one event), or a system nobody registered and no key vouches for (docs/accounts.md).
 */
const NOT_ACTIVITY: ReadonlySet<string> = new Set([
  SourceFlag.FUTURE_TIME,
  SourceFlag.UNREGISTERED_SOURCE,
  SourceFlag.SOURCE_MISMATCH,
]);

/**
 * Sees every stored batch, inside its transaction: keeps each account's last activity (one upsert per batch),
 * raises a critical alert when an account is used after the TTHC system was told to lock it, and an alert when
 * events of an account claim a time in the future.
 */
@Injectable()
export class AccountActivityService implements StoredBatchHandler {
  private readonly localDate: Intl.DateTimeFormat;

  constructor(
    private readonly accounts: AccountRepository,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    // YYYY-MM-DD in ACCOUNT_TIME_ZONE: "one alert a day" as the office's day, not UTC's.
    this.localDate = new Intl.DateTimeFormat('en-CA', { timeZone: config.accounts.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  }

  async handleStoredBatch(batch: StoredBatch, manager: EntityManager): Promise<void> {
    const now = this.clock.now();
    const latest = new Map<string, { at: Date; unitCode: string | null }>();
    for (const e of batch.events) {
      if (e.flags.some((f) => NOT_ACTIVITY.has(f))) continue;
      const seen = latest.get(e.accountId);
      if (!seen || seen.at < e.occurredAt) latest.set(e.accountId, { at: e.occurredAt, unitCode: e.unitCode });
    }
    // Any use of a locked account is a breach, whatever its flags: a false time does not hide it.
    await this.raiseLockBreaches(batch, [...new Set(batch.events.map((e) => e.accountId))], manager);
    await this.raiseFutureTimes(batch, now, manager);
    if (latest.size) await this.accounts.recordActivity(manager, latest, now);
  }

  /** One alert per account and local day, however many events claim a future time (repeats are counted). */
  private async raiseFutureTimes(batch: StoredBatch, storedAt: Date, manager: EntityManager): Promise<void> {
    const byAccount = new Map<string, StoredEventSummary[]>();
    for (const e of batch.events) {
      if (e.flags.includes(SourceFlag.FUTURE_TIME)) byAccount.set(e.accountId, [...(byAccount.get(e.accountId) ?? []), e]);
    }
    const day = this.localDate.format(storedAt);
    for (const [accountId, events] of byAccount) {
      const shown = events.slice(0, MAX_EVIDENCE_EVENTS);
      await this.alerts.raise(
        {
          type: FUTURE_EVENT_TIME,
          severity: 'medium',
          accountId,
          occurredAt: storedAt,
          dedupKey: `${FUTURE_EVENT_TIME}:${accountId}:${day}`,
          evidence: {
            batchId: batch.batchId,
            storedAt,
            futureSkewSeconds: this.config.ingest.futureSkew,
            eventCount: events.length,
            eventIds: shown.map((e) => e.eventId),
            sourceSystems: [...new Set(events.map((e) => e.sourceSystem))].sort(),
            events: shown.map((e) => ({ eventId: e.eventId, sourceSystem: e.sourceSystem, occurredAt: e.occurredAt, action: e.action })),
          },
        },
        manager,
      );
    }
  }

  private async raiseLockBreaches(batch: StoredBatch, accountIds: string[], manager: EntityManager): Promise<void> {
    const locks = await this.accounts.findDeliveredLocks(manager, accountIds);
    if (!locks.length) return;
    const candidates = batch.events.filter((e) => {
      const lock = locks.find((l) => l.accountId === e.accountId);
      return lock !== undefined && e.occurredAt > lock.lockDeliveredAt;
    });
    const refused = await this.refusedEvents(manager, candidates);
    for (const lock of locks) {
      const uses = candidates.filter((e) => e.accountId === lock.accountId && !refused.has(eventKey(e)));
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
   * carry the result, so it is read back from the rows this very transaction stored (an eventId is unique per
   * source system only).
   */
  private async refusedEvents(manager: EntityManager, events: StoredEventSummary[]): Promise<Set<string>> {
    if (!events.length) return new Set();
    const from = new Date(Math.min(...events.map((e) => e.occurredAt.getTime())));
    const rows: { source_system: string; event_id: string }[] = await manager.query(
      `SELECT source_system, event_id FROM query_event
       WHERE account_id = ANY($1::text[]) AND occurred_at >= $2 AND event_id = ANY($3::text[]) AND result = 'denied'`,
      [[...new Set(events.map((e) => e.accountId))], from, events.map((e) => e.eventId)],
    );
    return new Set(rows.map((r) => eventKey({ sourceSystem: r.source_system, eventId: r.event_id })));
  }
}

const eventKey = (e: { sourceSystem: string; eventId: string }): string => `${e.sourceSystem}\u0000${e.eventId}`;
