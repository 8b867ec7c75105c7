import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { UndecodableBatch } from '@app/kafka';

export interface StuckBatchPosition {
  topic: string;
  partition: number;
  firstOffset: string;
  lastOffset: string;
}

export interface StuckBatch extends StuckBatchPosition {
  id: string;
  recordCount: number;
  codec: string;
  error: string;
  compressedBytes: number;
  sha256: string;
  detectedAt: Date;
  lastDetectedAt: Date;
  skipRequestedAt: Date | null;
  skipRequestedBy: string | null;
  skipReason: string | null;
  skippedAt: Date | null;
}

const COLUMNS = `id::text, topic, kafka_partition AS partition, first_offset::text AS "firstOffset",
  last_offset::text AS "lastOffset", record_count AS "recordCount", codec, error, compressed_bytes AS "compressedBytes",
  sha256, detected_at AS "detectedAt", last_detected_at AS "lastDetectedAt", skip_requested_at AS "skipRequestedAt",
  skip_requested_by AS "skipRequestedBy", skip_reason AS "skipReason", skipped_at AS "skippedAt"`;

@Injectable()
export class StuckBatchRepository {
  constructor(private readonly db: DataSource) {}

  /** Records a detection; a batch seen again (another fetch, another replica) keeps its first row. */
  async recordDetection(at: StuckBatchPosition, batch: UndecodableBatch, now: Date): Promise<StuckBatch> {
    const [row] = await this.db.query(
      `INSERT INTO ingest_stuck_batch AS s (topic, kafka_partition, first_offset, last_offset, record_count, codec, error,
         compressed_bytes, sha256, detected_at, last_detected_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)
       ON CONFLICT (topic, kafka_partition, first_offset) DO UPDATE SET last_detected_at = EXCLUDED.last_detected_at
       RETURNING ${COLUMNS}`,
      [at.topic, at.partition, at.firstOffset, at.lastOffset, batch.recordCount, batch.codec, batch.error, batch.compressedBytes, batch.sha256, now],
    );
    return row;
  }

  async findByPosition(topic: string, partition: number, firstOffset: string): Promise<StuckBatch | null> {
    const [row] = await this.db.query(
      `SELECT ${COLUMNS} FROM ingest_stuck_batch WHERE topic = $1 AND kafka_partition = $2 AND first_offset = $3`,
      [topic, partition, firstOffset],
    );
    return row ?? null;
  }

  async findById(id: string): Promise<StuckBatch | null> {
    const [row] = await this.db.query(`SELECT ${COLUMNS} FROM ingest_stuck_batch WHERE id = $1`, [id]);
    return row ?? null;
  }

  async list(limit: number): Promise<StuckBatch[]> {
    return this.db.query(`SELECT ${COLUMNS} FROM ingest_stuck_batch ORDER BY id DESC LIMIT $1`, [limit]);
  }

  /** The first order wins; asking again leaves the recorded one as it was. Null when there is no such batch. */
  async requestSkip(id: string, by: string, reason: string, now: Date): Promise<{ batch: StuckBatch; ordered: boolean } | null> {
    const [[updated]] = await this.db.query(
      `UPDATE ingest_stuck_batch SET skip_requested_at = $2, skip_requested_by = $3, skip_reason = $4
       WHERE id = $1 AND skip_requested_at IS NULL RETURNING ${COLUMNS}`,
      [id, now, by, reason],
    );
    if (updated) return { batch: updated, ordered: true };
    const batch = await this.findById(id);
    return batch ? { batch, ordered: false } : null;
  }

  async markSkipped(id: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE ingest_stuck_batch SET skipped_at = $2 WHERE id = $1 AND skipped_at IS NULL`, [id, now]);
  }
}
