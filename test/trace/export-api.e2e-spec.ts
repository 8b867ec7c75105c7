import request from 'supertest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditStore, csvRecords } from '@app/audit-trail';
import { Role } from '@app/auth';
import { SubjectPseudonymizer } from '@app/ingestion';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { someStoredEvents } from '../integrity/audit-store.fixture';
import { verifyOffline } from './export.fixture';

const CITIZEN = '079201004567';
const CASE = { caseReference: 'KL-05/TTr', purpose: 'Kiểm tra truy cập dữ liệu công dân' };

/** GET|POST /v1/trace/export and the manifest beside it, as an auditor's browser or script downloads them. */
jest.setTimeout(240_000); // verify-export runs in its own process, compiled from source

describe('trace export API', () => {
  let sut: TestApp;
  const http = () => request(sut.app.getHttpServer());
  const binary = (res: request.Response, done: (e: Error | null, body: Buffer) => void) => {
    const chunks: Buffer[] = [];
    res.on('data', (c: Buffer) => chunks.push(c));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  };

  beforeAll(async () => {
    sut = await bootTestApp();
    const hash = sut.app.get(SubjectPseudonymizer).hashHex(CITIZEN);
    await sut.app.get(AuditStore).appendBatch([...someStoredEvents(20), ...someStoredEvents(4, { subjectHash: hash })], { source: 'http' });
  });
  afterAll(() => sut.close());

  it('streams the file with the export id, and the manifest fetched after verifies it offline', async () => {
    const auditor = await bearerFor(sut.app, Role.AUDITOR);
    const res = await http()
      .post('/v1/trace/export?format=csv')
      .set('Authorization', auditor)
      .send({ ...CASE, subjectIds: [CITIZEN] })
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    const id = res.headers['x-export-id'];
    expect(res.headers['link']).toBe(`</v1/trace/exports/${id}/manifest>; rel="describedby"`);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="trace-export-${id}.csv"`);
    expect([...csvRecords((res.body as Buffer).toString('utf8'))]).toHaveLength(1 + 4);

    const manifest = await http().get(`/v1/trace/exports/${id}/manifest`).set('Authorization', auditor).expect(200);
    expect(JSON.parse(manifest.text)).toEqual(expect.objectContaining({ exportId: id, caseReference: CASE.caseReference, file: expect.objectContaining({ rows: 4 }) }));
    const dir = mkdtempSync(join(tmpdir(), 'tthc-export-api-'));
    writeFileSync(join(dir, 'e.csv'), res.body as Buffer);
    writeFileSync(join(dir, 'e.manifest.json'), manifest.text);
    const keyFile = join(dir, 'public-key.json');
    writeFileSync(keyFile, JSON.stringify((await http().get('/v1/integrity/public-key').expect(200)).body));
    const verified = await verifyOffline(join(dir, 'e.manifest.json'), join(dir, 'e.csv'), ['--public-key', keyFile]);
    expect(verified.stdout).toMatch(/^OK: the export verifies/);
    expect(verified.code).toBe(0);
  });

  it('exports XLSX by query string for criteria without citizens', async () => {
    const res = await http()
      .get(`/v1/trace/export?format=xlsx&caseReference=${encodeURIComponent(CASE.caseReference)}&purpose=x&accountId=cb.tuphap.user1,cb.tuphap.user2`)
      .set('Authorization', await bearerFor(sut.app, Role.ADMIN))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect((res.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses an export without a case reference or purpose, in a wrong format, or with an ID in the URL', async () => {
    const auditor = await bearerFor(sut.app, Role.AUDITOR);
    const missing = await http().post('/v1/trace/export?format=csv').set('Authorization', auditor).send({ purpose: 'x', subjectIds: [CITIZEN] }).expect(400);
    expect(missing.body.error.details).toEqual([expect.objectContaining({ field: 'caseReference' })]);
    expect(JSON.stringify(missing.body)).not.toContain(CITIZEN);
    await http().post('/v1/trace/export?format=pdf').set('Authorization', auditor).send(CASE).expect(400);
    await http().get(`/v1/trace/export?format=csv&caseReference=a&purpose=b&subjectIds=${CITIZEN}`).set('Authorization', auditor).expect(400);
  });

  it('lets only holders of evidence:export export or read a manifest', async () => {
    for (const role of [Role.OPERATOR, Role.REVIEWER]) {
      await http().post('/v1/trace/export?format=csv').set('Authorization', await bearerFor(sut.app, role)).send(CASE).expect(403);
      await http().get('/v1/trace/exports/00000000-0000-4000-8000-000000000000/manifest').set('Authorization', await bearerFor(sut.app, role)).expect(403);
    }
    await http().post('/v1/trace/export?format=csv').send(CASE).expect(401);
    await http().get('/v1/trace/exports/00000000-0000-4000-8000-000000000000/manifest').set('Authorization', await bearerFor(sut.app, Role.AUDITOR)).expect(404);
  });
});
