/**
 * npm run bench:alert-latency -- [--trips 40] [--interval 1500] [--background 2000] [--dist] [--keep]
 *
 * How long from an event produced to Kafka to its alert in the API, for the stream detectors. The real service runs
 * as its own process (ROLES=api,ingest,jobs, production mode); a background producer keeps a steady stream of
 * ordinary lookups flowing (--background events a second, 60 accounts, random citizens, each for a dossier) so the
 * consumer is busy as in the day; every --interval ms a "trip" produces, in one send, a walk of 200 lookups through
 * consecutive personal IDs by a fresh account (what the enumeration detector exists for). The clock starts just
 * before the send; the bench then polls GET /v1/alerts?accountId=… every 25 ms until the alert is there. Prints
 * p50, p95, p99 and the maximum over --trips trips, and one RESULT line of JSON. Uses KAFKA_BROKERS / DATABASE_URL
 * when set, else the test environment's Kafka and the local PostgreSQL (a throwaway database, dropped unless --keep).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { quantileSorted } from 'simple-statistics';
import { CompressionTypes, Kafka, logLevel, Producer } from 'kafkajs';
import { simulatedSourceSystems } from '@app/gateway-simulator';
import { callJson } from '../utils/http-client';
import { freePort, waitForHttp } from '../utils/service-process';
import { benchDatabase, benchKafka, machineDescription } from './bench-environment.util';
import { firstAdminSignIn } from './detection-quality-api.util';
import { fullServiceEnv, startService, ServiceUnderTest } from './service-run.util';

const ADMIN = { username: 'latency-bench', password: 'Amber-harbour-compass-2026!' };
const HASH_KEY = 'bench-subject-hash-key-0123456789abcdef';
const UNIT = '000.00.61.H52';
const WALK = 200;
const log = (m: string): void => console.log(`[bench] ${m}`);

interface Options {
  trips: number;
  interval: number;
  background: number;
  dist?: boolean;
  keep?: boolean;
}

/** A 12-digit personal ID: province 052, century-and-sex digit, birth year, serial. */
const personalId = (serial: number, year = 1980 + (serial % 20)): string => `0522${String(year % 100).padStart(2, '0')}${String(serial % 1_000_000).padStart(6, '0')}`;

function lookup(accountId: string, subjectId: string, at: Date, dossier: boolean): Record<string, unknown> {
  return {
    schemaVersion: 1,
    eventId: randomUUID(),
    occurredAt: at.toISOString(),
    accountId,
    unitCode: UNIT,
    clientIp: '10.61.0.15',
    sourceSystem: 'igate',
    action: 'lookup',
    subjectId,
    fields: ['fullName', 'dateOfBirth'],
    ...(dossier ? { dossierCode: `${UNIT}-${randomBytes(4).toString('hex')}`, procedureCode: '1.001234' } : {}),
    result: 'success',
  };
}

async function send(producer: Producer, topic: string, events: Record<string, unknown>[]): Promise<void> {
  await producer.send({
    topic,
    acks: -1,
    compression: CompressionTypes.None,
    messages: events.map((e) => ({ key: e.accountId as string, value: JSON.stringify(e) })),
  });
}

