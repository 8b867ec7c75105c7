/**
 * npm run bench:ingest [-- --events 2000000] [--preload 0] [--partitions 6] [--cpu-prof] [--keep]
 *
 * End-to-end ingest: simulated gateway events are loaded into a fresh Kafka topic first, then the real service
 * (separate process, ROLES=ingest) drains it: consumed, validated, pseudonymised, chained, stored with indexes,
 * offsets committed. Prints the load rate, the drain rate, the service's peak RSS, and in the same run the raw
 * COPY rate of the same rows into a plain table (the physical limit). --preload N first fills the store with N
 * events, to see how ingest holds up on a large store. Uses KAFKA_BROKERS / DATABASE_URL when set, else the test
 * environment's Kafka and the local PostgreSQL (a throwaway database, dropped at the end unless --keep).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Client } from 'pg';
import { simulate } from '@app/gateway-simulator';
import { benchDatabase, benchKafka, machineDescription, serverSettings } from './bench-environment.util';
import { copyBaseline } from './copy-baseline.util';
import { preloadStore } from './preload.util';
import { GroupProgress, startService, waitForHealth } from './service-run.util';

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
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

async function query<T>(url: string, sql: string): Promise<T> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows[0] as T;
  } finally {
    await c.end();
  }
}

interface Drain {
  seconds: number;
  wallSeconds: number;
  drained: number;
  peakRssMiB: number;
  profileDir?: string;
}

/** Starts the service on the loaded topic and waits until its group has committed every offset. */
async function drain(
  o: Options,
  env: Record<string, string>,
  brokers: string[],
  work: string,
): Promise<Drain> {
  const progress = new GroupProgress(brokers, env.KAFKA_TOPIC, env.KAFKA_GROUP_ID);
  await progress.connect();
  const end = await progress.endOffset();
  const profileDir = o.cpuProf ? join(work, 'cpu-profile') : undefined;
  const spawnedAt = performance.now();
  const service = startService(env, profileDir);
  try {
    await waitForHealth(Number(env.PORT), service);
    log(
      `service up in ${((performance.now() - spawnedAt) / 1000).toFixed(1)} s; draining ${fmt(end)} messages`,
    );
    let first: { at: number; committed: number } | undefined;
    let lastLog = performance.now();
    for (;;) {
      const committed = await progress.committed();
      const now = performance.now();
      service.peakRssMiB();
      if (!first && committed > 0) first = { at: now, committed };
      if (committed >= end) {
        const seconds = (now - first!.at) / 1000;
        return {
          seconds,
          wallSeconds: (now - spawnedAt) / 1000,
          drained: end - first!.committed,
          peakRssMiB: service.peakRssMiB(),
          profileDir,
        };
      }
      if (now - lastLog > 10_000) {
        lastLog = now;
        log(`  committed ${fmt(committed)} / ${fmt(end)}, RSS peak ${service.peakRssMiB().toFixed(0)} MiB`);
      }
      if (service.child.exitCode !== null)
        throw new Error(`The service exited (${service.child.exitCode}).\n${service.output().slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  } finally {
    const code = await service.stop();
    if (code !== 0) log(`service exit code ${code}; last output:\n${service.output().slice(-2000)}`);
    await progress.disconnect();
  }
}

async function main(o: Options): Promise<void> {
  for (const line of machineDescription()) log(line);
  const kafka = await benchKafka(log);
  const db = await benchDatabase();
  const work = mkdtempSync(join(tmpdir(), 'tthc-bench-'));
  try {
    log(
      `PostgreSQL ${db.serverVersion}, database ${db.name}; ${JSON.stringify(await serverSettings(db.url))}`,
    );
    log(`Kafka ${kafka.version} at ${kafka.brokers.join(',')}`);
    if (o.preload > 0) {
      const p = await preloadStore(db.url, o.preload, { before: START, hashKey: HASH_KEY, keyId: 'k1', log });
      log(
        `preloaded ${fmt(p.rows)} events (${p.from.toISOString().slice(0, 10)} .. ${p.to.toISOString().slice(0, 10)}) in ${p.seconds.toFixed(0)} s: ${fmt(p.rows / p.seconds)} rows/s`,
      );
      const t = performance.now();
      await query(db.url, 'VACUUM (ANALYZE) query_event, query_event_id');
      await query(db.url, 'CHECKPOINT');
      log(`vacuum analyze + checkpoint after preload: ${((performance.now() - t) / 1000).toFixed(0)} s`);
    }

    const topic = `bench.query-logs.${randomBytes(3).toString('hex')}`;
    log(`loading ${fmt(o.events)} simulated events into ${topic} (${o.partitions} partitions)...`);
    const load = await simulate({
      to: 'kafka',
      brokers: kafka.brokers,
      topic,
      partitions: o.partitions,
      count: o.events,
      seed: 'bench',
      start: START,
      batchSize: 5000,
      progress: null,
    });
    log(
      `loaded in ${load.seconds.toFixed(1)} s: ${fmt(load.eventsPerSecond)} events/s (simulator + producer, acks=all)`,
    );

    const env: Record<string, string> = {
      NODE_ENV: 'production',
      ROLES: 'ingest',
      HOST: '127.0.0.1',
      PORT: String(await freePort()),
      LOG_LEVEL: 'warn',
      DATA_DIR: join(work, 'data'),
      DATABASE_URL: db.url,
      DATABASE_MIGRATE_ON_START: 'false',
      KAFKA_BROKERS: kafka.brokers.join(','),
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: `bench-${randomBytes(3).toString('hex')}`,
      KAFKA_DLQ_TOPIC: `${topic}.dlq`,
      SUBJECT_HASH_KEY: HASH_KEY,
      SUBJECT_HASH_KEY_ID: 'k1',
    };
    const d = await drain(o, env, kafka.brokers, work);
    const stored = await query<{ n: string; rejected: string }>(
      db.url,
      `SELECT (SELECT count(*) FROM query_event WHERE batch_id > 0) AS n, (SELECT count(*) FROM ingest_rejection) AS rejected`,
    );
    const e2e = d.drained / d.seconds;
    log(
      `end to end: ${fmt(d.drained)} events in ${d.seconds.toFixed(1)} s = ${fmt(e2e)} events/s (from the first commit; ${fmt(o.events / d.wallSeconds)} events/s including the service start)`,
    );
    log(
      `stored ${fmt(Number(stored.n))} events (expected ${fmt(o.events)}), ${stored.rejected} rejected; service peak RSS ${d.peakRssMiB.toFixed(0)} MiB`,
    );
    if (d.profileDir)
      log(
        `CPU profile of the service: ${readdirSync(d.profileDir)
          .map((f) => join(d.profileDir!, f))
          .join(', ')}`,
      );

    const copy = await copyBaseline(db.url, join(work, 'rows.copy'));
    log(
      `physical limit: COPY of the same ${fmt(copy.rows)} rows into a plain table (no index): ${copy.seconds.toFixed(1)} s = ${fmt(copy.rowsPerSecond)} rows/s (${(copy.bytes / 2 ** 20).toFixed(0)} MiB)`,
    );
    console.log('');
    console.log(
      `RESULT events=${o.events} preload=${o.preload} load_rate=${Math.round(load.eventsPerSecond)} e2e_rate=${Math.round(e2e)} peak_rss_mib=${d.peakRssMiB.toFixed(0)} copy_rate=${Math.round(copy.rowsPerSecond)} ratio=${(e2e / copy.rowsPerSecond).toFixed(3)}`,
    );
    console.log(
      `target: >= 30,000 events/s ${e2e >= 30_000 ? 'MET' : 'MISSED'}; RSS < 512 MiB ${d.peakRssMiB < 512 ? 'MET' : 'MISSED'}`,
    );
  } finally {
    if (o.keep) log(`kept database ${db.name} and ${work}`);
    else {
      await db.drop();
      if (!o.cpuProf) rmSync(work, { recursive: true, force: true });
    }
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
  .option('--cpu-prof', 'write a V8 CPU profile of the service (kept in the work folder)')
  .option('--keep', 'keep the database and work folder')
  .action((o: Options) => main(o))
  .parseAsync()
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
