import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adminAndProducerKey, callJson } from '../utils/http-client';
import { startEmbeddedService } from '../utils/service-process';
import { completed } from './incidents.fixture';

const ADMIN = { username: 'incident-admin', password: 'Amber-harbour-willow-2026!' };

/**
 * `npm start` with nothing configured: the embedded database has a single connection, and the whole life of an
 * incident (its transactions and row locks, the security log beside them, the jobs' reminders) runs on it.
 */
describe('an incident on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tthc-incident-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is opened, its notice saved twice at once, finalised, downloaded and sent as on a server', async () => {
    const { base, service } = await startEmbeddedService({ dataDir, roles: 'api,jobs', admin: ADMIN });
    try {
      const { admin } = await adminAndProducerKey(base, ADMIN, { code: 'igate', name: 'iGate', operatorOrg: 'VNPT', allowedFields: ['fullName'] });
      const incident = await callJson(base, 'POST', '/v1/incidents', { title: 'Sự cố trên CSDL nhúng', fields: ['fullName'], assignees: ['dpo@example.gov.vn'] }, admin);
      const { items } = await callJson(base, 'GET', `/v1/incidents/${incident.id}/notice/versions`, undefined, admin);
      const content = completed(items[0].content);
      const saved = await Promise.all([1, 2].map(() => callJson(base, 'POST', `/v1/incidents/${incident.id}/notice/versions`, { content }, admin)));
      expect(saved.map((v) => v.version).sort()).toEqual([2, 3]);
      const finalised = await callJson(base, 'POST', `/v1/incidents/${incident.id}/notice/finalise`, {}, admin);
      expect(finalised).toMatchObject({ version: 4, finalised: true });
      const pdf = Buffer.from(await (await fetch(`${base}/v1/incidents/${incident.id}/notice/versions/4/pdf`, { headers: admin })).arrayBuffer());
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(finalised.pdfSha256);
      const sent = await callJson(base, 'POST', `/v1/incidents/${incident.id}/sending`, { at: new Date().toISOString(), channel: 'email', recipient: 'Bộ Công an (Cục A05)' }, admin);
      expect(sent).toMatchObject({ status: 'notified', late: false });
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 120_000);
});
