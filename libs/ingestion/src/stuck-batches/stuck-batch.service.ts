import { Injectable, Logger } from '@nestjs/common';
import { SecurityActor, SecurityEventType, SecurityLogService } from '@app/auth';
import { Clock, DomainException, ErrorCode } from '@app/common';
import type { UndecodableBatch } from '@app/kafka';
import { maskPersonalIds } from '../personal-data/personal-id-mask.util';
import { StuckBatch, StuckBatchPosition, StuckBatchRepository } from './stuck-batch.repository';

/**
 * Kafka record batches that cannot be decoded. The consumer reports each one and holds its partition; an
 * operator orders it skipped (recorded in the security log), and whichever replica owns the partition then
 * moves past it. A skip is the only way past: a batch is never dropped without a person deciding it.
 */
@Injectable()
export class StuckBatchService {
  private readonly logger = new Logger('Ingest');

  constructor(
    private readonly batches: StuckBatchRepository,
    private readonly securityLog: SecurityLogService,
    private readonly clock: Clock,
  ) {}

  /** Records the batch (once per position) and says whether an operator has already ordered it skipped. */
  async detected(at: StuckBatchPosition, batch: UndecodableBatch): Promise<StuckBatch> {
    const row = await this.batches.recordDetection(at, batch, this.clock.now());
    if (!row.skipRequestedAt) {
      this.logger.error(
        { stuckBatchId: row.id, topic: at.topic, partition: at.partition, offset: at.firstOffset, codec: batch.codec },
        `Record batch at ${at.topic}[${at.partition}] offset ${at.firstOffset}..${at.lastOffset} (${batch.recordCount} records, ` +
          `${batch.codec}) cannot be decoded: ${batch.error}. Partition ${at.partition} is stopped; the others go on. ` +
          `To skip it: POST /v1/ingest/stuck-batches/${row.id}/skip or npm run cli -- ingest:skip-batch ${row.id} --reason "…"`,
      );
    }
    return row;
  }

  async skipOrdered(topic: string, partition: number, firstOffset: string): Promise<StuckBatch | null> {
    const row = await this.batches.findByPosition(topic, partition, firstOffset);
    return row?.skipRequestedAt ? row : null;
  }

  async skipped(batch: StuckBatch): Promise<void> {
    await this.batches.markSkipped(batch.id, this.clock.now());
    this.logger.warn(
      { stuckBatchId: batch.id, topic: batch.topic, partition: batch.partition, offset: batch.firstOffset },
      `Skipped the undecodable record batch ${batch.topic}[${batch.partition}] offsets ${batch.firstOffset}..${batch.lastOffset} ` +
        `(${batch.recordCount} records), as ordered by ${batch.skipRequestedBy}`,
    );
  }

  /** An operator's order to move past a batch. Idempotent: a second order keeps the first one's record. */
  async orderSkip(id: string, actor: SecurityActor, reason: string, clientIp?: string): Promise<StuckBatch> {
    if (!/^\d{1,18}$/.test(id)) throw notFound(id);
    const by = `${actor.kind}:${actor.name ?? 'unknown'}`;
    reason = maskPersonalIds(reason);
    const outcome = await this.batches.requestSkip(id, by, reason, this.clock.now());
    if (!outcome) throw notFound(id);
    if (outcome.ordered) {
      const b = outcome.batch;
      await this.securityLog.record({
        type: SecurityEventType.INGEST_BATCH_SKIP_ORDERED,
        actor,
        target: `${b.topic}[${b.partition}]@${b.firstOffset}`,
        clientIp,
        details: { stuckBatchId: b.id, lastOffset: b.lastOffset, recordCount: b.recordCount, codec: b.codec, sha256: b.sha256, reason },
      });
    }
    return outcome.batch;
  }

  list(limit: number): Promise<StuckBatch[]> {
    return this.batches.list(limit);
  }
}

function notFound(id: string): DomainException {
  return new DomainException(ErrorCode.NOT_FOUND, `No stuck record batch ${id}`);
}
