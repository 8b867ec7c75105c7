/**
 * npm run bench:ingest [-- --events 2000000] [--preload 0] [--partitions 6] [--consumers N] [--dist] [--no-streaming] [--cpu-prof] [--keep]
 *   [--drop-index idx_a,idx_b]
 *   [--database tthc_bench_xxxxxxxx --seed other]
 *
 * End-to-end ingest: simulated gateway events are loaded into a fresh Kafka topic first, then the real service
 * (separate process, ROLES=ingest) drains it: consumed, validated, pseudonymised, chained, stored with indexes,
 * offsets committed. Prints the load rate, the drain rate, the service's peak RSS and CPU split, and in the same
 * run the raw COPY rate of the same rows into a plain table (the physical limit). --preload N first fills the
 * store with N events, to see how ingest holds up on a large store. Uses KAFKA_BROKERS / DATABASE_URL when set,
 * else the test environment's Kafka and the local PostgreSQL (a throwaway database, dropped at the end unless
 * --keep). --dist runs the built service (run `npm run build` first), as production does. --database measures again
 * on a database a run kept (with a new --seed, so that its events are new to the store); with --preload it first
 * grows that store by N events, in the months before its earliest one. --drop-index drops the named indexes of the
 * migrated store before the run (to measure what an index costs ingest, against a run without it).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Client } from 'pg';
import { simulate, simulatedSourceSystems } from '@app/gateway-simulator';
import {
  BenchDatabase,
  benchDatabase,
  benchKafka,
  machineDescription,
  serverSettings,
} from './bench-environment.util';
import { copyBaseline } from './copy-baseline.util';
import { Drain, measureDrain } from './drain-measurement.util';
import { preloadStore } from './preload.util';
import { freePort } from '../utils/service-process';

const START = new Date('2026-11-16T00:00:00+07:00');
const HASH_KEY = 'bench-subject-hash-key-0123456789abcdef';
const log = (m: string): void => console.log(`[bench] ${m}`);
const fmt = (n: number): string => Math.round(n).toLocaleString('en');

interface Options {
  events: number;
  preload: number;
  partitions: number;
  cpuProf?: boolean;
  keep?: boolean;
  dist?: boolean;
  consumers?: number;
  streaming: boolean;
  database?: string;
  seed: string;
  dropIndex?: string[];
}

async function sql<T>(url: string, text: string): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows[0] as T;
  } finally {
    await c.end();
  }
}

interface StoreContents {
  events: number;
  preloaded: number;
  earliestPreloaded: Date | null;
}

async function storeContents(db: BenchDatabase): Promise<StoreContents> {
  const r = await sql<{ events: string; preloaded: string; earliest: Date | null }>(
    db.url,
    `SELECT count(*)::text AS events, count(*) FILTER (WHERE batch_id = 0)::text AS preloaded,
       min(occurred_at) FILTER (WHERE batch_id = 0) AS earliest
     FROM query_event_id`,
  );
  return { events: Number(r.events), preloaded: Number(r.preloaded), earliestPreloaded: r.earliest };
}

/** Fills the store with `count` events before START, or on a kept store, before its earliest preloaded event. */
async function preload(db: BenchDatabase, count: number): Promise<void> {
  const kept = await storeContents(db);
  if (kept.earliestPreloaded)
    log(`the store holds ${fmt(kept.preloaded)} preloaded events; adding ${fmt(count)} before them`);
  const p = await preloadStore(db.url, count, {
    before: kept.earliestPreloaded ?? START,
    firstNumber: kept.preloaded,
    log,
  });
  const span = `${p.from.toISOString().slice(0, 10)} .. ${p.to.toISOString().slice(0, 10)}`;
  log(
    `preloaded ${fmt(p.rows)} events (${span}) in ${p.seconds.toFixed(0)} s: ${fmt(p.rows / p.seconds)} rows/s`,
  );
  const t = performance.now();
  await sql(db.url, 'VACUUM (ANALYZE) query_event, query_event_id');
  await sql(db.url, 'CHECKPOINT');
  log(`vacuum analyze + checkpoint after the preload: ${((performance.now() - t) / 1000).toFixed(0)} s`);
}

