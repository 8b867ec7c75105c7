/**
 * Account status lookup benchmark: the gateway asks GET /v1/accounts/:id/status (producer API key) before each
 * sign-in; the answer must come in well under 5 ms (p99). Runs the real service (from source, ROLES=api) on a
 * throwaway database of DATABASE_URL's server (default: the local server the tests use), loads a directory of
 * ACCOUNTS accounts (5% transferred, so locked), then keeps CONCURRENCY keep-alive connections busy for SECONDS.
 *
 *   node -r @swc-node/register test/bench/account-status.bench.ts [--accounts 5000] [--concurrency 16] [--seconds 15] [--cpu-prof] [--baseline]
 * --cpu-prof writes the service's V8 CPU profile to /tmp/account-status-bench-profile (see cpu-profile-summary.ts).
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { adminAndProducerKey, callJson } from '../utils/http-client';
import { freePort, waitForHttp } from '../utils/service-process';
import { benchDatabase, machineDescription } from './bench-environment.util';
import { startService } from './service-run.util';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ACCOUNTS = arg('accounts', 5000);
const CONCURRENCY = arg('concurrency', 16);
const SECONDS = arg('seconds', 15);
const PROFILE_DIR = '/tmp/account-status-bench-profile';
const ADMIN = { username: 'benchmark', password: 'Quiet-river-lantern-2026!' };

async function main(): Promise<void> {
  const db = await benchDatabase();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const service = startService({
    DATABASE_URL: db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    ROLES: 'api',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'test',
    BOOTSTRAP_ADMIN_USERNAME: ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    // Requests with a producer key are rate limited per key (AUTH_INGEST_RATE_LIMIT per minute): lift it to measure.
    AUTH_INGEST_RATE_LIMIT: '100000000',
  }, { cpuProfileDir: process.argv.includes('--cpu-prof') ? PROFILE_DIR : undefined });
  try {
    await waitForHttp(`${base}/health`, service);
    const apiKey = await setUp(base);
    const ids = Array.from({ length: ACCOUNTS }, (_, i) => `cb.bench.${i}`);
    const paths = [...ids, ...ids.slice(0, ACCOUNTS / 10).map((id) => `${id}.unknown`)].map(
      (id) => `/v1/accounts/${id}/status`,
    );
    console.log(machineDescription().join('\n'));
    await load(base, paths, apiKey, 2); // warm-up
    const cpuBefore = cpuSeconds(service.child.pid!);
    const result = await load(base, paths, apiKey, SECONDS);
    report('GET /v1/accounts/:id/status', result, cpuSeconds(service.child.pid!) - cpuBefore);
    if (process.argv.includes('--baseline')) {
      // The same load on GET /health (no auth, no lookup): what the framework and the machine cost alone.
      const cpu = cpuSeconds(service.child.pid!);
      report('GET /health (baseline)', await load(base, ['/health'], apiKey, SECONDS), cpuSeconds(service.child.pid!) - cpu);
    }
    if (process.argv.includes('--show-output')) console.log(service.output().slice(-3000));
  } finally {
    await service.stop();
    await db.drop();
  }
}

/** Admin session → source system (the directory's owner) → producer key → directory of ACCOUNTS accounts. */
async function setUp(base: string): Promise<string> {
  const { admin, key } = await adminAndProducerKey(base, ADMIN, { code: 'tthc-gateway', name: 'TTHC gateway', operatorOrg: 'VNPT', allowedFields: [] });
  // Only the directory owner's key may sync the directory.
  await callJson(base, 'PUT', '/v1/source-systems/tthc-gateway/owns-account-directory', { ownsAccountDirectory: true }, admin);
  const entries = Array.from({ length: ACCOUNTS }, (_, i) => ({
    accountId: `cb.bench.${i}`,
    unitCode: `000.${String(i % 200).padStart(2, '0')}.00.H52`,
    status: i % 20 === 0 ? 'transferred' : 'active',
    lastLoginAt: new Date().toISOString(),
  }));
  const sync = await callJson(base, 'POST', '/v1/accounts/sync?mode=full', entries, { 'X-Api-Key': key });
  console.log(`directory: ${sync.created} accounts, ${sync.locked.length} locked`);
  return key;
}

interface LoadResult {
  latenciesMs: number[];
  seconds: number;
  errors: number;
}

/** CONCURRENCY workers, each on its own keep-alive connection, requesting random accounts back to back. */
async function load(base: string, paths: string[], apiKey: string, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const { hostname, port } = new URL(base);
  const latenciesMs: number[] = [];
  let errors = 0;
  const errorKinds = new Map<string, number>();
  const started = process.hrtime.bigint();
  const deadline = started + BigInt(seconds * 1e9);
  const one = (path: string): Promise<number> =>
    new Promise((resolve, reject) => {
      const t0 = process.hrtime.bigint();
      const req = request({ agent, hostname, port, path, headers: { 'X-Api-Key': apiKey } }, (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(Number(process.hrtime.bigint() - t0) / 1e6)
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      });
      req.on('error', reject);
      req.end();
    });
  const worker = async (): Promise<void> => {
    while (process.hrtime.bigint() < deadline) {
      await one(paths[Math.floor(Math.random() * paths.length)]).then(
        (ms) => latenciesMs.push(ms),
        (error: Error) => {
          errors++;
          errorKinds.set(error.message, (errorKinds.get(error.message) ?? 0) + 1);
        },
      );
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  agent.destroy();
  if (errorKinds.size) console.log(`errors: ${[...errorKinds].map(([k, n]) => `${k} ×${n}`).join(', ')}`);
  return { latenciesMs, seconds: Number(process.hrtime.bigint() - started) / 1e9, errors };
}

/** User + system CPU time of a process so far (Linux /proc), in seconds. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

function report(what: string, { latenciesMs, seconds, errors }: LoadResult, serviceCpu: number): void {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  const q = (p: number): string =>
    sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))].toFixed(2);
  console.log(`== ${what}`);
  console.log(
    `accounts ${ACCOUNTS}, concurrency ${CONCURRENCY}, ${seconds.toFixed(1)} s, ${sorted.length} requests, ${errors} errors`,
  );
  console.log(`throughput ${(sorted.length / seconds).toFixed(0)} req/s; service CPU ${((serviceCpu / sorted.length) * 1000).toFixed(3)} ms per request`);
  console.log(
    `latency ms: p50 ${q(0.5)}  p90 ${q(0.9)}  p99 ${q(0.99)}  p99.9 ${q(0.999)}  max ${sorted[sorted.length - 1].toFixed(2)}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
