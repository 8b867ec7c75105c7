import { Injectable } from '@nestjs/common';
import { AppConfig, InjectConfig } from '@app/config';
import type { MemberStatus } from '@app/kafka';
import { MetricsService } from '@app/observability';

export interface StoppedPartition {
  /** The group member of this replica that holds it paused. */
  member: number;
  topic: string;
  partition: number;
  offset: string;
  stuckBatchId: string;
  reason: string;
}

interface FailingStore {
  since: Date;
  attempts: number;
  lastError: string;
}

export interface IngestReadiness {
  ready: boolean;
  /** Why ingest cannot make progress, one line each, for the operator. */
  reasons: string[];
  members: MemberStatus[];
  stoppedPartitions: StoppedPartition[];
}

/**
 * Whether this replica's Kafka ingest is making progress: its group members are up and hear from the broker,
 * no partition is stopped on an undecodable batch, and stored batches are not failing for long. Read by
 * /health/ready and the gauges; written by the consumer. In-process on purpose: it answers for this replica.
 * Wall time, not the injected clock: the broker's silence is measured in real seconds.
 */
@Injectable()
export class IngestHealth {
  private members: () => MemberStatus[] = () => [];
  private readonly stopped = new Map<string, StoppedPartition>();
  private readonly failing = new Map<string, FailingStore>();
  private readonly stallMs: number;
  private readonly crashCounter;

  constructor(
    @InjectConfig() config: AppConfig,
    metrics: MetricsService,
  ) {
    this.stallMs = (config.kafka?.stallTimeout ?? 60) * 1000;
    this.crashCounter = metrics.counter(
      'tthc_audit_kafka_consumer_crashes_total',
      'Crashes of Kafka consumer-group members (each is logged and the member rejoins with backoff)',
    );
    metrics.gauge('tthc_audit_ingest_ready', 'Kafka ingest of this replica is making progress (1) or not (0)', [], (g) =>
      g.set(this.readiness().ready ? 1 : 0),
    );
    metrics.gauge('tthc_audit_kafka_consumer_members', 'Consumer-group members of this replica, by state', ['state'], (g) => {
      g.reset();
      for (const m of this.members()) g.inc({ state: m.state });
    });
    metrics.gauge('tthc_audit_kafka_partitions_stopped', 'Partitions stopped on a record batch that cannot be decoded', [], (g) =>
      g.set(this.stopped.size),
    );
  }

  /** The consumer tells where its members' states are read from. */
  watchMembers(source: () => MemberStatus[]): void {
    this.members = source;
  }

  memberCrashed(): void {
    this.crashCounter.inc();
  }

  partitionStopped(p: StoppedPartition): void {
    this.stopped.set(key(p.topic, p.partition), p);
  }

  partitionResumed(topic: string, partition: number): void {
    this.stopped.delete(key(topic, partition));
  }

  stoppedPartitions(member?: number): StoppedPartition[] {
    return [...this.stopped.values()].filter((p) => member === undefined || p.member === member);
  }

  storeFailed(topic: string, partition: number, error: Error): void {
    const k = key(topic, partition);
    const entry = this.failing.get(k) ?? { since: new Date(), attempts: 0, lastError: '' };
    this.failing.set(k, { ...entry, attempts: entry.attempts + 1, lastError: error.message });
  }

  storeSucceeded(topic: string, partition: number): void {
    this.failing.delete(key(topic, partition));
  }

  readiness(): IngestReadiness {
    const now = Date.now();
    const members = this.members();
    const reasons: string[] = [];
    for (const m of members) {
      if (m.state === 'restarting') {
        reasons.push(`consumer member ${m.member} is down after a crash (${m.lastError}); it rejoins at ${m.nextStartAt?.toISOString()}`);
      } else if (m.state === 'starting') {
        reasons.push(`consumer member ${m.member} is joining the consumer group`);
      } else if (m.state === 'running' && (m.lastContactAt === null || now - m.lastContactAt.getTime() > this.stallMs)) {
        const silent = m.lastContactAt ? `${Math.round((now - m.lastContactAt.getTime()) / 1000)} s` : 'ever';
        reasons.push(`consumer member ${m.member} has had no answer from the broker for ${silent}`);
      }
    }
    for (const p of this.stopped.values()) {
      reasons.push(
        `partition ${p.topic}[${p.partition}] is stopped at offset ${p.offset}: ${p.reason} (stuck batch ${p.stuckBatchId}; an operator may skip it)`,
      );
    }
    for (const [k, f] of this.failing) {
      if (now - f.since.getTime() > this.stallMs) {
        reasons.push(`storing a batch of ${k} has failed ${f.attempts} times since ${f.since.toISOString()}: ${f.lastError}`);
      }
    }
    return { ready: reasons.length === 0, reasons, members, stoppedPartitions: this.stoppedPartitions() };
  }
}

function key(topic: string, partition: number): string {
  return `${topic}[${partition}]`;
}
