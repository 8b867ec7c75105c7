import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Admin, Kafka } from 'kafkajs';
import { AppConfig, InjectConfig } from '@app/config';
import { KAFKA } from '@app/kafka';
import type { KafkaLagDto, PartitionLagDto } from './dto/ingest-status.dto';

/** Longest wait for the broker's answer: a status page must answer even when Kafka does not. */
const BROKER_TIMEOUT_MS = 5_000;

/**
 * The ingest consumer group's lag per partition, asked of the broker (committed offsets against the ends of the
 * partitions), so that it covers every ingest replica, not only this one. One admin client, connected on first use.
 */
@Injectable()
export class KafkaLag implements OnModuleDestroy {
  private admin?: Promise<Admin>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka | null,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async read(): Promise<KafkaLagDto | null> {
    const settings = this.config.kafka;
    if (!this.kafka || !settings) return null;
    const { topic, groupId } = settings;
    try {
      const partitions = await withTimeout(this.partitions(topic, groupId), BROKER_TIMEOUT_MS);
      return { topic, groupId, totalLag: partitions.reduce((t, p) => t + p.lag, 0), partitions, error: null };
    } catch (error) {
      // A client that failed is dropped: the next call connects afresh.
      void this.disconnect();
      return { topic, groupId, totalLag: null, partitions: [], error: (error as Error).message };
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.disconnect();
  }

  private async partitions(topic: string, groupId: string): Promise<PartitionLagDto[]> {
    const admin = await this.connected();
    const topics = await admin.listTopics();
    if (!topics.includes(topic)) return [];
    const [ends, [committed]] = await Promise.all([admin.fetchTopicOffsets(topic), admin.fetchOffsets({ groupId, topics: [topic] })]);
    const committedOf = new Map((committed?.partitions ?? []).map((p) => [p.partition, p.offset]));
    return ends
      .map((end) => {
        const at = committedOf.get(end.partition);
        const committedOffset = at === undefined || Number(at) < 0 ? null : at;
        // The group reads from the beginning: before its first commit, everything the partition still holds is lag.
        const from = committedOffset ?? end.low;
        return { partition: end.partition, endOffset: end.high, committedOffset, lag: Math.max(0, Number(end.high) - Number(from)) };
      })
      .sort((a, b) => a.partition - b.partition);
  }

  private connected(): Promise<Admin> {
    if (!this.admin) {
      const admin = this.kafka!.admin();
      this.admin = admin.connect().then(() => admin);
    }
    return this.admin;
  }

  private async disconnect(): Promise<void> {
    const admin = this.admin;
    this.admin = undefined;
    await admin?.then((a) => a.disconnect()).catch(() => undefined);
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the broker did not answer within ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