/** Ordinary work at a steady rate until stopped: 60 accounts, random citizens, every lookup for a dossier. */
function backgroundLoad(producer: Producer, topic: string, perSecond: number): { stop(): Promise<number> } {
  let running = true;
  let sent = 0;
  const loop = (async () => {
    const tick = 100;
    while (running) {
      const started = performance.now();
      const n = Math.round((perSecond * tick) / 1000);
      const now = new Date();
      const events = Array.from({ length: n }, (_, i) => lookup(`bench.bg.${(sent + i) % 60}`, personalId(Math.floor(Math.random() * 1e6), 1960 + Math.floor(Math.random() * 40)), now, true));
      if (n) await send(producer, topic, events);
      sent += n;
      await new Promise((r) => setTimeout(r, Math.max(0, tick - (performance.now() - started))));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return sent;
    },
  };
}

async function waitForAlert(base: string, bearer: Record<string, string>, accountId: string, service: ServiceUnderTest, timeoutMs = 30_000): Promise<{ type: string; at: number }> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const page = await callJson(base, 'GET', `/v1/alerts?accountId=${encodeURIComponent(accountId)}&limit=5`, undefined, bearer);
    const at = performance.now();
    if (page.items?.length) return { type: page.items[0].type as string, at };
    if (service.child.exitCode !== null) throw new Error(`the service exited (${service.child.exitCode}).\n${service.output().slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`no alert for ${accountId} within ${timeoutMs} ms`);
}

async function main(o: Options): Promise<void> {
  for (const line of machineDescription()) log(line);
  const kafka = await benchKafka(log);
  const db = await benchDatabase();
  const work = mkdtempSync(join(tmpdir(), 'tthc-latency-'));
  const topic = `latency.query-logs.${randomBytes(3).toString('hex')}`;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = fullServiceEnv({ databaseUrl: db.url, brokers: kafka.brokers, topic, port, work, subjectHashKey: HASH_KEY, admin: ADMIN, groupPrefix: 'latency' });
  const client = new Kafka({ clientId: 'latency-bench', brokers: kafka.brokers, logLevel: logLevel.NOTHING });
  const admin = client.admin();
  const producer = client.producer({ allowAutoTopicCreation: false });
  let service: ServiceUnderTest | undefined;
  try {
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 6 }], waitForLeaders: true });
    await producer.connect();
    service = startService(env, { dist: o.dist });
    await waitForHttp(`${base}/health`, service, 120_000);
    const { bearer } = await firstAdminSignIn(base, ADMIN);
    for (const s of simulatedSourceSystems()) await callJson(base, 'POST', '/v1/source-systems', s, bearer);
    log(`service up (${o.dist ? 'dist' : 'sources'}), database ${db.name}, Kafka ${kafka.version}, topic ${topic}; background ${o.background} events/s`);

    const load = backgroundLoad(producer, topic, o.background);
    await new Promise((r) => setTimeout(r, 5000)); // the consumer at its steady pace before the first trip
    const latencies: number[] = [];
    const types = new Map<string, number>();
    for (let i = 0; i < o.trips; i++) {
      const accountId = `bench.walk.${i}`;
      const first = 100_000 + i * 1000;
      const now = Date.now();
      const walk = Array.from({ length: WALK }, (_, k) => lookup(accountId, personalId(first + k, 1990), new Date(now - (WALK - k) * 1500), false));
      const sentAt = performance.now();
      await send(producer, topic, walk);
      const alert = await waitForAlert(base, bearer, accountId, service);
      latencies.push(alert.at - sentAt);
      types.set(alert.type, (types.get(alert.type) ?? 0) + 1);
      log(`trip ${i + 1}/${o.trips}: ${alert.type} after ${(alert.at - sentAt).toFixed(0)} ms`);
      await new Promise((r) => setTimeout(r, o.interval));
    }
    const background = await load.stop();
    const sorted = [...latencies].sort((a, b) => a - b);
    const ms = (q: number): number => Math.round(quantileSorted(sorted, q));
    const result = {
      trips: o.trips,
      walk: WALK,
      background: { perSecond: o.background, sent: background },
      latencyMs: { p50: ms(0.5), p95: ms(0.95), p99: ms(0.99), max: Math.round(sorted[sorted.length - 1]) },
      alertTypes: Object.fromEntries(types),
      dist: !!o.dist,
      load: loadavg().map((l) => Number(l.toFixed(1))),
    };
    log(`produce → alert in the API over ${o.trips} trips: p50 ${result.latencyMs.p50} ms, p95 ${result.latencyMs.p95} ms, p99 ${result.latencyMs.p99} ms, max ${result.latencyMs.max} ms`);
    console.log(`\nRESULT ${JSON.stringify(result)}`);
  } finally {
    if (service) await service.stop();
    await producer.disconnect().catch(() => undefined);
    await admin.disconnect().catch(() => undefined);
    if (o.keep) log(`kept database ${db.name} (${db.url}) and ${work}`);
    else {
      await db.drop();
      rmSync(work, { recursive: true, force: true });
    }
    await kafka.stop();
  }
}

const num = (v: string): number => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`not a number >= 0: ${v}`);
  return n;
};

new Command('bench:alert-latency')
  .option('--trips <n>', 'alerts to time', num, 40)
  .option('--interval <ms>', 'pause between trips', num, 1500)
  .option('--background <n>', 'ordinary events a second meanwhile', num, 2000)
  .option('--dist', 'run the built service (npm run build first), as production does')
  .option('--keep', 'keep the database')
  .action((o: Options) =>
    main(o).catch((e) => {
      console.error(e);
      process.exit(1);
    }),
  )
  .parse();
