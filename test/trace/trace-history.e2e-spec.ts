import request from 'supertest';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { CASE, hmacHex, ingest, NEW_KEY, newPersonalId, ROTATED_ENV, seedEvents } from './trace.fixture';

/** "My searches": GET /v1/trace/history returns the caller's own tracing, as the security log recorded it. */
describe('Trace history (GET /v1/trace/history)', () => {
  let sut: TestApp;
  const citizen = newPersonalId();

  beforeAll(async () => {
    sut = await bootTestApp({ ...ROTATED_ENV, SUBJECT_HASH_PREVIOUS_KEYS: '' });
    await ingest(sut.app, seedEvents(20, [citizen]));
  }, 120_000);

  afterAll(async () => {
    await sut?.close();
  });

  const http = () => request(sut.app.getHttpServer());

  it("lists the caller's own searches and timelines, newest first, the citizen hashed, and no one else's", async () => {
    const [mine, other] = [await bearerFor(sut.app, Role.AUDITOR), await bearerFor(sut.app, Role.AUDITOR)];
    await http().post('/v1/trace/search').set('Authorization', mine).send({ ...CASE, subjectIds: [citizen] }).expect(200);
    await http().get('/v1/trace/account-timeline').query({ ...CASE, caseReference: 'QĐ-18/TTr-2026', accountId: 'cb.trace.1', from: '2026-10-01T00:00:00+07:00', to: '2026-11-01T00:00:00+07:00' }).set('Authorization', mine).expect(200);
    await http().get('/v1/trace/events').query({ caseReference: 'QĐ-99/TTr-2026', purpose: 'Người khác', accountId: 'cb.trace.2' }).set('Authorization', other).expect(200);

    const res = await http().get('/v1/trace/history').set('Authorization', mine).expect(200);
    expect(res.body.nextCursor).toBeNull();
    expect(res.body.items).toHaveLength(2);
    const [timeline, search] = res.body.items;
    expect(timeline).toMatchObject({ type: 'trace.timeline-viewed', caseReference: 'QĐ-18/TTr-2026', criteria: expect.objectContaining({ timeline: 'account', accountIds: ['cb.trace.1'] }) });
    expect(search).toMatchObject({ type: 'trace.searched', caseReference: CASE.caseReference, purpose: CASE.purpose, subjects: [hmacHex(NEW_KEY, citizen)] });
    expect(search.rows).toBeGreaterThan(0);
    expect(JSON.stringify(res.body)).not.toContain(citizen);

    const page = await http().get('/v1/trace/history').query({ limit: 1 }).set('Authorization', mine).expect(200);
    expect(page.body.items.map((e: { id: string }) => e.id)).toEqual([timeline.id]);
    const next = await http().get('/v1/trace/history').query({ limit: 1, cursor: page.body.nextCursor }).set('Authorization', mine).expect(200);
    expect(next.body.items.map((e: { id: string }) => e.id)).toEqual([search.id]);
  });

  it('is for those who may search: reviewers and operators are refused', async () => {
    for (const role of [Role.REVIEWER, Role.OPERATOR]) {
      await http().get('/v1/trace/history').set('Authorization', await bearerFor(sut.app, role)).expect(403);
    }
    await http().get('/v1/trace/history').expect(401);
  });
});
