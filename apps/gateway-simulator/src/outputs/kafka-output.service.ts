import type { KafkaCompression } from '@app/config';
import type { QueryLogEventV1 } from '@app/contracts';
import { compressionTypeOf, registerCompressionCodecs } from '@app/kafka';
import { Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import type { EventOutput } from './event-output.type';

export interface KafkaOutputOptions {
  brokers: string[];
  topic: string;
  /** Partitions of the topic when this output creates it. Default 6. */
  partitions?: number;
  clientId?: string;
  /** Batches being sent at once: overlaps the broker's round trip with building the next batch. Default 3. */
  inFlight?: number;
  /** Codec of the produced record batches, as producers set compression.type. Default none. */
  compression?: KafkaCompression;
}

/**
 * Produces each event as one message, key = accountId (one account's events stay in one partition, in order),
 * acks from all in-sync replicas, compressed with the chosen codec (none by default), as gateways send them.
 */
export class KafkaEventOutput implements EventOutput {
  private readonly kafka: Kafka;
  private producer?: Producer;
  private readonly pending = new Set<Promise<void>>();
  private failure?: unknown;
  private sent = 0;

  constructor(private readonly options: KafkaOutputOptions) {
    registerCompressionCodecs();
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'gateway-simulator',
      brokers: options.brokers,
      // Failures surface as the error of open() or write(); kafkajs's own retry chatter would only bury it.
      logLevel: logLevel.NOTHING,
    });
  }

  async open(): Promise<void> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const existing = await admin.listTopics();
      if (!existing.includes(this.options.topic)) {
        await admin.createTopics({
          topics: [{ topic: this.options.topic, numPartitions: this.options.partitions ?? 6 }],
          waitForLeaders: true,
        });
      }
    } finally {
      await admin.disconnect();
    }
    this.producer = this.kafka.producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
    await this.producer.connect();
  }

  async write(batch: QueryLogEventV1[]): Promise<void> {
    if (this.failure) throw this.failure;
    const messages = batch.map((e) => ({ key: e.accountId, value: JSON.stringify(e) }));
    const compression = compressionTypeOf(this.options.compression ?? 'none');
    const send = this.producer!.send({ topic: this.options.topic, acks: -1, compression, messages }).then(
      () => {
        this.sent += messages.length;
      },
      (error: unknown) => {
        this.failure ??= error;
      },
    );
    this.pending.add(send);
    void send.finally(() => this.pending.delete(send));
    while (this.pending.size >= (this.options.inFlight ?? 3)) await Promise.race(this.pending);
    if (this.failure) throw this.failure;
  }

  async close(): Promise<void> {
    await Promise.all(this.pending);
    await this.producer?.disconnect();
    if (this.failure) throw this.failure;
  }

  describe(): string {
    return `${this.sent} messages acknowledged by Kafka topic ${this.options.topic}`;
  }
}