/** As an operator does before a system's events flow; otherwise every event would be flagged "unregistered". */
async function registerSourceSystems(db: BenchDatabase): Promise<void> {
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    for (const s of simulatedSourceSystems())
      await c.query(
        `INSERT INTO source_system (code, name, operator_org, allowed_fields) VALUES ($1, $2, $3, $4)
         ON CONFLICT (code) DO NOTHING`,
        [s.code, s.name, s.operatorOrg, s.allowedFields],
      );
  } finally {
    await c.end();
  }
}

function serviceEnv(
  db: BenchDatabase,
  brokers: string[],
  topic: string,
  port: number,
  work: string,
): Record<string, string> {
  return {
    NODE_ENV: 'production',
    ROLES: 'ingest',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    DATA_DIR: join(work, 'data'),
    DATABASE_URL: db.url,
    DATABASE_MIGRATE_ON_START: 'false',
    KAFKA_BROKERS: brokers.join(','),
    KAFKA_TOPIC: topic,
    KAFKA_GROUP_ID: `bench-${randomBytes(3).toString('hex')}`,
    KAFKA_DLQ_TOPIC: `${topic}.dlq`,
    SUBJECT_HASH_KEY: HASH_KEY,
    SUBJECT_HASH_KEY_ID: 'k1',
  };
}

function reportDrain(d: Drain, stored: { n: string; rejected: string }, o: Options): number {
  const e2e = d.drained / d.seconds;
  log(
    `end to end: ${fmt(d.drained)} events in ${d.seconds.toFixed(1)} s = ${fmt(e2e)} events/s from the first commit ` +
      `(${fmt(d.total / d.wallSeconds)} events/s counting the service start of ${d.startSeconds.toFixed(1)} s)`,
  );
  log(
    `stored ${fmt(Number(stored.n))} events (expected ${fmt(o.events)}), ${stored.rejected} rejected; service peak RSS ${d.peakRssMiB.toFixed(0)} MiB`,
  );
  const c = d.cpu;
  const pct = (s: number): string => `${((100 * s) / d.seconds).toFixed(0)}% of a core`;
  log(
    `CPU during the drain: service ${c.service.toFixed(1)} s (${pct(c.service)}), its PostgreSQL backends ` +
      `${c.postgres.toFixed(1)} s (${pct(c.postgres)}), whole machine ${((100 * c.machineBusy) / c.machineCapacity).toFixed(0)}% busy ` +
      `(load average now ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')})`,
  );
  log(
    `WAL written by the server during the drain: ${(d.wal.walBytes / 2 ** 20).toFixed(0)} MiB ` +
      `(${fmt(d.wal.walBytes / Math.max(1, d.drained))} bytes per event); checkpoints: ${d.wal.checkpointsRequested} forced by max_wal_size, ${d.wal.checkpointsTimed} timed`,
  );
  return e2e;
}

