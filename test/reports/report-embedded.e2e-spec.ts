import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACTS_SOURCE_DIR } from '@app/contracts';
import { adminAndProducerKey, callJson } from '../utils/http-client';
import { startEmbeddedService } from '../utils/service-process';
import { ensurePoppler, pdfText } from './poppler';

const ADMIN = { username: 'report-admin', password: 'Quiet-river-lantern-2026!' };

/** `npm start` with nothing configured: the embedded database has a single connection, and a report is made on it. */
describe('a report on the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'tthc-report-embedded-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('is generated, archived and downloaded as on a server', async () => {
    ensurePoppler();
    const { base, service } = await startEmbeddedService({ dataDir, roles: 'api', admin: ADMIN });
    try {
      const { admin } = await adminAndProducerKey(base, ADMIN, {
        code: 'igate',
        name: 'iGate',
        operatorOrg: 'VNPT',
        allowedFields: ['fullName'],
      });
      const events = readFileSync(join(CONTRACTS_SOURCE_DIR, 'examples', 'valid-events.ndjson'), 'utf8');
      await callJson(base, 'POST', '/v1/ingest/events', events, admin);
      const report = await callJson(
        base,
        'POST',
        '/v1/reports',
        { from: '2020-01-01', to: '2020-12-31' },
        admin,
      );
      expect(report).toMatchObject({
        kind: 'on_demand',
        documentNumber: expect.stringMatching(/^Số: 1\/BC-VP$/),
      });
      const pdf = Buffer.from(
        await (await fetch(`${base}/v1/reports/${report.id}/pdf`, { headers: admin })).arrayBuffer(),
      );
      expect(createHash('sha256').update(pdf).digest('hex')).toBe(report.pdfSha256);
      expect(pdfText(pdf)).toContain('Độc lập - Tự do - Hạnh phúc');

      // A citizen's access report too: its snapshot, its proofs and its archive take turns on the one connection.
      const subject = /"subjectId":"(\d{12})"/.exec(events)![1];
      const access = await callJson(
        base,
        'POST',
        '/v1/reports/citizen-access',
        { subject, caseReference: 'Đơn 1/2026', purpose: 'Trả lời công dân' },
        admin,
      );
      expect(access).toMatchObject({ kind: 'citizen_access', citizenAccess: { events: 1, batches: 1 } });
      const accessPdf = Buffer.from(
        await (await fetch(`${base}/v1/reports/${access.id}/pdf`, { headers: admin })).arrayBuffer(),
      );
      expect(createHash('sha256').update(accessPdf).digest('hex')).toBe(access.pdfSha256);
      expect(pdfText(accessPdf)).not.toContain(subject);
    } finally {
      service.child.kill('SIGTERM');
      await service.exited;
    }
  }, 120_000);
});
