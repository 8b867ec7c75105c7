import { Injectable, OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { StoredBatch, StoredBatchHandler, StoredBatchHandlers } from '@app/audit-trail';
import { accountDayDeltas } from './account-day-delta.util';
import { AccountDayRepository } from './account-day.repository';
import { ACCOUNT_DAY_LOCK } from './aggregate-rescan.service';

/**
 * Keeps account_day up to date from every stored batch, inside the batch's transaction and from the events that
 * batch actually stored: a redelivered event is not in the batch, so nothing counts twice, and a batch that
 * rolls back takes its counts with it. Event time, not arrival time: a back-fill lands on the days it happened.
 */
@Injectable()
export class AccountDayAggregator implements StoredBatchHandler, OnModuleInit {
  constructor(
    private readonly handlers: StoredBatchHandlers,
    private readonly days: AccountDayRepository,
  ) {}

  onModuleInit(): void {
    this.handlers.register(this);
  }

  async handleStoredBatch(batch: StoredBatch, manager: EntityManager): Promise<void> {
    const deltas = accountDayDeltas(batch.events);
    if (!deltas.length) return;
    // Shared: batches run side by side, and wait only while a rescan rebuilds days.
    await manager.query('SELECT pg_advisory_xact_lock_shared($1)', [ACCOUNT_DAY_LOCK]);
    await this.days.apply(manager, deltas);
  }
}
