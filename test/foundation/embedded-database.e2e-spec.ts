import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { spawnService, waitForHttp } from '../utils/service-process';

const freePort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });

describe('npm start on the embedded database (PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tthc-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('comes up ready, stops cleanly on SIGTERM, and keeps its data across a restart', async () => {
    const [httpPort, dbPort] = [await freePort(), await freePort()];
    const env = { PORT: String(httpPort), DATA_DIR: dataDir, EMBEDDED_DB_PORT: String(dbPort), LOG_LEVEL: 'info' };

    const first = spawnService(env);
    await waitForHttp(`http://127.0.0.1:${httpPort}/health/ready`, first);
    const client = new Client({ connectionString: `postgres://postgres@127.0.0.1:${dbPort}/postgres` });
    await client.connect();
    await client.query(`INSERT INTO source_system (code, name, operator_org) VALUES ('igate', 'iGate', 'VNPT')`);
    await client.end();
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/Stopped cleanly/);

    const second = spawnService(env);
    await waitForHttp(`http://127.0.0.1:${httpPort}/health/ready`, second);
    const again = new Client({ connectionString: `postgres://postgres@127.0.0.1:${dbPort}/postgres` });
    await again.connect();
    const { rows } = await again.query(`SELECT code FROM source_system`);
    await again.end();
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(rows).toEqual([{ code: 'igate' }]);
  }, 120000);
});
