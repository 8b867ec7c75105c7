/**
 * npm run bench:trace -- [--events 10000000] [--days 365] [--samples 300] [--database tthc_bench_…] [--keep] [--dist]
 *   [--cpu-prof <dir>]
 *
 * How fast auditors' searches answer on a large store. Fills a throwaway database with --events events over --days
 * days (test/bench/preload.util.ts: the simulator's accounts, units and addresses, times in order, citizens as the
 * service's keyed hashes of known personal IDs, the migrations' indexes built after the load), starts the real
 * service (ROLES=api, production mode) and times, over HTTP with an admin's token, the first page (50 events) of:
 * a citizen over a year (POST /v1/trace/search), an account over a month, a unit over a day, an address over a week,
 * and three filters at once (a unit's lookups not found over a month) (GET /v1/trace/events). Each shape runs
 * --samples times with a new random citizen, account, unit, address and window each time (and a case reference of its
 * own, as auditors' searches are recorded in the security log: that write is part of what is timed). Prints p50, p95,
 * p99 and the maximum in milliseconds per shape, and one RESULT line of JSON. --database measures again on a store
 * an earlier run kept (--keep), with its events as they are.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { Client } from 'pg';
import { quantileSorted } from 'simple-statistics';
import { callJson } from '../utils/http-client';
import { freePort, waitForHttp } from '../utils/service-process';
import { benchDatabase, BenchDatabase, machineDescription, serverSettings } from './bench-environment.util';
import { firstAdminSignIn, signIn } from './detection-quality-api.util';
import { preloadedCitizenOf, preloadedPersonalId, preloadStore } from './preload.util';
import { startService, ServiceUnderTest } from './service-run.util';

const ADMIN = { username: 'trace-bench', password: 'Amber-harbour-compass-2026!' };
const HASH_KEY = 'bench-subject-key-0123456789abcdef';
/** The store's events end here (the preload fills the --days before it). */
const END = new Date('2026-11-01T00:00:00Z');
const DAY_MS = 86_400_000;
const log = (m: string): void => console.log(`[bench] ${m}`);
const fmt = (n: number): string => Math.round(n).toLocaleString('en');

interface Options {
  events: number;
  days: number;
  samples: number;
  database?: string;
  keep?: boolean;
  dist?: boolean;
  cpuProf?: string;
}

interface Store {
  events: number;
  from: Date;
  to: Date;
  accounts: string[];
  units: string[];
  addresses: string[];
}

async function storeOf(db: BenchDatabase): Promise<Store> {
  const c = new Client({ connectionString: db.url });
  await c.connect();
  try {
    const span = (await c.query(`SELECT min(occurred_at) AS from, max(occurred_at) AS to, count(*)::text AS n FROM query_event`)).rows[0];
    // The simulator's province: every account, unit and address appears within a day of a preload this size.
    const recent = `FROM query_event WHERE occurred_at >= $1::timestamptz - interval '1 day'`;
    const distinct = async (column: string): Promise<string[]> =>
      (await c.query(`SELECT DISTINCT ${column} AS v ${recent}`, [span.to])).rows.map((r) => r.v as string).filter(Boolean);
    return {
      events: Number(span.n),
      from: span.from,
      to: span.to,
      accounts: await distinct('account_id'),
      units: await distinct('unit_code'),
      addresses: await distinct('client_ip'),
    };
  } finally {
    await c.end();
  }
}

const pick = <T>(xs: readonly T[]): T => xs[Math.floor(Math.random() * xs.length)];

/** A window of `days` days starting at a random day of the store, ending by its last event. */
function window(store: Store, days: number): { from: string; to: string } {
  const first = store.from.getTime();
  const last = store.to.getTime() - days * DAY_MS;
  const start = first + Math.floor(Math.random() * Math.max(1, (last - first) / DAY_MS)) * DAY_MS;
  return { from: new Date(start).toISOString(), to: new Date(start + days * DAY_MS).toISOString() };
}

/** A citizen the preload named: row i (numbered from 0) with a subject (lookups and verifies, i % 12 > 1). */
function preloadedCitizen(events: number): string {
  for (;;) {
    const i = Math.floor(Math.random() * events);
    if (i % 12 > 1) return preloadedPersonalId(preloadedCitizenOf(i));
  }
}

interface Shape {
  name: string;
  /** A reference, not a search: what any signed-in request costs on this machine (the floor under the shapes). */
  reference?: boolean;
  request(store: Store, n: number): { method: 'GET' | 'POST'; path: string; body?: unknown };
}

const caseOf = (shape: string, n: number) => ({ caseReference: `BENCH-${shape}-${n}`, purpose: 'Đo tốc độ tra cứu (benchmark)' });
const query = (params: Record<string, string>): string => new URLSearchParams(params).toString();

const SHAPES: Shape[] = [
  { name: 'reference: GET /health', reference: true, request: () => ({ method: 'GET', path: '/health' }) },
  { name: 'reference: GET /v1/auth/me', reference: true, request: () => ({ method: 'GET', path: '/v1/auth/me' }) },
  {
    name: 'citizen, a year',
    request: (s, n) => ({
      method: 'POST',
      path: '/v1/trace/search',
      body: { ...caseOf('citizen', n), subjectIds: [preloadedCitizen(s.events)], from: new Date(s.to.getTime() - 365 * DAY_MS).toISOString(), to: END.toISOString() },
    }),
  },
  { name: 'account, a month', request: (s, n) => ({ method: 'GET', path: `/v1/trace/events?${query({ ...caseOf('account', n), accountId: pick(s.accounts), ...window(s, 30) })}` }) },
  { name: 'unit, a day', request: (s, n) => ({ method: 'GET', path: `/v1/trace/events?${query({ ...caseOf('unit', n), unitCode: pick(s.units), ...window(s, 1) })}` }) },
  { name: 'address, a week', request: (s, n) => ({ method: 'GET', path: `/v1/trace/events?${query({ ...caseOf('ip', n), clientIp: pick(s.addresses), ...window(s, 7) })}` }) },
  {
    name: 'unit + lookup + not found, a month',
    request: (s, n) => ({ method: 'GET', path: `/v1/trace/events?${query({ ...caseOf('three', n), unitCode: pick(s.units), action: 'lookup', result: 'not_found', ...window(s, 30) })}` }),
  },
];

