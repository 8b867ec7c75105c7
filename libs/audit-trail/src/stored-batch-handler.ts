import { Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** One newly stored event, as other features need it: the citizen only as the keyed hash, never the ID. */
export interface StoredEventSummary {
  eventId: string;
  accountId: string;
  unitCode: string | null;
  occurredAt: Date;
  action: 'login' | 'logout' | 'lookup' | 'verify' | 'export';
  sourceSystem: string;
  /** Marks put on the event at ingest (e.g. future_time, unregistered_source). */
  flags: readonly string[];
  clientIp: string;
  /** Keyed hash of the citizen's personal ID (hex), never the ID. */
  subjectHash: string | null;
  /** Keyed hash of the block of 100 consecutive IDs the citizen's ID falls in (hex, derived at ingest), never the ID. */
  subjectBlock: string | null;
  subjectCount: number | null;
  fields: readonly string[];
  dossierCode: string | null;
  procedureCode: string | null;
  result: string;
}

export interface StoredBatch {
  batchId: string;
  /** Only events stored by this batch: duplicates of earlier deliveries are not repeated here. */
  events: StoredEventSummary[];
}

/**
 * A feature that must see every stored batch (last activity of accounts, locked-account checks, streaming
 * detectors). Called inside the batch's transaction, once per batch: keep it to a few set-based statements.
 */
export interface StoredBatchHandler {
  handleStoredBatch(batch: StoredBatch, manager: EntityManager): Promise<void>;
}

/**
 * A feature that looks at each batch once it is committed (streaming detectors): outside the transaction, so it
 * neither slows the chain's turn nor can undo the evidence. It must not throw: a failure is its own to log and
 * count, and the batch stays stored. Not called for a batch whose process dies right after commit: a listener
 * must have a way to catch up (the detectors' day scan).
 */
export interface CommittedBatchListener {
  onCommittedBatch(batch: StoredBatch): Promise<void>;
}

/**
 * Where features register their StoredBatchHandler and CommittedBatchListener (in their module's onModuleInit);
 * the audit store runs the handlers inside each batch's transaction and the listeners after it commits.
 */
export class StoredBatchHandlers {
  private readonly logger = new Logger(StoredBatchHandlers.name);
  private readonly handlers: StoredBatchHandler[] = [];
  private readonly listeners: CommittedBatchListener[] = [];

  register(handler: StoredBatchHandler): void {
    this.handlers.push(handler);
  }

  registerCommitted(listener: CommittedBatchListener): void {
    this.listeners.push(listener);
  }

  async runAll(batch: StoredBatch, manager: EntityManager): Promise<void> {
    if (!batch.events.length) return;
    for (const handler of this.handlers) await handler.handleStoredBatch(batch, manager);
  }

  /** Never throws: the batch is stored whatever a listener does (each is meant to catch its own errors too). */
  async runCommitted(batch: StoredBatch): Promise<void> {
    if (!batch.events.length) return;
    for (const listener of this.listeners) {
      try {
        await listener.onCommittedBatch(batch);
      } catch (error) {
        this.logger.error({ err: error, batchId: batch.batchId }, `A committed-batch listener failed on batch ${batch.batchId}; the batch is stored`);
      }
    }
  }
}
