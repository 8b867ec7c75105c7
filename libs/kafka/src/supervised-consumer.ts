import { Logger } from '@nestjs/common';
import type { Consumer, ConsumerConfig, ConsumerRunConfig, ConsumerSubscribeTopics, Kafka } from 'kafkajs';

export type MemberState = 'starting' | 'running' | 'restarting' | 'stopped';

export interface MemberStatus {
  member: number;
  state: MemberState;
  /** Last answer from the broker: a join, heartbeat, fetch or finished batch. */
  lastContactAt: Date | null;
  crashes: number;
  lastError: string | null;
  /** When the member is restarting: when it tries again. */
  nextStartAt: Date | null;
}

export interface SupervisedConsumerSpec {
  member: number;
  config: ConsumerConfig;
  subscription: ConsumerSubscribeTopics;
  run: ConsumerRunConfig;
  onCrash: (member: number, error: Error, restartInMs: number) => void;
  /** The member joined the group (at start, after a rebalance or a restart): its partitions may have changed. */
  onJoin?: (member: number) => void;
}

const BACKOFF_BASE_MS = 1_000;
const BACKOFF_MAX_MS = 60_000;
/** A member that ran this long without crashing starts its backoff from the beginning again. */
const STABLE_MS = 5 * 60_000;

/**
 * One consumer-group member that never dies in silence. kafkajs restarts a crashed consumer only for some
 * errors and gives up quietly on others (an unsupported codec, no broker available); here every crash is
 * reported and the member is rebuilt after a growing backoff (1 s, 2 s, 4 s … 60 s), re-fetching from the
 * committed offsets, so nothing is lost or stored twice.
 */
export class SupervisedConsumer {
  private readonly logger = new Logger('KafkaConsumer');
  private consumer?: Consumer;
  private state: MemberState = 'stopped';
  private lastContact: number | null = null;
  private lastError: string | null = null;
  private crashes = 0;
  private streak = 0;
  private lastCrashAt = 0;
  private nextStartAt: number | null = null;
  private timer?: NodeJS.Timeout;
  private stopping = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly spec: SupervisedConsumerSpec,
  ) {}

  /** Connects, subscribes and runs; a failure is a crash like any other (restarted), never thrown. */
  async start(): Promise<void> {
    if (this.stopping) return;
    this.nextStartAt = null;
    this.state = 'starting';
    // kafkajs must not restart on its own: one restart policy for every kind of crash.
    const consumer = this.kafka.consumer({ ...this.spec.config, retry: { ...this.spec.config.retry, restartOnFailure: async () => false } });
    this.consumer = consumer;
    this.listen(consumer);
    try {
      await consumer.connect();
      await consumer.subscribe(this.spec.subscription);
      await consumer.run(this.spec.run);
    } catch (error) {
      await consumer.disconnect().catch(() => undefined);
      this.crashed(consumer, error as Error);
    }
  }

  /** Leaves the group after the batch in flight is finished and committed. */
  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    this.state = 'stopped';
    await this.consumer?.disconnect();
  }

  status(): MemberStatus {
    return {
      member: this.spec.member,
      state: this.state,
      lastContactAt: this.lastContact === null ? null : new Date(this.lastContact),
      crashes: this.crashes,
      lastError: this.lastError,
      nextStartAt: this.nextStartAt === null ? null : new Date(this.nextStartAt),
    };
  }

  pause(topic: string, partition: number): void {
    this.consumer?.pause([{ topic, partitions: [partition] }]);
  }

  resume(topic: string, partition: number): void {
    this.consumer?.resume([{ topic, partitions: [partition] }]);
  }

  private listen(consumer: Consumer): void {
    const { GROUP_JOIN, HEARTBEAT, FETCH, END_BATCH_PROCESS, CRASH } = consumer.events;
    const contact = () => {
      if (this.consumer === consumer) this.lastContact = Date.now();
    };
    consumer.on(GROUP_JOIN, () => {
      contact();
      if (this.consumer !== consumer || this.stopping) return;
      this.state = 'running';
      this.spec.onJoin?.(this.spec.member);
    });
    consumer.on(HEARTBEAT, contact);
    consumer.on(FETCH, contact);
    consumer.on(END_BATCH_PROCESS, contact);
    consumer.on(CRASH, ({ payload }) => this.crashed(consumer, payload.error));
  }

  private crashed(consumer: Consumer, error: Error): void {
    if (this.stopping || this.consumer !== consumer || this.state === 'restarting') return;
    const now = Date.now();
    this.crashes++;
    this.streak = now - this.lastCrashAt > STABLE_MS ? 1 : this.streak + 1;
    this.lastCrashAt = now;
    const cause = causeOf(error);
    // kafkajs wraps what went wrong (e.g. KafkaJSNonRetriableError around a TypeError): name the original.
    this.lastError = cause ? `${cause} (${error.name})` : `${error.name}: ${error.message}`;
    const wait = Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (this.streak - 1));
    this.state = 'restarting';
    this.nextStartAt = now + wait;
    this.logger.error(
      { member: this.spec.member, error: this.lastError, crashes: this.crashes },
      `Consumer member ${this.spec.member} crashed (${this.lastError}); rejoining in ${wait} ms`,
    );
    this.spec.onCrash(this.spec.member, error, wait);
    this.timer = setTimeout(() => void this.start(), wait);
  }
}

function causeOf(error: Error): string | undefined {
  let cause = (error as { cause?: unknown }).cause;
  while (cause && (cause as { cause?: unknown }).cause) cause = (cause as { cause?: unknown }).cause;
  return cause instanceof Error ? `${cause.name}: ${cause.message}` : undefined;
}