async function main(o: Options): Promise<void> {
  for (const line of machineDescription()) log(line);
  if (o.dist && !existsSync(join(__dirname, '../../dist/apps/audit-service/src/main.js')))
    throw new Error('--dist: run `npm run build` first');
  const kafka = await benchKafka(log);
  const db = await benchDatabase(o.database);
  const work = mkdtempSync(join(tmpdir(), 'tthc-bench-'));
  try {
    log(
      `PostgreSQL ${db.serverVersion}, database ${db.name}; ${JSON.stringify(await serverSettings(db.url))}`,
    );
    log(`Kafka ${kafka.version} at ${kafka.brokers.join(',')}`);
    if (o.preload > 0) await preload(db, o.preload);
    for (const index of o.dropIndex ?? []) {
      await sql(db.url, `DROP INDEX ${index}`);
      log(`dropped index ${index} for this run`);
    }
    const before = await storeContents(db);
    log(`events in the store before the run: ${fmt(before.events)}`);
    await registerSourceSystems(db);
    // This run's events are the batches after the last one already in the store (a kept database has some).
    const { last } = await sql<{ last: string }>(
      db.url,
      `SELECT coalesce(max(id), 0)::text AS last FROM audit_batch`,
    );

    const topic = `bench.query-logs.${randomBytes(3).toString('hex')}`;
    log(`loading ${fmt(o.events)} simulated events into ${topic} (${o.partitions} partitions)...`);
    const load = await simulate({
      to: 'kafka',
      brokers: kafka.brokers,
      topic,
      partitions: o.partitions,
      count: o.events,
      seed: o.seed,
      start: START,
      batchSize: 5000,
      progress: null,
    });
    log(
      `loaded in ${load.seconds.toFixed(1)} s: ${fmt(load.eventsPerSecond)} events/s (simulator + producer, acks=all)`,
    );

    const env = serviceEnv(db, kafka.brokers, topic, await freePort(), work);
    if (o.consumers) env.KAFKA_CONSUMERS = String(o.consumers);
    env.DETECTION_STREAMING = String(o.streaming);
    const cpuProfileDir = o.cpuProf ? join(work, 'cpu-profile') : undefined;
    const d = await measureDrain({
      env,
      brokers: kafka.brokers,
      database: db,
      dist: o.dist,
      cpuProfileDir,
      log,
    });
    const stored = await sql<{ n: string; rejected: string }>(
      db.url,
      `SELECT (SELECT count(*) FROM query_event WHERE batch_id > ${last} AND occurred_at >= '${START.toISOString()}') AS n,
         (SELECT count(*) FROM ingest_rejection) AS rejected`,
    );
    const e2e = reportDrain(d, stored, o);
    if (cpuProfileDir)
      log(
        `CPU profile of the service: ${readdirSync(cpuProfileDir)
          .map((f) => join(cpuProfileDir, f))
          .join(', ')} (summary: node -r @swc-node/register test/bench/cpu-profile-summary.ts <file>)`,
      );

    const copy = await copyBaseline(db.url, join(work, 'rows.copy'), { afterBatch: last, since: START });
    log(
      `physical limit: COPY of the same ${fmt(copy.rows)} rows into a plain table (no index): ${copy.seconds.toFixed(1)} s = ${fmt(copy.rowsPerSecond)} rows/s (${(copy.bytes / 2 ** 20).toFixed(0)} MiB)`,
    );
    console.log(
      `\nRESULT events=${o.events} stored_before=${before.events} load_rate=${Math.round(load.eventsPerSecond)} e2e_rate=${Math.round(e2e)} ` +
        `peak_rss_mib=${d.peakRssMiB.toFixed(0)} copy_rate=${Math.round(copy.rowsPerSecond)} ratio=${(e2e / copy.rowsPerSecond).toFixed(3)} streaming=${o.streaming}`,
    );
    console.log(
      `target: >= 30,000 events/s ${e2e >= 30_000 ? 'MET' : 'MISSED'}; RSS < 512 MiB ${d.peakRssMiB < 512 ? 'MET' : 'MISSED'}`,
    );
  } finally {
    if (o.keep || o.database) log(`kept database ${db.name} and ${work}`);
    else await db.drop();
    if (!o.keep && !o.cpuProf) rmSync(work, { recursive: true, force: true });
    await kafka.stop();
  }
}

const int = (v: string): number => {
  const n = Number(v.replace(/[_,]/g, ''));
  if (!Number.isInteger(n) || n < 0) throw new Error(`not a whole number: ${v}`);
  return n;
};

new Command('bench:ingest')
  .option('--events <n>', 'events loaded into the topic and drained', int, 2_000_000)
  .option('--preload <n>', 'events stored directly before the run (store size)', int, 0)
  .option('--partitions <n>', 'partitions of the topic', int, 6)
  .option('--consumers <n>', 'KAFKA_CONSUMERS of the service (default: its default)', int)
  .option('--dist', 'run the built service (npm run build first) instead of the sources')
  .option('--no-streaming', 'DETECTION_STREAMING=false: the stream detectors off (to measure what they cost)')
  .option('--cpu-prof', 'write a V8 CPU profile of the service (kept in the work folder)')
  .option('--keep', 'keep the database and work folder')
  .option(
    '--database <name>',
    'measure on a database an earlier run kept (with --preload, grown by N events first)',
  )
  .option(
    '--seed <seed>',
    'simulator seed of the measured events (a new one for each run on a kept database)',
    'bench',
  )
  .option('--drop-index <names>', 'indexes to drop before the run, separated by commas', (v: string) => v.split(',').filter((n) => /^[a-z_][a-z0-9_]*$/.test(n)))
  .action((o: Options) => main(o))
  .parseAsync()
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
