import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { APP_CONFIG, AppConfig } from '@app/config';
import { compressionTypeOf, KAFKA } from '@app/kafka';
import { RejectionRow } from './rejections/rejection.repository';

/**
 * Forwards rejected records to the dead-letter topic when Kafka is on: the masked payload as value, the reason,
 * field and origin as headers. Best effort: the rejections table is the record of truth.
 */
@Injectable()
export class DeadLetterPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(DeadLetterPublisher.name);
  private producer?: Promise<Producer>;

  constructor(
    @Inject(KAFKA) private readonly kafka: Kafka | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publish(rows: RejectionRow[]): Promise<void> {
    if (!this.kafka || !this.config.kafka || !rows.length) return;
    try {
      const producer = await this.connect(this.kafka);
      await producer.send({
        topic: this.config.kafka.dlqTopic,
        compression: compressionTypeOf(this.config.kafka.compression),
        messages: rows.map((r) => ({
          key: r.eventId,
          value: r.raw,
          headers: {
            reason: r.reason,
            message: r.message,
            ...(r.field ? { field: r.field } : {}),
            source: r.source,
            origin: JSON.stringify(r.origin),
          },
        })),
      });
    } catch (error) {
      this.logger.warn(`Could not forward ${rows.length} rejected record(s) to the dead-letter topic: ${(error as Error).message}`);
    }
  }

  /** Late: the Kafka consumer finishes its in-flight batch (which may reject records) before this. */
  async onApplicationShutdown(): Promise<void> {
    const producer = await this.producer?.catch(() => undefined);
    await producer?.disconnect();
  }

  private connect(kafka: Kafka): Promise<Producer> {
    this.producer ??= (async () => {
      // Few retries: the table already holds the rejection, so a broker problem must not stall ingest for long.
      const producer = kafka.producer({ allowAutoTopicCreation: true, retry: { retries: 2 } });
      await producer.connect();
      return producer;
    })();
    return this.producer.catch((error) => {
      this.producer = undefined;
      throw error;
    });
  }
}
