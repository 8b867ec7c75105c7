import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { CONTRACTS_SOURCE_DIR } from '@app/contracts';
import { adminAndProducerKey, callJson } from '../utils/http-client';
import { freePort, spawnService, waitForHttp } from '../utils/service-process';

const ADMIN = { username: 'embedded-admin', password: 'Quiet-river-lantern-2026!' };

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
    const { admin, key } = await adminAndProducerKey(base, ADMIN, { code: 'igate', name: 'iGate', operatorOrg: 'VNPT', allowedFields: [] });
    const events = readFileSync(join(CONTRACTS_SOURCE_DIR, 'examples', 'valid-events.ndjson'), 'utf8');
    // The contract's samples come from several systems: the admin (ingest:write) sends them all, as a back-fill.
    const ingested = await callJson(base, 'POST', '/v1/ingest/events', events, admin);
    const lines = events.split('\n').filter(Boolean).length;
    expect(ingested).toMatchObject({ accepted: lines, duplicates: 0, rejected: 0 });
    expect(await callJson(base, 'GET', '/v1/integrity/verify', undefined, admin)).toMatchObject({ ok: true, eventsChecked: lines });
    // An auditor's search: on the embedded database its page and count run on the service's one connection.
    const stored = events.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { result: string });
    const search = (query: string) => callJson(base, 'GET', `/v1/trace/events?caseReference=KT-01&purpose=${encodeURIComponent('Kiểm tra')}&${query}`, undefined, admin);
    expect(await search('limit=2')).toMatchObject({ items: [{}, {}], total: { value: lines, exact: true } });
    const failed = stored.filter((e) => e.result !== 'success').length;
    expect(failed).toBeGreaterThan(0);
    expect(await search('result=not_found&result=denied&result=error&limit=500')).toMatchObject({ total: { value: failed, exact: true } });
    // iGate's key again: its own events are duplicates now, the postal system's is not its to send.
    expect(await callJson(base, 'POST', '/v1/ingest/events', events, { 'X-Api-Key': key })).toMatchObject({
      accepted: 0,
      duplicates: lines - 1,
      rejected: 1,
    });
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
