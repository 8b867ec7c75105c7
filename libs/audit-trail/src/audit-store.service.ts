import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common';
import { MetricsService } from '@app/observability';
import { AuditChainRepository } from './audit-chain.repository';
import { DIGEST_FORM, linkDigest, manifestOrder } from './batch-chain';
import { manifestRoot } from './merkle-tree.util';
import { CANONICAL_FORM, canonicalEvent, sha256Latin1, StoredEventRecord } from './canonical-event';
import { QueryEventPartitionService } from './query-event-partition.service';
import { QueryEventRepository } from './query-event.repository';
import { StoredBatch, StoredBatchHandlers, StoredEventSummary } from './stored-batch-handler';

export interface AppendContext {
  source: 'kafka' | 'http' | 'file';
  /** Where the batch came from (topic/partitions/offsets, request id, file name): kept with the batch. */
  origin?: Record<string, unknown>;
}

export interface AppendResult {
  /** null when every event was already stored: nothing was added to the chain. */
  batchId: string | null;
  stored: number;
  duplicates: number;
  storedEventIds: string[];
  /** The records this call stored (not those already stored before). */
  storedRecords: StoredEventRecord[];
}

const DEADLOCK = '40P01';
const MAX_ATTEMPTS = 3;

/**
 * The write path of the evidence store. One transaction per batch: claim eventIds (idempotency), COPY the new
 * rows, let other features see the batch, then link it to the hash chain. The chain head is locked last, so
 * concurrent writers (replicas) serialise only on that short tail.
 */
@Injectable()
export class AuditStore {
  private readonly logger = new Logger(AuditStore.name);
  private readonly latency;
  private readonly storedCounter;
  private readonly duplicateCounter;
  private readonly headGauge;

  constructor(
    private readonly dataSource: DataSource,
    private readonly events: QueryEventRepository,
    private readonly chain: AuditChainRepository,
    private readonly partitions: QueryEventPartitionService,
    private readonly handlers: StoredBatchHandlers,
    private readonly clock: Clock,
    metrics: MetricsService,
  ) {
    this.latency = metrics.histogram(
      'tthc_audit_batch_append_seconds',
      'Time to store one batch (claim ids, copy rows, handlers, chain link)',
      ['source'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    );
    this.storedCounter = metrics.counter('tthc_audit_events_stored_total', 'Events stored in the audit store', ['source']);
    this.duplicateCounter = metrics.counter(
      'tthc_audit_events_duplicate_total',
      'Events not stored again because their eventId was already stored',
      ['source'],
    );
    this.headGauge = metrics.gauge('tthc_audit_chain_head_batch_id', 'Batch id at the head of the audit hash chain');
  }

  async appendBatch(records: StoredEventRecord[], context: AppendContext): Promise<AppendResult> {
    const stopTimer = this.latency.startTimer({ source: context.source });
    const unique = uniqueByKey(records);
    if (unique.length) await this.partitions.ensureFor(unique.map((r) => r.occurredAt));
    let batchId: string | null = null;
    const storedRecords: StoredEventRecord[] = [];
    for (const round of roundsOfDistinctIds(unique)) {
      const result = await this.withDeadlockRetry(() => this.dataSource.transaction((m) => this.appendInTransaction(m, round, context)));
      batchId = result.batchId ?? batchId;
      storedRecords.push(...result.storedRecords);
      if (result.batch) await this.handlers.runCommitted(result.batch);
    }
    stopTimer();
    const stored = storedRecords.length;
    this.storedCounter.inc({ source: context.source }, stored);
    this.duplicateCounter.inc({ source: context.source }, records.length - stored);
    if (batchId) this.headGauge.set(Number(batchId));
    return { batchId, stored, duplicates: records.length - stored, storedEventIds: storedRecords.map((r) => r.eventId), storedRecords };
  }

  private async appendInTransaction(
    manager: EntityManager,
    records: StoredEventRecord[],
    context: AppendContext,
  ): Promise<Pick<AppendResult, 'batchId' | 'storedRecords'> & { batch?: StoredBatch }> {
    const batchId = await this.chain.nextBatchId(manager);
    const claiming = this.events.claimEventIds(manager, records, batchId);
    claiming.catch(() => undefined); // awaited below; this only keeps an early failure from counting as unhandled
    // While the database claims the ids, build each event's canonical text (also its COPY row) and hash it.
    await new Promise<void>((resolve) => setImmediate(resolve)); // let the claim go out first
    const canonical = records.map(canonicalEvent);
    const hashes = canonical.map(sha256Latin1);
    const claimed = await claiming;
    if (!claimed.size) return { batchId: null, storedRecords: [] };

    const allNew = claimed.size === records.length;
    const freshAt = allNew ? [...records.keys()] : [...records.keys()].filter((i) => claimed.has(records[i].eventId));
    const pick = <T>(values: T[]): T[] => (allNew ? values : freshAt.map((i) => values[i]));
    const fresh = pick(records);
    await this.events.insertEvents(manager, fresh, pick(canonical), batchId);
    const order = manifestOrder(fresh.map((r) => r.eventId)).map((i) => freshAt[i]);
    const eventIds = order.map((i) => records[i].eventId);
    const eventHashes = Buffer.from(order.map((i) => hashes[i]).join(''), 'latin1');
    const batch: StoredBatch = { batchId, events: fresh.map(storedEventSummary) };
    await this.handlers.runAll(batch, manager);
    const root = manifestRoot(eventIds, eventHashes); // before the head lock: it does not depend on the chain

    // Late: everything above runs concurrently across writers; from here to commit they take turns.
    const head = await this.chain.lockHead(manager);
    const digest = linkDigest(head.digest, BigInt(batchId), eventIds.length, root);
    const [first, last] = timeRange(fresh);
    await this.chain.appendLink(manager, {
      id: batchId,
      chainSeq: head.chainSeq + 1n,
      prevDigest: head.digest,
      digest,
      eventIds,
      eventHashes,
      canonicalForm: CANONICAL_FORM,
      digestForm: DIGEST_FORM,
      manifestRoot: root,
      firstOccurredAt: first,
      lastOccurredAt: last,
      source: context.source,
      origin: context.origin ?? null,
      createdAt: this.clock.now(),
    });
    return { batchId, storedRecords: fresh, batch };
  }

  /** Features' batch handlers may lock rows in any order; a deadlock victim simply tries again. */
  private async withDeadlockRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if ((error as { code?: string }).code !== DEADLOCK || attempt >= MAX_ATTEMPTS) throw error;
        this.logger.warn(`Batch append was a deadlock victim; retrying (attempt ${attempt + 1})`);
      }
    }
  }
}

