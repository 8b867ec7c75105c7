import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StoredBatch, StoredBatchHandler, StoredBatchHandlers } from '@app/audit-trail';
import { MetricsService } from '@app/observability';
import { ProcedureNeeds } from '../procedures/procedure-needs.service';
import { accountDayDeltas } from './account-day-delta.util';
import { AccountDayRepository } from './account-day.repository';
import { ACCOUNT_DAY_LOCK } from './aggregate-rescan.service';
import { sourceSystemDayDeltas } from './source-system-day-delta.util';
import { SourceSystemDayRepository } from './source-system-day.repository';

/**
 * Keeps account_day up to date from every stored batch, inside the batch's transaction and from the events that
 * batch actually stored: a redelivered event is not in the batch, so nothing counts twice, and a batch that
 * rolls back takes its counts with it. Event time, not arrival time: a back-fill lands on the days it happened.
 * Evidence comes first: if the aggregate cannot be updated, the batch is stored all the same (the update is
 * undone to a savepoint, logged with its days and counted) and a rescan of those days rebuilds it.
 */
@Injectable()
export class AccountDayAggregator implements StoredBatchHandler, OnModuleInit {
  private readonly logger = new Logger(AccountDayAggregator.name);
  private readonly failures;

  constructor(
    private readonly handlers: StoredBatchHandlers,
    private readonly days: AccountDayRepository,
    private readonly sourceDays: SourceSystemDayRepository,
    private readonly needs: ProcedureNeeds,
    metrics: MetricsService,
  ) {
    this.failures = metrics.counter(
      'tthc_audit_detection_aggregate_failures_total',
      'Stored batches whose per-account-day aggregate could not be updated (rebuild their days with a rescan)',
    );
  }

  onModuleInit(): void {
    this.handlers.register(this);
  }

  async handleStoredBatch(batch: StoredBatch, manager: EntityManager): Promise<void> {
    const needs = this.needs.current();
    const deltas = accountDayDeltas(batch.events, needs);
    if (!deltas.length) return;
    // Shared: batches run side by side, and wait only while a rescan rebuilds days.
    await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [ACCOUNT_DAY_LOCK]);
    await manager.query('SAVEPOINT account_day');
    try {
      await this.days.apply(manager, deltas);
      await this.sourceDays.apply(manager, sourceSystemDayDeltas(batch.events, needs));
      await manager.query('RELEASE SAVEPOINT account_day');
    } catch (error) {
      await manager.query('ROLLBACK TO SAVEPOINT account_day');
      const days = [...new Set(deltas.map((d) => d.day))].sort();
      this.failures.inc();
      this.logger.error(
        { err: error, batchId: batch.batchId, days },
        `The per-account-day aggregate of batch ${batch.batchId} could not be updated; the events are stored. ` +
          `Rebuild those days: npm run cli -- scan --from ${days[0]} --to ${days[days.length - 1]} --rebuild`,
      );
    }
  }
}
