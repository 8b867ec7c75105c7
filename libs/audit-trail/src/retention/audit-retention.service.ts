import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { QueryEventPartitionService } from '../query-event-partition.service';
import { PartitionContents, RetentionRepository } from './retention.repository';

export interface RetentionPlan {
  /** Events that occurred before this instant (a month start, UTC) are in the partitions to drop. */
  cutoff: Date;
  partitions: (PartitionContents & { from: Date; to: Date })[];
  events: number;
  batchesAffected: number;
}

export interface RetentionResult extends RetentionPlan {
  retentionId: string;
  eventIdsDeleted: number;
}

/** Retention lock so that two operators cannot run it at once. */
const RETENTION_LOCK = 7_281_004_203;

/**
 * Drops whole monthly partitions of events older than the retention period, only on explicit request, after a
 * report of what will go; logs each run (and, per batch, how many of its events went) so verify still passes.
 */
@Injectable()
export class AuditRetention {
  private readonly logger = new Logger(AuditRetention.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly retention: RetentionRepository,
    private readonly partitions: QueryEventPartitionService,
    private readonly clock: Clock,
  ) {}

  /** The first instant kept: the start of the month (UTC) in which "now minus the period" falls. */
  cutoffFor(olderThanYears: number): Date {
    const now = this.clock.now();
    return new Date(Date.UTC(now.getUTCFullYear() - olderThanYears, now.getUTCMonth(), 1));
  }

  async plan(olderThanYears: number): Promise<RetentionPlan> {
    return withoutPerBatch(await this.survey(this.dataSource.manager, olderThanYears));
  }

  async execute(olderThanYears: number, executedBy: string): Promise<RetentionResult> {
    const result = await this.dataSource.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [RETENTION_LOCK]);
      const plan = await this.survey(m, olderThanYears);
      const names = plan.partitions.map((p) => p.name);
      const retentionId = await this.retention.log(
        m,
        { executedAt: this.clock.now(), cutoff: plan.cutoff, partitions: names, eventsDropped: plan.events, executedBy },
        plan.perBatch,
      );
      const eventIdsDeleted = await this.retention.deleteEventIdsBefore(m, plan.cutoff);
      for (const name of names) await this.retention.dropPartition(m, name);
      return { ...withoutPerBatch(plan), retentionId, eventIdsDeleted };
    });
    this.partitions.forget();
    this.logger.warn(
      `Retention run ${result.retentionId} by ${executedBy}: dropped ${result.partitions.length} partition(s) ` +
        `(${result.events} events before ${result.cutoff.toISOString()}), ${result.batchesAffected} batches affected`,
    );
    return result;
  }

  private async survey(m: EntityManager, olderThanYears: number): Promise<RetentionPlan & { perBatch: Map<string, number> }> {
    const cutoff = this.cutoffFor(olderThanYears);
    const due = (await this.retention.monthlyPartitions(m)).filter((p) => p.to <= cutoff);
    const partitions = [];
    for (const p of due) partitions.push({ ...p, ...(await this.retention.contents(m, p.name)) });
    const perBatch = await this.retention.eventsPerBatch(m, due.map((p) => p.name));
    const events = partitions.reduce((n, p) => n + p.events, 0);
    return { cutoff, partitions, events, batchesAffected: perBatch.size, perBatch };
  }
}

function withoutPerBatch<T extends { perBatch: unknown }>(plan: T): Omit<T, 'perBatch'> {
  const { perBatch: _perBatch, ...rest } = plan;
  return rest;
}
