import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../utils/cli-process';
import { adminAndProducerKey, callJson } from '../utils/http-client';
import { freePort, spawnService, waitForHttp } from '../utils/service-process';
import { createMigratedDatabase } from '../utils/test-database';
import { CASE, hmacHex, NEW_KEY, newPersonalId, ROTATED_ENV, seedEvents } from './trace.fixture';

/**
 * The service and the command line as operators run them, at debug level: tracing prints the events, refuses a
 * search without a case, and no personal ID an auditor typed reaches the service's log, the command's output, or
 * an error.
 */
describe('Tracing from the command line and in the service log', () => {
  it('prints the table of a search, refuses one without a case, and leaves no typed ID in any output', async () => {
    const db = await createMigratedDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'tthc-trace-logs-'));
    const port = await freePort();
    const env = { NODE_ENV: 'test', DATABASE_URL: db.url, DATA_DIR: dataDir, ...ROTATED_ENV };
    const service = spawnService({ ...env, PORT: String(port), HOST: '127.0.0.1', ROLES: 'api', LOG_LEVEL: 'debug', BOOTSTRAP_ADMIN_USERNAME: 'trace.admin', BOOTSTRAP_ADMIN_PASSWORD: 'Mật khẩu đầu tiên của quản trị 2026' });
    const [citizen, other, malformed] = [newPersonalId(), newPersonalId(), `${newPersonalId().slice(0, 11)}x`];
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/health/ready`, service, 170_000);
      const { admin, key } = await adminAndProducerKey(base, { username: 'trace.admin', password: 'Mật khẩu đầu tiên của quản trị 2026' }, { code: 'igate', name: 'iGate', operatorOrg: 'VNPT', allowedFields: ['fullName', 'dateOfBirth', 'religion'] });
      const events = seedEvents(24, [citizen, other]).map((e) => ({ ...e, sourceSystem: 'igate' }));
      await callJson(base, 'POST', '/v1/ingest/events', events, { 'X-Api-Key': key });

      const found = await callJson(base, 'POST', '/v1/trace/search', { ...CASE, subjectIds: [citizen] }, admin);
      expect(found.items.length).toBe(events.filter((e) => e.subjectId === citizen).length);
      await callJson(base, 'POST', '/v1/trace/citizen-timeline', { ...CASE, subjectId: other }, admin);
      const refused = await fetch(`${base}/v1/trace/search`, { method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ purpose: 'x', subjectIds: [citizen, malformed] }) });
      expect(refused.status).toBe(400);
      const bad = await fetch(`${base}/v1/trace/search`, { method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: JSON.stringify({ ...CASE, subjectIds: [malformed] }) });
      expect(bad.status).toBe(400);
      expect(await bad.text()).not.toContain(malformed);

      const cli = await runCli(['trace', '--subject', citizen, '--from', '2026-09-01', '--to', '2026-12-01', '--case', CASE.caseReference, '--purpose', CASE.purpose, '--limit', '5'], env);
      expect(cli.stderr).toBe('');
      expect(cli.code).toBe(0);
      const rows = cli.stdout.split('\n').filter((l) => l.includes(hmacHex(NEW_KEY, citizen).slice(0, 16)));
      expect(rows).toHaveLength(5);
      expect(cli.stdout).toMatch(new RegExp(`5 shown; ${found.items.length} event\\(s\\) match; next page: --cursor \\S+`));
      const noCase = await runCli(['trace', '--subject', citizen, '--purpose', CASE.purpose], env);
      expect(noCase.code).toBe(1);
      expect(noCase.stderr).toMatch(/--case: caseReference is required/);

      const log = await callJson(base, 'GET', '/v1/security-log?type=trace.searched', undefined, admin);
      expect(log.items.map((i: { actorName: string }) => i.actorName)).toContain('trace.admin');
      expect(log.items.some((i: { actorName: string }) => /^cli \(/.test(i.actorName))).toBe(true);

      const outputs = [service.output(), cli.stdout, cli.stderr, noCase.stdout, noCase.stderr, JSON.stringify(log)].join('\n');
      expect(service.output()).toMatch(/request completed/);
      for (const id of [citizen, other, malformed]) expect(outputs).not.toContain(id);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
      rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    }
  }, 300_000);
});
