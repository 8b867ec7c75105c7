import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { IngestHealth, IngestService, RawRecord, StuckBatchService } from '@app/ingestion';
import { KAFKA, SupervisedConsumer, undecodableBatchOf } from '@app/kafka';
import { MetricsService } from '@app/observability';
import { isStorageError } from './storage-error.util';

/** Fetch sizing: batches of ~5,000 events make few large COPYs (the store's cost is per batch far more than per event). */
export const CONSUMER_FETCH = {
  maxBytesPerPartition: 2 * 1024 * 1024,
  maxBytes: 8 * 1024 * 1024,
  minBytes: 256 * 1024,
  maxWaitTimeInMs: 200,
  // A replica that dies without leaving hands its partitions over after this long (Kafka's default is 30 s).
  sessionTimeout: 10_000,
  heartbeatInterval: 3_000,
} as const;

/**
 * Partition batches each group member stores at the same time: while one batch waits on PostgreSQL (COPY, chain
 * link, commit) the next is parsed and validated. Writers serialise only on the chain head, at the end of each
 * transaction. Members (KAFKA_CONSUMERS) multiply this: kafkajs fetches, then waits until every batch of that
 * fetch is stored before fetching again, so with one member the database idles while it fetches and the service
 * idles while the last batch of a fetch is stored; a second member overlaps those waits.
 */
export const PARTITIONS_IN_FLIGHT = 2;

const RETRY_BASE_MS = 500;
const RETRY_MAX_MS = 30_000;
/** How often a replica looks for operators' skip orders of the partitions it holds stopped. */
const SKIP_ORDER_POLL_MS = 2_000;

type Batch = EachBatchPayload['batch'];

/**
 * The Kafka adapter of ingest (role `ingest`): one stored batch per fetched partition batch; offsets are
 * resolved, and so committed, only after the batch is durably stored. A storage error is retried with backoff
 * and never skipped; bad records are rejections, not errors, so they never block a partition. A record batch
 * that cannot be decoded stops its partition alone until an operator orders it skipped. Members are
 * supervised: a crash is logged, counted and followed by a rejoin with backoff.
 */