/** The idempotency key: an eventId is unique per producer (source system), not across producers. */
export function eventKeyOf(r: { sourceSystem: string; eventId: string }): string {
  return `${r.sourceSystem}\u0000${r.eventId}`;
}

function uniqueByKey(records: StoredEventRecord[]): StoredEventRecord[] {
  const seen = new Set<string>();
  const unique: StoredEventRecord[] = [];
  for (const r of records) {
    const key = eventKeyOf(r);
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(r);
  }
  return unique;
}

/**
 * A batch's manifest names each event by its eventId, so one chain link holds distinct ids. Two systems' events
 * with the same id (rare) go to consecutive links; usually this is the batch itself, in one round.
 */
function roundsOfDistinctIds(records: StoredEventRecord[]): StoredEventRecord[][] {
  const rounds: StoredEventRecord[][] = [];
  let rest = records;
  while (rest.length) {
    const ids = new Set<string>();
    const round: StoredEventRecord[] = [];
    const later: StoredEventRecord[] = [];
    for (const r of rest) {
      if (ids.has(r.eventId)) later.push(r);
      else {
        ids.add(r.eventId);
        round.push(r);
      }
    }
    rounds.push(round);
    rest = later;
  }
  return rounds;
}

function timeRange(records: StoredEventRecord[]): [Date, Date] {
  let first = records[0].occurredAt;
  let last = first;
  for (const r of records) {
    if (r.occurredAt < first) first = r.occurredAt;
    if (r.occurredAt > last) last = r.occurredAt;
  }
  return [first, last];
}

/** What batch handlers see of a stored event (the live path, and rescans that read the store again). */
export function storedEventSummary(r: StoredEventRecord): StoredEventSummary {
  return {
    eventId: r.eventId,
    accountId: r.accountId,
    unitCode: r.unitCode,
    occurredAt: r.occurredAt,
    action: r.action as StoredEventSummary['action'],
    sourceSystem: r.sourceSystem,
    flags: r.flags,
    clientIp: r.clientIp,
    subjectHash: r.subjectHash,
    subjectBlock: r.subjectBlock ?? null,
    subjectCount: r.subjectCount,
    fields: r.fields,
    dossierCode: r.dossierCode,
    procedureCode: r.procedureCode,
    result: r.result,
  };
}
