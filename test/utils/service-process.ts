import { ChildProcess, spawn } from 'node:child_process';
import { freeLoopbackPort } from '@app/database';
import { appCommand, REPO_ROOT, TEST_SERVICE_DEFAULTS } from './app-process';

export interface ServiceProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/** Runs the real service (apps/audit-service/src/main.ts, as appCommand runs it) as a separate OS process. */
export function spawnService(env: Record<string, string>): ServiceProcess {
  let output = '';
  const main = appCommand('audit-service/src/main');
  const child = spawn(process.execPath, main.args, {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...main.env, TZ: 'UTC', ...TEST_SERVICE_DEFAULTS, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Polls url until it answers 200, the process exits, or the time is up. */
export async function waitForHttp(url: string, service: ServiceProcess, timeoutMs = 60000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void service.exited.then(() => (exited = true));
  while (Date.now() < deadline && !exited) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not become ready.\n${service.output().slice(-3000)}`);
}

/** A TCP port on loopback that was free a moment ago (for a service the test starts). */
export { freeLoopbackPort as freePort } from '@app/database';

/**
 * The service on the embedded database (PGlite) under `dataDir`, on free loopback ports, its first admin from
 * BOOTSTRAP_ADMIN_*, ready to answer: what a newcomer's `npm start` runs, for suites checking a feature there.
 */
export async function startEmbeddedService(options: {
  dataDir: string;
  roles: string;
  admin: { username: string; password: string };
}): Promise<{ base: string; service: ServiceProcess }> {
  const [httpPort, dbPort] = [await freeLoopbackPort(), await freeLoopbackPort()];
  const service = spawnService({
    PORT: String(httpPort),
    DATA_DIR: options.dataDir,
    EMBEDDED_DB_PORT: String(dbPort),
    LOG_LEVEL: 'warn',
    ROLES: options.roles,
    BOOTSTRAP_ADMIN_USERNAME: options.admin.username,
    BOOTSTRAP_ADMIN_PASSWORD: options.admin.password,
  });
  const base = `http://127.0.0.1:${httpPort}`;
  try {
    await waitForHttp(`${base}/health/ready`, service);
  } catch (error) {
    service.child.kill('SIGTERM');
    throw error;
  }
  return { base, service };
}
