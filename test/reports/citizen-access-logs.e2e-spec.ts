import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminAndProducerKey, callJson } from '../utils/http-client';
import { freePort, spawnService, waitForHttp } from '../utils/service-process';
import { createMigratedDatabase } from '../utils/test-database';
import { newPersonalId, ROTATED_ENV, seedEvents } from '../trace/trace.fixture';

const CITIZEN_CASE = { caseReference: 'Đơn 31/2026/ĐN-CD', purpose: 'Trả lời đề nghị của công dân' };
const PASSWORD = 'Mật khẩu đầu tiên của quản trị 2026';

/**
 * The service as operators run it, at debug level: a citizen's access report made, downloaded and refused for a
 * malformed ID, and no personal ID the admin typed reaches the service's log.
 */
describe("A citizen's access report in the service log", () => {
  it('leaves no typed personal ID in the log of a report made, downloaded or refused', async () => {
    const db = await createMigratedDatabase();
    const dataDir = mkdtempSync(join(tmpdir(), 'tthc-access-logs-'));
    const port = await freePort();
    const service = spawnService({
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ...ROTATED_ENV,
      PORT: String(port),
      HOST: '127.0.0.1',
      ROLES: 'api',
      LOG_LEVEL: 'debug',
      BOOTSTRAP_ADMIN_USERNAME: 'access.admin',
      BOOTSTRAP_ADMIN_PASSWORD: PASSWORD,
    });
    const [citizen, other] = [newPersonalId(), newPersonalId()];
    const malformed = `${newPersonalId().slice(0, 11)}x`;
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitForHttp(`${base}/health/ready`, service, 170_000);
      const { admin, key } = await adminAndProducerKey(
        base,
        { username: 'access.admin', password: PASSWORD },
        {
          code: 'igate',
          name: 'iGate',
          operatorOrg: 'VNPT',
          allowedFields: ['fullName', 'dateOfBirth', 'religion'],
        },
      );
      const events = seedEvents(24, [citizen, other]).map((e) => ({ ...e, sourceSystem: 'igate' }));
      await callJson(base, 'POST', '/v1/ingest/events', events, { 'X-Api-Key': key });

      const report = await callJson(
        base,
        'POST',
        '/v1/reports/citizen-access',
        { subject: citizen, ...CITIZEN_CASE, requesterName: 'Võ Thị Lan' },
        admin,
      );
      expect(report.citizenAccess.events).toBe(events.filter((e) => e.subjectId === citizen).length);
      const pdf = await fetch(`${base}/v1/reports/${report.id}/pdf`, { headers: admin });
      expect(pdf.status).toBe(200);
      await pdf.arrayBuffer();
      const bad = await fetch(`${base}/v1/reports/citizen-access`, {
        method: 'POST',
        headers: { ...admin, 'Content-Type': 'application/json' },
        body: JSON.stringify({ subject: malformed, ...CITIZEN_CASE }),
      });
      expect(bad.status).toBe(400);
      expect(await bad.text()).not.toContain(malformed);

      const log = await callJson(
        base,
        'GET',
        '/v1/security-log?type=trace.access-reported',
        undefined,
        admin,
      );
      expect(log.items).toHaveLength(1);
      expect(service.output()).toMatch(/request completed/);
      const outputs = [service.output(), JSON.stringify(log)].join('\n');
      for (const id of [citizen, malformed]) expect(outputs).not.toContain(id);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
      rmSync(dataDir, { recursive: true, force: true });
      await db.drop();
    }
  }, 300_000);
});