@Injectable()
export class QueryLogConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueryLogConsumer.name);
  private readonly members: SupervisedConsumer[] = [];
  private readonly lag;
  private skipPoll?: NodeJS.Timeout;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ingest: IngestService,
    private readonly stuckBatches: StuckBatchService,
    private readonly health: IngestHealth,
    metrics: MetricsService,
  ) {
    this.lag = metrics.gauge('tthc_audit_kafka_consumer_lag', 'Messages behind the end of the partition, after the last stored batch', [
      'partition',
    ]);
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.kafka;
    if (!this.kafka || !settings || !this.config.roles.has('ingest')) return;
    for (let member = 1; member <= settings.consumers; member++) {
      this.members.push(
        new SupervisedConsumer(this.kafka, {
          member,
          config: { groupId: settings.groupId, ...CONSUMER_FETCH, allowAutoTopicCreation: true },
          subscription: { topics: [settings.topic], fromBeginning: true },
          run: {
            eachBatchAutoResolve: false,
            autoCommit: true,
            partitionsConsumedConcurrently: PARTITIONS_IN_FLIGHT,
            eachBatch: (payload) => this.handleBatch(member, payload),
          },
          onCrash: () => this.health.memberCrashed(),
          onJoin: (m) => this.releaseStopped(m),
        }),
      );
    }
    this.health.watchMembers(() => this.members.map((m) => m.status()));
    // Joined together: one rebalance instead of one per member. A member that cannot join is restarted.
    await Promise.all(this.members.map((m) => m.start()));
    this.skipPoll = setInterval(() => void this.applySkipOrders(), SKIP_ORDER_POLL_MS);
    this.logger.log(`Consuming ${settings.topic} in group ${settings.groupId} (${settings.consumers} members)`);
  }

  /** Stops fetching, lets the in-flight batch finish and commit, then leaves the group (before the database closes). */
  async onModuleDestroy(): Promise<void> {
    clearInterval(this.skipPoll);
    await Promise.all(this.members.map((m) => m.stop()));
  }

  private async handleBatch(member: number, payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    if (!batch.messages.length) return;
    const poisoned = batch.messages.findIndex((m) => undecodableBatchOf(m.value));
    const readable = poisoned === -1 ? batch.messages : batch.messages.slice(0, poisoned);
    if (readable.length && !(await this.store(batch, readable, payload))) return;
    if (poisoned !== -1) await this.holdOrSkip(member, batch, batch.messages.slice(poisoned), payload);
    this.lag.set({ partition: String(batch.partition) }, Math.max(0, Number(batch.offsetLag())));
    await payload.heartbeat();
  }

  /** Stores the messages and commits past them; false when the member stopped owning the partition meanwhile. */
  private async store(batch: Batch, messages: KafkaMessage[], payload: EachBatchPayload): Promise<boolean> {
    const { topic, partition } = batch;
    const records = messages.map((m): RawRecord => ({
      payload: m.value ?? '',
      position: { source: 'kafka', topic, partition, offset: m.offset },
    }));
    const last = messages[messages.length - 1].offset;
    const origin = { topic, partition, firstOffset: messages[0].offset, lastOffset: last };
    for (let attempt = 0; ; attempt++) {
      if (!payload.isRunning() || payload.isStale()) return false; // not resolved: the next owner gets it again
      try {
        await this.ingest.ingest(records, { source: 'kafka', origin });
        break;
      } catch (error) {
        // A defect is not retried here: it crashes the member, which is restarted and fetches the batch again.
        if (!isStorageError(error)) throw error;
        this.health.storeFailed(topic, partition, error as Error);
        const wait = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt);
        this.logger.warn(`Storing ${records.length} events of ${topic}[${partition}] failed (${(error as Error).message}); retrying in ${wait} ms`);
        await this.sleepWithHeartbeat(wait, payload.heartbeat);
      }
    }
    this.health.storeSucceeded(topic, partition);
    payload.resolveOffset(last);
    await payload.commitOffsetsIfNecessary();
    return true;
  }

  /**
   * An undecodable record batch: moved past only on an operator's order, otherwise the partition is paused
   * (the member's other partitions go on) and rechecked every few seconds.
   */
  private async holdOrSkip(member: number, batch: Batch, placeholders: KafkaMessage[], payload: EachBatchPayload): Promise<void> {
    const info = undecodableBatchOf(placeholders[0].value)!;
    const own = placeholders.filter((m) => undecodableBatchOf(m.value) === info);
    const position = {
      topic: batch.topic,
      partition: batch.partition,
      firstOffset: own[0].offset,
      lastOffset: own[own.length - 1].offset,
    };
    const stuck = await this.stuckBatches.detected(position, info);
    if (stuck.skipRequestedAt) {
      payload.resolveOffset(position.lastOffset);
      await payload.commitOffsetsIfNecessary();
      await this.stuckBatches.skipped(stuck);
      this.health.partitionResumed(batch.topic, batch.partition);
      return;
    }
    this.health.partitionStopped({
      member,
      topic: batch.topic,
      partition: batch.partition,
      offset: position.firstOffset,
      stuckBatchId: stuck.id,
      reason: `a ${info.codec} record batch of ${info.recordCount} records cannot be decoded (${info.error})`,
    });
    this.members[member - 1].pause(batch.topic, batch.partition);
  }

  /** Resumes stopped partitions whose batch an operator has ordered skipped; the refetch then moves past it. */
  private async applySkipOrders(): Promise<void> {
    for (const p of this.health.stoppedPartitions()) {
      try {
        if (!(await this.stuckBatches.skipOrdered(p.topic, p.partition, p.offset))) continue;
        this.members[p.member - 1].resume(p.topic, p.partition);
      } catch (error) {
        this.logger.warn(`Could not check the skip order of ${p.topic}[${p.partition}]: ${(error as Error).message}`);
      }
    }
  }

  /**
   * After a (re)join a member's partitions may have moved: what it held paused is resumed and forgotten here;
   * if it still owns such a partition, the next fetch finds the undecodable batch again and stops it again.
   */
  private releaseStopped(member: number): void {
    for (const p of this.health.stoppedPartitions(member)) {
      this.members[member - 1].resume(p.topic, p.partition);
      this.health.partitionResumed(p.topic, p.partition);
    }
  }

  private async sleepWithHeartbeat(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    for (let left = ms; left > 0; left -= 1000) {
      await new Promise((r) => setTimeout(r, Math.min(1000, left)));
      await heartbeat();
    }
  }
}
