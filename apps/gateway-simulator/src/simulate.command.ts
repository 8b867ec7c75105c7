import type { KafkaCompression } from '@app/config';
import type { QueryLogEventV1 } from '@app/contracts';
import { EventGenerator, GeneratorOptions } from './event-generator.service';
import { LabelledProvinceGenerator } from './labelled/labelled-generator.service';
import type { EventOutput } from './outputs/event-output.type';
import { FileEventOutput } from './outputs/file-output.service';
import { HttpEventOutput } from './outputs/http-output.service';
import { KafkaEventOutput } from './outputs/kafka-output.service';
import { Progress } from './progress.util';
import { RateLimiter } from './rate-limiter.util';

export type OutputTarget = 'kafka' | 'http' | 'file';

export interface SimulateOptions extends GeneratorOptions {
  to: OutputTarget;
  /** A labelled province (standard, hard, sparse): traffic from personal rates over `days`, `count` only caps it. */
  mix?: string;
  /** Labelled province: accounts, about (default 1,000). */
  accounts?: number;
  /** Labelled province: multiplies every personal rate (default 1). */
  scale?: number;
  /** Events per second; unset: as fast as possible. */
  rate?: number;
  /** Stop at the first event later than this (the stream is in time order): a run up to now writes no future times. */
  until?: Date;
  batchSize?: number;
  brokers?: string[];
  topic?: string;
  partitions?: number;
  compression?: KafkaCompression;
  url?: string;
  apiKey?: string;
  token?: string;
  out?: string;
  /** Where progress goes; null for none. */
  progress?: NodeJS.WriteStream | null;
}

export interface SimulationSummary {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  output: string;
}

export function createOutput(options: SimulateOptions): EventOutput {
  switch (options.to) {
    case 'kafka':
      if (!options.brokers?.length)
        throw new Error('--to kafka needs --brokers host:port (or KAFKA_BROKERS)');
      return new KafkaEventOutput({
        brokers: options.brokers,
        topic: options.topic ?? 'tthc.query-logs',
        partitions: options.partitions,
        compression: options.compression,
      });
    case 'http':
      if (!options.url) throw new Error('--to http needs --url http://host:port');
      return new HttpEventOutput({ url: options.url, apiKey: options.apiKey, token: options.token });
    case 'file':
      if (!options.out) throw new Error('--to file needs --out events.ndjson (or .csv)');
      return new FileEventOutput(options.out);
    default:
      throw new Error(`Unknown output "${String(options.to)}": use kafka, http or file`);
  }
}

/** The labelled province when a mix is named, else options.count events of the plain province. */
export function createGenerator(options: SimulateOptions): { events: Iterable<QueryLogEventV1>; total: number } {
  if (!options.mix) return { events: new EventGenerator(options), total: options.count };
  const labelled = new LabelledProvinceGenerator({
    seed: options.seed,
    mix: options.mix,
    start: options.start,
    days: options.days,
    units: options.units,
    accounts: options.accounts,
    scale: options.scale,
    households: options.households,
    count: Number.isFinite(options.count) ? options.count : undefined,
  });
  return { events: labelled, total: labelled.estimatedEvents() };
}

/** Generates options.count events and sends them to the chosen output in batches, paced when a rate is given. */
export async function simulate(
  options: SimulateOptions,
  output = createOutput(options),
): Promise<SimulationSummary> {
  // Built before the pacing clock starts: a province takes a moment to build, and a paced run must not count it.
  const source = createGenerator(options);
  const limiter = new RateLimiter(options.rate);
  const batchSize = limiter.batchSize(options.batchSize ?? (options.to === 'http' ? 1000 : 2000));
  const progress = new Progress(
    source.total,
    options.progress === undefined ? process.stderr : options.progress,
  );
  await output.open();
  let emitted = 0;
  let batch: QueryLogEventV1[] = [];
  const until = options.until?.getTime();
  try {
    for (const event of source.events) {
      if (until !== undefined && Date.parse(event.occurredAt) > until) break;
      batch.push(event);
      if (batch.length < batchSize) continue;
      await limiter.waitFor(emitted + batch.length);
      await output.write(batch);
      emitted += batch.length;
      batch = [];
      progress.update(emitted);
    }
    if (batch.length) {
      await limiter.waitFor(emitted + batch.length);
      await output.write(batch);
      emitted += batch.length;
    }
  } finally {
    await output.close();
  }
  progress.done(emitted);
  const seconds = progress.elapsedSeconds();
  return { events: emitted, seconds, eventsPerSecond: emitted / seconds, output: output.describe() };
}
