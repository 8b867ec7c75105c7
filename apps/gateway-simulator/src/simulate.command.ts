import type { KafkaCompression } from '@app/config';
import type { QueryLogEventV1 } from '@app/contracts';
import { EventGenerator, GeneratorOptions } from './event-generator.service';
import type { EventOutput } from './outputs/event-output.type';
import { FileEventOutput } from './outputs/file-output.service';
import { HttpEventOutput } from './outputs/http-output.service';
import { KafkaEventOutput } from './outputs/kafka-output.service';
import { Progress } from './progress.util';
import { RateLimiter } from './rate-limiter.util';

export type OutputTarget = 'kafka' | 'http' | 'file';

export interface SimulateOptions extends GeneratorOptions {
  to: OutputTarget;
  /** Events per second; unset: as fast as possible. */
  rate?: number;
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

/** Generates options.count events and sends them to the chosen output in batches, paced when a rate is given. */
export async function simulate(
  options: SimulateOptions,
  output = createOutput(options),
): Promise<SimulationSummary> {
  const limiter = new RateLimiter(options.rate);
  const batchSize = limiter.batchSize(options.batchSize ?? (options.to === 'http' ? 1000 : 2000));
  const progress = new Progress(
    options.count,
    options.progress === undefined ? process.stderr : options.progress,
  );
  await output.open();
  let emitted = 0;
  let batch: QueryLogEventV1[] = [];
  try {
    for (const event of new EventGenerator(options)) {
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
