import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { CONTRACTS_SOURCE_DIR } from '@app/contracts';
import { spawnService, waitForHttp } from '../utils/service-process';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

const ADMIN = { username: 'embedded-admin', password: 'Quiet-river-lantern-2026!' };

/** Loosely typed JSON answers: a test script, not an API client. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function call(base: string, method: string, path: string, body: unknown, headers: Record<string, string> = {}): Promise<any> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

describe('npm start on the embedded database (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tthc-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('comes up ready, stops cleanly on SIGTERM, and keeps its data across a restart', async () => {
    const [httpPort, dbPort] = [await freePort(), await freePort()];
    const env = { PORT: String(httpPort), DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(dbPort), LOG_LEVEL: 'info' };

    const first = spawnService({ ...env, BOOTSTRAP_ADMIN_USERNAME: ADMIN.username, BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password });
    await waitForHttp(`http://127.0.0.1:${httpPort}/health/ready`, first);
    // Ingest stores rows with INSERT ... unnest here (PGlite takes no COPY FROM STDIN), chained like COPY's rows.
    const base = `http://127.0.0.1:${httpPort}`;
    const bootstrap = await call(base, 'POST', '/v1/auth/login', ADMIN);
    const password = `${ADMIN.password}-changed`;
    await call(base, 'POST', '/v1/auth/change-password', { currentPassword: ADMIN.password, newPassword: password }, { Authorization: `Bearer ${bootstrap.accessToken}` });
    const admin = { Authorization: `Bearer ${(await call(base, 'POST', '/v1/auth/login', { username: ADMIN.username, password })).accessToken}` };
    await call(base, 'POST', '/v1/source-systems', { code: 'igate', name: 'iGate', operatorOrg: 'VNPT', allowedFields: [] }, admin);
    const { key } = await call(base, 'POST', '/v1/api-keys', { sourceSystemCode: 'igate', name: 'embedded' }, admin);
    const events = readFileSync(join(CONTRACTS_SOURCE_DIR, 'examples', 'valid-events.ndjson'), 'utf8');
    const ingested = await call(base, 'POST', '/v1/ingest/events', events, { 'X-Api-Key': key });
    const lines = events.split('\n').filter(Boolean).length;
    expect(ingested).toMatchObject({ accepted: lines, duplicates: 0, rejected: 0 });
    expect(await call(base, 'GET', '/v1/integrity/verify', undefined, admin)).toMatchObject({ ok: true, eventsChecked: lines });
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${dbPort}/postgres` });
    await client.connect();
    await client.query(`INSERT INTO source_system (code, name, operator_org) VALUES ('dvc', 'DVC', 'VNPT')`);
    await client.end();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Stopped cleanly/);

    const second = spawnService(env);
    await waitForHttp(`http://127.0.0.1:${httpPort}/health/ready`, second);
    const again = new Client({ connectionString: `postgres://postgres@127.0.0.1:${dbPort}/postgres` });
    await again.connect();
    const { rows } = await again.query(`SELECT code FROM source_system ORDER BY code`);
    await again.end();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(rows).toEqual([{ code: 'dvc' }, { code: 'igate' }]);
  }, 120000);
});
