import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GOOD_PASSWORD } from '../auth/auth.fixture';
import { runCli } from '../utils/cli-process';
import { freePort, ServiceProcess, spawnService, waitForHttp } from '../utils/service-process';

const post = (base: string, path: string, body: object, bearer?: string) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(bearer ? { Authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify(body),
  });

/** The messages of the service's JSON log lines. */
const logMessages = (output: string): string[] =>
  output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => String((JSON.parse(line) as { msg?: unknown }).msg));

interface Session {
  accessToken: string;
  mustChangePassword: boolean;
}

// Two starts of the real service and a command line process, each compiling TypeScript on the fly.
jest.setTimeout(240_000);

describe('The first start on the embedded database, as a newcomer makes it', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tthc-first-start-'));
  const passwordFile = join(dataDir, 'secrets', 'first-admin-password');
  let base: string;
  let first: ServiceProcess;

  beforeAll(async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    first = spawnService({ PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    await waitForHttp(`${base}/health/ready`, first);
  });
  afterAll(async () => {
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes a one-time password for "admin" into DATA_DIR/secrets (mode 0600) and logs where, not what', () => {
    expect(statSync(passwordFile).mode & 0o777).toBe(0o600);
    const password = readFileSync(passwordFile, 'utf8').trim();
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(logMessages(first.output())).toContainEqual(
      expect.stringContaining(`created the first admin "admin" with a one-time password in ${passwordFile}`),
    );
    expect(first.output()).not.toContain(password);
  });

  it('tells a command run beside the service that the embedded database is in use, and where the password is', async () => {
    const res = await runCli(
      ['users:create-admin', '--username', 'second.admin', '--email', 'second@example.gov.vn'],
      {
        DATA_DIR: dataDir,
        NODE_ENV: 'test',
      },
    );
    expect(res.code).toBe(1);
    expect(res.stdout).toBe('');
    expect(res.stderr).toBe(
      [
        `The embedded database in ${join(dataDir, 'pglite')} is in use by process ${first.child.pid}, most likely the service (npm start): only one process at a time may open it.`,
        'Stop the service (Ctrl-C in its terminal) and run this command again, or give the service and the command line one PostgreSQL server (DATABASE_URL).',
        `To sign in now: the service created the first admin "admin"; its one-time password, until changed, is in ${passwordFile} (README "First steps").`,
        '',
      ].join('\n'),
    );
  });

  it('signs in with that password, which must be changed (to one that meets the policy) before anything else', async () => {
    const password = readFileSync(passwordFile, 'utf8').trim();
    const signIn = await post(base, '/v1/auth/login', { username: 'admin', password });
    expect(signIn.status).toBe(200);
    const session = (await signIn.json()) as Session;
    expect(session.mustChangePassword).toBe(true);
    const users = await fetch(`${base}/v1/users`, {
      headers: { Authorization: `Bearer ${session.accessToken}` },
    });
    expect(users.status).toBe(403);

    const weak = await post(
      base,
      '/v1/auth/change-password',
      { currentPassword: password, newPassword: 'admin2026' },
      session.accessToken,
    );
    expect(weak.status).toBe(400);
    const changed = await post(
      base,
      '/v1/auth/change-password',
      { currentPassword: password, newPassword: GOOD_PASSWORD },
      session.accessToken,
    );
    expect(changed.status).toBe(204);

    const again = (await (
      await post(base, '/v1/auth/login', { username: 'admin', password: GOOD_PASSWORD })
    ).json()) as Session;
    const listed = await fetch(`${base}/v1/users`, {
      headers: { Authorization: `Bearer ${again.accessToken}` },
    });
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual([
      expect.objectContaining({ username: 'admin', roles: ['admin'], mustChangePassword: false }),
    ]);
  });
});

describe('The next start on the same embedded database', () => {
  it('creates no other admin and leaves the password file as it was', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tthc-next-start-'));
    const passwordFile = join(dataDir, 'secrets', 'first-admin-password');
    const env = { PORT: String(await freePort()), DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    try {
      const first = spawnService(env);
      await waitForHttp(`http://127.0.0.1:${env.PORT}/health/ready`, first);
      first.child.kill('SIGTERM');
      expect(await first.exited).toBe(0);
      const before = { text: readFileSync(passwordFile, 'utf8'), mtimeMs: statSync(passwordFile).mtimeMs };

      const second = spawnService(env);
      await waitForHttp(`http://127.0.0.1:${env.PORT}/health/ready`, second);
      const signIn = await post(`http://127.0.0.1:${env.PORT}`, '/v1/auth/login', {
        username: 'admin',
        password: before.text.trim(),
      });
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
      expect(second.output()).not.toMatch(/first admin/);
      expect({ text: readFileSync(passwordFile, 'utf8'), mtimeMs: statSync(passwordFile).mtimeMs }).toEqual(
        before,
      );
      expect(signIn.status).toBe(200);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