interface ShapeResult {
  shape: string;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Mean events on the first page (a search that finds nothing is fast for the wrong reason). */
  meanItems: number;
}

async function measure(base: string, bearer: Record<string, string>, store: Store, shape: Shape, samples: number): Promise<ShapeResult> {
  for (let i = 0; i < 10; i++) {
    const r = shape.request(store, -i - 1); // warm-up: connections, plans, the hot top of the indexes
    await callJson(base, r.method, r.path, r.body, bearer);
  }
  const ms: number[] = [];
  let items = 0;
  for (let i = 0; i < samples; i++) {
    const r = shape.request(store, i);
    const t = performance.now();
    const page = await callJson(base, r.method, r.path, r.body, bearer);
    ms.push(performance.now() - t);
    items += page.items?.length ?? 0;
  }
  ms.sort((a, b) => a - b);
  const q = (p: number): number => Number(quantileSorted(ms, p).toFixed(2));
  return { shape: shape.name, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: Number(ms[ms.length - 1].toFixed(2)), meanItems: Number((items / samples).toFixed(1)) };
}

async function main(o: Options): Promise<void> {
  for (const line of machineDescription()) log(line);
  if (o.dist && !existsSync(join(__dirname, '../../dist/apps/audit-service/src/main.js')))
    throw new Error('--dist: run `npm run build` first');
  const db = await benchDatabase(o.database);
  const work = mkdtempSync(join(tmpdir(), 'tthc-trace-bench-'));
  let service: ServiceUnderTest | undefined;
  try {
    log(`PostgreSQL ${db.serverVersion}, database ${db.name}; ${JSON.stringify(await serverSettings(db.url))}`);
    if (!o.database) {
      const p = await preloadStore(db.url, o.events, { before: END, days: o.days, log, subjectHashKey: HASH_KEY });
      log(`preloaded ${fmt(p.rows)} events over ${o.days} days in ${p.seconds.toFixed(0)} s`);
      const c = new Client({ connectionString: db.url });
      await c.connect();
      await c.query('VACUUM ANALYZE query_event');
      await c.query('CHECKPOINT');
      await c.end();
    }
    const store = await storeOf(db);
    log(`store: ${fmt(store.events)} events, ${store.from.toISOString()} … ${store.to.toISOString()}; ${store.accounts.length} accounts, ${store.units.length} units, ${store.addresses.length} addresses`);

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    service = startService(
      {
        NODE_ENV: 'production',
        ROLES: 'api',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: 'warn',
        DATA_DIR: join(work, 'data'),
        DATABASE_URL: db.url,
        DATABASE_MIGRATE_ON_START: 'false',
        SUBJECT_HASH_KEY: HASH_KEY,
        SUBJECT_HASH_KEY_ID: 'k1',
        AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
        BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
        BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
      },
      { dist: o.dist, cpuProfileDir: o.cpuProf },
    );
    await waitForHttp(`${base}/health`, service, 120_000);
    // The first admin sets its password on a new store; a kept one has it from the earlier run.
    const password = await firstAdminSignIn(base, ADMIN).then(
      (r) => r.password,
      () => `${ADMIN.password}-changed`,
    );
    log(`service up (${o.dist ? 'dist' : 'sources'}); ${o.samples} searches per shape, first page of 50`);

    const results: ShapeResult[] = [];
    for (const shape of SHAPES) {
      const bearer = await signIn(base, ADMIN.username, password); // a fresh token per shape: no expiry mid-run
      const r = await measure(base, bearer, store, shape, o.samples);
      results.push(r);
      log(`${r.shape.padEnd(36)} p50 ${r.p50} ms  p95 ${r.p95} ms  p99 ${r.p99} ms  max ${r.max} ms  (${r.meanItems} events a page on average)`);
    }
    log(`service peak RSS ${service.peakRssMiB().toFixed(0)} MiB`);
    console.log(`RESULT ${JSON.stringify({ events: store.events, samples: o.samples, results })}`);
  } finally {
    await service?.stop();
    rmSync(work, { recursive: true, force: true });
    // A store named with --database is the caller's: never dropped.
    if (o.keep || o.database) log(`kept database ${db.name} (measure again with --database ${db.name})`);
    else await db.drop();
  }
}

const int = (v: string): number => Number.parseInt(v.replace(/_/g, ''), 10);
const program = new Command()
  .option('--events <n>', 'events in the store', int, 10_000_000)
  .option('--days <n>', 'days the events span', int, 365)
  .option('--samples <n>', 'searches per shape', int, 300)
  .option('--database <name>', 'measure on a database an earlier run kept (--keep)')
  .option('--keep', 'keep the database')
  .option('--dist', 'run the built service (npm run build first)')
  .option('--cpu-prof <dir>', 'write a V8 CPU profile of the service into <dir> (summary: test/bench/cpu-profile-summary.ts)')
  .parse();

main(program.opts<Options>()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
