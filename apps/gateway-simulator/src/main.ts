#!/usr/bin/env node
import { writeFileSync } from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { KAFKA_COMPRESSIONS, type KafkaCompression } from '@app/config';
import { ANOMALY_SCENARIOS } from './anomaly.util';
import { EventGenerator } from './event-generator.service';
import { CASE_MIXES } from './labelled/case-mix.constant';
import { LabelledProvinceGenerator } from './labelled/labelled-generator.service';
import { writeLabels } from './labelled/labels-output.util';
import { accountDirectory, writeAccountDirectory } from './outputs/account-directory.util';
import { simulatedSourceSystems } from './province.util';
import { OutputTarget, simulate, SimulateOptions } from './simulate.command';

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number above 0');
  return n;
};

const positiveNumber = (value: string): number => {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number above 0');
  return n;
};

const isoDate = (value: string): Date => {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw new InvalidArgumentError('expected an ISO date, e.g. 2026-11-16');
  return d;
};

const untilDate = (value: string): Date => (value === 'now' ? new Date() : isoDate(value));

interface CliOptions {
  to?: OutputTarget;
  count?: number;
  rate?: number;
  max?: boolean;
  brokers: string;
  topic: string;
  partitions: number;
  compression: KafkaCompression;
  url?: string;
  apiKey?: string;
  token?: string;
  out?: string;
  seed: string;
  start?: Date;
  until?: Date;
  days?: number;
  units?: number;
  accounts?: number;
  scale?: number;
  mix?: string;
  labels?: string;
  sourceSystems?: string;
  anomalies?: string;
  batchSize?: number;
  directory?: string;
  quiet?: boolean;
}

const program = new Command('simulate')
  .description(
    'Writes realistic, contract-valid gateway query-log events (accounts of a province in sessions during office hours, ' +
      'dossiers, households) to Kafka, HTTP or a file. Same --seed, same events.',
  )
  .addOption(new Option('--to <target>', 'where events go').choices(['kafka', 'http', 'file']))
  .option('--count <n>', 'events to write (default 10,000; with --mix: a cap, default none)', positiveInt)
  .addOption(new Option('--rate <r>', 'events per second').argParser(positiveInt).conflicts('max'))
  .option('--max', 'as fast as possible (the default)')
  .option('--brokers <list>', 'Kafka brokers host:port,…', process.env.KAFKA_BROKERS ?? 'localhost:9092')
  .option('--topic <name>', 'Kafka topic', process.env.KAFKA_TOPIC ?? 'tthc.query-logs')
  .option('--partitions <n>', 'partitions when the topic is created', positiveInt, 6)
  .addOption(new Option('--compression <codec>', 'codec of the Kafka record batches').choices(KAFKA_COMPRESSIONS).default('none'))
  .option('--url <url>', 'service base URL for --to http, e.g. http://localhost:3000')
  .option('--api-key <key>', "producer API key of a registered source system (X-Api-Key): only that system's events are accepted")
  .option('--token <token>', "an operator's access token (Authorization: Bearer), for the events of every system of the province")
  .option('--out <file>', 'file for --to file: .ndjson, or .csv')
  .option('--seed <seed>', 'seed of the simulation', 'tthc')
  .option('--start <iso>', 'first simulated day (Asia/Ho_Chi_Minh), default 2026-11-16 (with --mix 2026-01-05)', isoDate)
  .option('--until <iso|now>', 'stop at the first event after this time (now: the clock of this machine), so a run up to today sends no future times', untilDate)
  .option('--days <d>', 'days the events spread over (default: count / 200,000, at least 1; with --mix 120)', positiveInt)
  .option('--units <n>', 'units (departments, communes, post offices…) in the province (default 60; with --mix 130)', positiveInt)
  .addOption(new Option('--mix <name>', 'a labelled province with injected misuse and hard cases (see docs/simulator.md)').choices(Object.keys(CASE_MIXES)))
  .option('--labels <file>', 'write the injected cases (.json with the units, or .ndjson one case a line); implies --mix standard')
  .option('--accounts <n>', 'labelled province: accounts, about (default 1,000)', positiveInt)
  .option('--scale <x>', 'labelled province: multiplies every personal rate (default 1, about 30,000 events a working day)', positiveNumber)
  .option('--anomalies <list>', `misuse to inject: ${Object.keys(ANOMALY_SCENARIOS).join(', ')}`)
  .option('--batch-size <n>', 'events per Kafka send or HTTP request', positiveInt)
  .option(
    '--directory <file>',
    'also write the account directory of the simulated province (.csv or .ndjson)',
  )
  .option('--source-systems <file>', 'also write the bodies of POST /v1/source-systems for the simulated systems (NDJSON)')
  .option('--quiet', 'no progress output')
  .action(async (o: CliOptions) => {
    if (o.sourceSystems) {
      const systems = simulatedSourceSystems();
      writeFileSync(o.sourceSystems, systems.map((system) => JSON.stringify(system)).join('\n') + '\n');
      console.log(`${systems.length} source systems written to ${o.sourceSystems}`);
    }
    const mix = o.mix ?? (o.labels ? 'standard' : undefined);
    if (mix) {
      const labelled = new LabelledProvinceGenerator({ seed: o.seed, mix, start: o.start, days: o.days, units: o.units, accounts: o.accounts, scale: o.scale });
      if (o.directory) {
        const entries = accountDirectory(labelled.province, labelled.startsAt);
        writeAccountDirectory(o.directory, entries);
        console.log(`${entries.length} accounts written to ${o.directory}`);
      }
      if (o.labels) {
        writeLabels(o.labels, labelled);
        console.log(`${labelled.labels.length} labelled cases written to ${o.labels}`);
      }
    } else if (o.directory) {
      const { province, startsAt } = new EventGenerator({
        count: 0,
        seed: o.seed,
        units: o.units,
        start: o.start,
      });
      const entries = accountDirectory(province, startsAt);
      writeAccountDirectory(o.directory, entries);
      console.log(`${entries.length} accounts written to ${o.directory}`);
    }
    const to = o.to ?? (o.out ? 'file' : undefined);
    if (!to && (o.directory || o.labels || o.sourceSystems)) return;
    if (!to) return program.error('Say where events go: --to kafka|http|file');
    const options: SimulateOptions = {
      to,
      count: o.count ?? (mix ? Infinity : 10_000),
      mix,
      accounts: o.accounts,
      scale: o.scale,
      rate: o.max ? undefined : o.rate,
      brokers: o.brokers
        .split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      topic: o.topic,
      partitions: o.partitions,
      compression: o.compression,
      url: o.url,
      apiKey: o.apiKey,
      token: o.token,
      out: o.out,
      seed: o.seed,
      start: o.start,
      until: o.until,
      days: o.days,
      units: o.units,
      anomalies: o.anomalies
        ?.split(',')
        .map((a) => a.trim())
        .filter(Boolean),
      batchSize: o.batchSize,
      progress: o.quiet ? null : process.stderr,
    };
    const summary = await simulate(options);
    console.log(
      `${summary.events} events in ${summary.seconds.toFixed(1)} s (${Math.round(summary.eventsPerSecond)} events/s); ${summary.output}`,
    );
  });

program.parseAsync().catch((error: unknown) => {
  console.error(`simulate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
