import request from 'supertest';
import { get, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AuditStore } from '@app/audit-trail';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { someStoredEvents } from '../integrity/audit-store.fixture';

const CASE = { caseReference: 'TTr-12/2026', purpose: 'Kiểm tra giới hạn xuất dữ liệu' };
/** Enough rows that the file is far larger than what the sockets between server and client buffer (~13 MiB of CSV). */
const ROWS = 40_000;
const STALL_SECONDS = 2;

/**
 * What a requester holding only an auditor's token can do to the service's capacity with exports: hold several
 * open, or open one and never read it. Each export holds a database connection and a snapshot while it streams.
 */
describe('evidence export limits', () => {
  let sut: TestApp;
  let base: string;
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    sut = await bootTestApp({ TRACE_EXPORT_CONCURRENCY: '2', TRACE_EXPORT_CONCURRENCY_PER_USER: '1', TRACE_EXPORT_STALL_SECONDS: String(STALL_SECONDS) });
    const store = sut.app.get(AuditStore);
    for (let i = 0; i < ROWS; i += 5000) await store.appendBatch(someStoredEvents(5000), { source: 'http' });
    await sut.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(sut.app.getHttpServer().address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(() => sut.close());

  /** An export of every row whose response is taken (headers and all) and then never read. */
  const stalledExport = (token: string): Promise<IncomingMessage> =>
    new Promise((resolve, reject) => {
      const query = new URLSearchParams({ ...CASE, format: 'csv' });
      get(`${base}/v1/trace/export?${query}`, { headers: { Authorization: token } }, (res) => {
        res.pause();
        resolve(res);
      }).on('error', reject);
    });

  let admin: string | undefined;
  const securityLog = async (type: string, exportId: string) => {
    admin ??= await bearerFor(sut.app, Role.ADMIN);
    const log = await http().get('/v1/security-log').query({ type, limit: 100 }).set('Authorization', admin).expect(200);
    return (log.body.items as { details: Record<string, unknown> }[]).filter((e) => e.details.exportId === exportId);
  };

  it('records an export before its first byte, refuses a second one of the same auditor while it streams, and cuts off a receiver that stops reading', async () => {
    const auditor = await bearerFor(sut.app, Role.AUDITOR);
    const stalled = await stalledExport(auditor);
    // The receiver stops reading from here: the stall is counted from no earlier than this.
    const headersAt = Date.now();
    expect(stalled.statusCode).toBe(200);
    const id = stalled.headers['x-export-id'] as string;
    // The headers are out: the access is in the security log already, with the case and the criteria.
    const started = await securityLog('trace.export-started', id);
    expect(started).toEqual([expect.objectContaining({ details: expect.objectContaining({ caseReference: CASE.caseReference, format: 'csv' }) })]);
    expect(started[0].details.rows).toBeUndefined(); // not known yet

    const refused = await http().get('/v1/trace/export').query({ ...CASE, format: 'csv', accountId: 'none' }).set('Authorization', auditor).expect(429);
    expect(refused.body.error).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/at most 1 at once/) });
    // Another auditor is not held back by the first one's export.
    const other = await bearerFor(sut.app, Role.AUDITOR);
    await http().get('/v1/trace/export').query({ ...CASE, format: 'csv', accountId: 'none' }).set('Authorization', other).expect(200);

    // The receiver takes nothing: after the stall time the export is stopped and recorded as failed, with the rows
    // sent before it stalled; its slot is free again.
    const t = Date.now();
    let failed: { details: Record<string, unknown> }[] = [];
    while (!failed.length && Date.now() - t < 30_000) {
      await new Promise((r) => setTimeout(r, 250));
      failed = await securityLog('trace.exported', id);
    }
    expect(failed).toEqual([expect.objectContaining({ details: expect.objectContaining({ failed: true }) })]);
    expect(Date.now() - headersAt).toBeGreaterThanOrEqual((STALL_SECONDS - 1) * 1000);
    expect(failed[0].details.rows).toBeLessThan(ROWS);
    // What the client had received is a cut response, never one that ends as if whole.
    const ended = await new Promise<boolean>((resolve) => {
      stalled.on('end', () => resolve(true));
      stalled.on('aborted', () => resolve(false));
      stalled.on('error', () => resolve(false));
      stalled.resume();
    });
    expect(ended).toBe(false);
    await http().get('/v1/trace/export').query({ ...CASE, format: 'csv', accountId: 'none' }).set('Authorization', auditor).expect(200);
  }, 120_000);

  it('lets exactly one of parallel exports by one auditor stream, under a limit of one', async () => {
    const auditor = await bearerFor(sut.app, Role.AUDITOR);
    const responses = await Promise.all(Array.from({ length: 4 }, () => stalledExport(auditor)));
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 429, 429, 429]);
    // Read to the end: the one export completes and lets its slot go.
    await Promise.all(responses.map((r) => new Promise((resolve) => r.on('end', resolve).on('close', resolve).resume())));
  }, 120_000);

  it('refuses, before anything is sent, text the database cannot store in any criterion, case or reason', async () => {
    const auditor = await bearerFor(sut.app, Role.AUDITOR);
    const nul = await http().get('/v1/trace/export').query({ ...CASE, caseReference: 'TTr\u0000-1', format: 'csv' }).set('Authorization', auditor).expect(400);
    expect(nul.body.error.details).toEqual([expect.objectContaining({ field: 'caseReference', message: expect.stringMatching(/NUL character/) })]);
    expect(nul.headers['x-export-id']).toBeUndefined();
    const revealer = await bearerFor(sut.app, [Role.AUDITOR, Role.REVEALER]);
    const surrogate = await http()
      .post('/v1/trace/export/revealed?format=csv')
      .send({ ...CASE, reason: 'Theo yêu cầu \ud800' })
      .set('Authorization', revealer)
      .expect(400);
    expect(surrogate.body.error.details).toEqual([expect.objectContaining({ field: 'reason' })]);
    const search = await http().get('/v1/trace/events').query({ ...CASE, dossierCode: 'H\u0000S' }).set('Authorization', auditor).expect(400);
    expect(search.body.error.details).toEqual([expect.objectContaining({ field: 'dossierCode' })]);
  });
});
