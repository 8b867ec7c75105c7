import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { IngestService, RawRecord } from '@app/ingestion';
import { KAFKA } from '@app/kafka';
import { MetricsService } from '@app/observability';

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

/**
 * The Kafka adapter of ingest (role `ingest`): one stored batch per fetched partition batch; offsets are
 * resolved, and so committed, only after the batch is durably stored. A storage error is retried with backoff
 * and never skipped; bad records are rejections, not errors, so they never block a partition.
 */
@Injectable()
export class QueryLogConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(QueryLogConsumer.name);
  private readonly consumers: Consumer[] = [];
  private readonly lag;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly ingest: IngestService,
    metrics: MetricsService,
  ) {
    this.lag = metrics.gauge('tthc_audit_kafka_consumer_lag', 'Messages behind the end of the partition, after the last stored batch', [
      'partition',
    ]);
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = this.config.kafka;
    if (!this.kafka || !settings || !this.config.roles.has('ingest')) return;
    const kafka = this.kafka;
    const members = Array.from({ length: settings.consumers }, () =>
      kafka.consumer({ groupId: settings.groupId, ...CONSUMER_FETCH, allowAutoTopicCreation: true }),
    );
    this.consumers.push(...members);
    // Joined together: one rebalance instead of one per member.
    await Promise.all(
      members.map(async (consumer) => {
        await consumer.connect();
        await consumer.subscribe({ topic: settings.topic, fromBeginning: true });
        await consumer.run({
          eachBatchAutoResolve: false,
          autoCommit: true,
          partitionsConsumedConcurrently: PARTITIONS_IN_FLIGHT,
          eachBatch: (payload) => this.handleBatch(payload),
        });
      }),
    );
    this.logger.log(`Consuming ${settings.topic} in group ${settings.groupId} (${settings.consumers} members)`);
  }

  /** Stops fetching, lets the in-flight batch finish and commit, then leaves the group (before the database closes). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect()));
  }

  private async handleBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload) {
    if (!batch.messages.length) return;
    const { topic, partition } = batch;
    const records = batch.messages.map((m: KafkaMessage): RawRecord => ({
      payload: m.value ?? '',
      position: { source: 'kafka', topic, partition, offset: m.offset },
    }));
    const origin = { topic, partition, firstOffset: batch.firstOffset(), lastOffset: batch.lastOffset() };
    for (let attempt = 0; ; attempt++) {
      if (!isRunning() || isStale()) return; // not resolved: the next owner of the partition gets it again
      try {
        await this.ingest.ingest(records, { source: 'kafka', origin });
        break;
      } catch (error) {
        const wait = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** attempt);
        this.logger.warn(`Storing ${records.length} events of ${topic}[${partition}] failed (${(error as Error).message}); retrying in ${wait} ms`);
        await this.sleepWithHeartbeat(wait, heartbeat);
      }
    }
    resolveOffset(batch.lastOffset());
    await commitOffsetsIfNecessary();
    this.lag.set({ partition: String(partition) }, Math.max(0, Number(batch.offsetLag())));
    await heartbeat();
  }

  private async sleepWithHeartbeat(ms: number, heartbeat: () => Promise<void>): Promise<void> {
    for (let left = ms; left > 0; left -= 1000) {
      await new Promise((r) => setTimeout(r, Math.min(1000, left)));
      await heartbeat();
    }
  }
}
