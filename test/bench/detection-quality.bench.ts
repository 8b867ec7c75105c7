/**
 * npm run bench:detection -- [--seed eval-1] [--mix standard|hard|sparse] [--days 120] [--accounts 1000] [--scale 1]
 *   [--partitions 6] [--keep] [--result results.ndjson] [--details file.json]
 *
 * Detection quality on a labelled province, through the real ingest path: the simulator's labelled province
 * (events and labels from one seed and mix), the real service as its own process (ROLES=api,ingest,jobs, the first
 * admin from BOOTSTRAP_ADMIN_*), set up through its API as an operator would (source systems, the directory, units'
 * networks and kinds), the events streamed into Kafka while the service consumes them, then the scan over the whole
 * period (POST /v1/detection/scan), the alerts read back (GET /v1/alerts) and scored against the labels at account
 * level (detection-quality-score.util.ts). Prints a table and one RESULT line of JSON; --result appends that line to
 * a file, --details writes the misses and false positives. Uses KAFKA_BROKERS / DATABASE_URL when set, else the test
 * environment's Kafka and the local PostgreSQL (a throwaway database, dropped unless --keep). See
 * docs/detection-quality.md.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { LabelledProvinceGenerator, simulate } from '@app/gateway-simulator';
import { freePort, waitForHttp } from '../utils/service-process';
import { benchDatabase, benchKafka, machineDescription } from './bench-environment.util';
import { allAlerts, firstAdminSignIn, scan, setUpProvince, signIn } from './detection-quality-api.util';
import { printScore } from './detection-quality-report.util';
import { scoreDetection } from './detection-quality-score.util';
import { fullServiceEnv, GroupProgress, startService, ServiceUnderTest } from './service-run.util';

const ADMIN = { username: 'quality-bench', password: 'Amber-harbour-compass-2026!' };
const HASH_KEY = 'bench-subject-hash-key-0123456789abcdef';
const DAY_MS = 86_400_000;
const log = (m: string): void => console.log(`[bench] ${m}`);
const seconds = (since: number): number => (performance.now() - since) / 1000;

interface Options {
  seed: string;
  mix: string;
  days: number;
  accounts: number;
  scale: number;
  partitions: number;
  keep?: boolean;
  result?: string;
  details?: string;
}

/** Polls the consumer group until every message of the topic is committed, i.e. stored. */
async function waitUntilStored(progress: GroupProgress, service: ServiceUnderTest): Promise<number> {
  const total = await progress.endOffset();
  let last = performance.now();
  for (;;) {
    const committed = await progress.committed();
    if (committed >= total) return total;
    if (service.child.exitCode !== null) throw new Error(`the service exited (${service.child.exitCode}).\n${service.output().slice(-4000)}`);
    if (performance.now() - last > 15_000) {
      last = performance.now();
      log(`  stored ${committed.toLocaleString('en')} / ${total.toLocaleString('en')}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Share of lookups naming a dossier, and a dossier of the account's own unit, over the whole run (account_day). */
async function dossierShares(url: string): Promise<{ lookups: number; withDossier: number; ownUnitDossier: number }> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query(
      `SELECT sum(lookups)::float8 AS l, sum(with_dossier)::float8 AS w, sum(own_unit_dossier)::float8 AS o FROM account_day`,
    );
    const l = Number(rows[0].l);
    return { lookups: l, withDossier: Number(rows[0].w) / l, ownUnitDossier: Number(rows[0].o) / l };
  } finally {
    await c.end();
  }
}

async function createTopic(brokers: string[], topic: string, partitions: number): Promise<void> {
  const admin = new Kafka({ clientId: 'quality-bench', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  } finally {
    await admin.disconnect();
  }
}

const localDay = (instant: number): string => new Date(instant + 7 * 3_600_000).toISOString().slice(0, 10);

async function main(o: Options): Promise<void> {
  const started = performance.now();
  const machine = machineDescription();
  for (const line of machine) log(line);
  const g = new LabelledProvinceGenerator({ seed: o.seed, mix: o.mix, days: o.days, accounts: o.accounts, scale: o.scale });
  const from = localDay(g.startsAt.getTime());
  const to = localDay(g.startsAt.getTime() + (g.days - 1) * DAY_MS);
  log(`province ${o.seed}/${o.mix}: ${g.province.units.length} units, ${g.province.accounts.length} accounts, ${g.labels.length} cases, ${from} .. ${to}, scale ${o.scale}`);
  const kafka = await benchKafka(log);
  const db = await benchDatabase();
  const work = mkdtempSync(join(tmpdir(), 'tthc-quality-'));
  const topic = `quality.query-logs.${randomBytes(3).toString('hex')}`;
  const env = fullServiceEnv({ databaseUrl: db.url, brokers: kafka.brokers, topic, port: await freePort(), work, subjectHashKey: HASH_KEY, admin: ADMIN, groupPrefix: 'quality' });
  const base = `http://127.0.0.1:${env.PORT}`;
  const progress = new GroupProgress(kafka.brokers, topic, env.KAFKA_GROUP_ID);
  let service: ServiceUnderTest | undefined;
  try {
    log(`database ${db.name}, Kafka ${kafka.version}, topic ${topic}`);
    // The topic exists with its partitions before the service subscribes (the simulator would create it too late).
    await createTopic(kafka.brokers, topic, o.partitions);
    service = startService(env);
    await waitForHttp(`${base}/health`, service, 120_000);
    const admin = await firstAdminSignIn(base, ADMIN);
    const setUp = await setUpProvince(base, admin.bearer, g);
    log(`set up through the API: 2 source systems, ${setUp.accounts} accounts synced (${setUp.locked} locked: moved or retired), ${g.province.units.length} units' networks and kinds`);

    let t = performance.now();
    const produced = await simulate({
      to: 'kafka', brokers: kafka.brokers, topic, partitions: o.partitions, count: Infinity,
      mix: o.mix, seed: o.seed, days: o.days, accounts: o.accounts, scale: o.scale, batchSize: 5000, progress: null,
    });
    const produceSeconds = seconds(t);
    log(`produced ${produced.events.toLocaleString('en')} events in ${produceSeconds.toFixed(0)} s (the service consuming meanwhile)`);
    await progress.connect();
    const stored = await waitUntilStored(progress, service);
    const ingestSeconds = seconds(t);
    log(`all ${stored.toLocaleString('en')} messages stored ${ingestSeconds.toFixed(0)} s after the first was produced`);

    t = performance.now();
    const outcome = await scan(base, await signIn(base, ADMIN.username, admin.password), from, to);
    const scanSeconds = seconds(t);
    log(`scan ${from} .. ${to}: ${scanSeconds.toFixed(1)} s, ${JSON.stringify(outcome.findings)}; seconds by detector ${JSON.stringify(outcome.seconds)}`);
    const alerts = await allAlerts(base, await signIn(base, ADMIN.username, admin.password));
    const score = scoreDetection(alerts, g.labels);
    const dossiers = await dossierShares(db.url);
    const alertsPer100PerDay = (n: number): number => n / (setUp.accounts / 100) / g.days;
    const result = {
      seed: o.seed, mix: o.mix, days: g.days, accounts: setUp.accounts, units: g.province.units.length, scale: o.scale,
      events: produced.events, cases: g.labels.length,
      seconds: { produce: produceSeconds, ingest: ingestSeconds, scan: scanSeconds, total: seconds(started) },
      scanSecondsByDetector: outcome.seconds,
      alerts: alerts.length,
      alertsPer100AccountsPerDay: alertsPer100PerDay(alerts.length),
      personAlertsPer100AccountsPerDay: alertsPer100PerDay(score.overall.alerts),
      overall: score.overall,
      unitNotices: score.unitNotices,
      kinds: score.kinds.map(({ missed: _missed, ...k }) => k),
      types: score.types,
      falsePositivesByBenignKind: score.falsePositivesByBenignKind,
      dossierShare: dossiers,
      load: loadavg().map((l) => Number(l.toFixed(1))),
    };
    printScore(result, score);
    const details = o.details ?? join(tmpdir(), `detection-quality-${o.seed}-${o.mix}.json`);
    writeFileSync(details, JSON.stringify({ result, missed: score.kinds.flatMap((k) => k.missed.map((m) => ({ kind: k.kind, ...m }))), falsePositives: score.falsePositives, labels: g.labels, alerts }, null, 2));
    log(`misses, false positives and labels: ${details}`);
    const line = JSON.stringify(result);
    console.log(`\nRESULT ${line}`);
    if (o.result) appendFileSync(o.result, line + '\n');
  } finally {
    if (service) await service.stop();
    await progress.disconnect().catch(() => undefined);
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
  if (!Number.isFinite(n) || n <= 0) throw new Error(`not a positive number: ${v}`);
  return n;
};

new Command('bench:detection')
  .option('--seed <seed>', 'simulator seed', 'eval-1')
  .option('--mix <mix>', 'standard, hard or sparse', 'standard')
  .option('--days <n>', 'simulated days', num, 120)
  .option('--accounts <n>', 'accounts, about', num, 1000)
  .option('--scale <x>', "multiplies every account's personal rate", num, 1)
  .option('--partitions <n>', 'partitions of the topic', num, 6)
  .option('--keep', 'keep the database and the work folder')
  .option('--result <file>', 'append the RESULT line to this file')
  .option('--details <file>', 'misses, false positives and labels (default: /tmp/detection-quality-<seed>-<mix>.json)')
  .action((o: Options) => main(o))
  .parseAsync()
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
