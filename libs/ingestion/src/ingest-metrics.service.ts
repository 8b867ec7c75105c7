import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { MetricsService } from '@app/observability';
import { IngestSource } from './ingest.type';

/** Ingest metrics. Labels are transports, outcomes and reason codes only: never an ID. */
@Injectable()
export class IngestMetrics {
  readonly events: Counter<'source' | 'outcome'>;
  readonly rejections: Counter<'reason'>;
  readonly batchSeconds: Histogram<'source'>;

  constructor(metrics: MetricsService) {
    this.events = metrics.counter('tthc_audit_ingest_events_total', 'Events received, by transport and outcome (stored, duplicate, rejected)', [
      'source',
      'outcome',
    ]);
    this.rejections = metrics.counter('tthc_audit_ingest_rejections_total', 'Records rejected, by reason', ['reason']);
    this.batchSeconds = metrics.histogram(
      'tthc_audit_ingest_batch_seconds',
      'Time to ingest one batch: parse, validate, pseudonymise, store, keep rejections',
      ['source'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    );
  }

  count(source: IngestSource, stored: number, duplicates: number, rejected: number): void {
    if (stored) this.events.inc({ source, outcome: 'stored' }, stored);
    if (duplicates) this.events.inc({ source, outcome: 'duplicate' }, duplicates);
    if (rejected) this.events.inc({ source, outcome: 'rejected' }, rejected);
  }
}
