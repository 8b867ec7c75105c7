import request from 'supertest';
import { Role } from '@app/auth';
import { bearerFor, producerKeyFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { lookupEvent, sql, TEST_SUBJECT_KEY } from './ingest.fixture';

describe('HTTP ingest', () => {
  let sut: TestApp;
  let igateKey: string;
  let operator: string;
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY, INGEST_MAX_RECORDS_PER_REQUEST: '50' });
    igateKey = await producerKeyFor(sut.app, 'igate');
    operator = await bearerFor(sut.app, Role.OPERATOR);
  }, 120_000);
  afterAll(() => sut.close());

  it('stores a JSON array once: a re-post counts every event as a duplicate', async () => {
    const events = Array.from({ length: 20 }, (_, i) => lookupEvent(i));
    const first = await http().post('/v1/ingest/events').set('X-Api-Key', igateKey).send(events).expect(200);
    expect(first.body).toEqual({ accepted: 20, duplicates: 0, rejected: 0, rejections: [] });
    const again = await http().post('/v1/ingest/events').set('X-Api-Key', igateKey).send(events).expect(200);
    expect(again.body).toEqual({ accepted: 0, duplicates: 20, rejected: 0, rejections: [] });
    const [row] = await sql<{ n: string }>(sut.db.url, 'SELECT count(*) AS n FROM query_event WHERE event_id = ANY($1)', [events.map((e) => e.eventId)]);
    expect(row.n).toBe('20');
  });

  it('rejects values the columns cannot hold by field, and stores the edges they can, in the same request', async () => {
    const events = [
      { ...lookupEvent(900), eventId: 'edge-count', action: 'export', subjectId: undefined, subjectCount: 3_000_000_000 },
      { ...lookupEvent(901), eventId: 'edge-year-0', occurredAt: '0000-06-01T00:00:00Z' },
      { ...lookupEvent(902), eventId: 'edge-year-10000', occurredAt: '9999-12-31T23:30:00-01:00' },
      { ...lookupEvent(903), eventId: 'edge-first-year', occurredAt: '0001-01-01T00:00:00Z' },
      { ...lookupEvent(904), eventId: 'edge-last-year', occurredAt: '9999-12-31T23:59:59.999Z' },
      { ...lookupEvent(905), eventId: 'edge-max-count', action: 'export', subjectId: undefined, subjectCount: 2_147_483_647 },
    ];
    const res = await http().post('/v1/ingest/events').set('X-Api-Key', igateKey).send(events).expect(200);
    expect(res.body).toMatchObject({ accepted: 3, rejected: 3 });
    expect(res.body.rejections.map((r: { eventId: string; field: string; reason: string }) => [r.eventId, r.field, r.reason])).toEqual([
      ['edge-count', 'subjectCount', 'unstorable_value'],
      ['edge-year-0', 'occurredAt', 'unstorable_value'],
      ['edge-year-10000', 'occurredAt', 'unstorable_value'],
    ]);
  });

  it('answers NDJSON with the line, field and reason of each rejected line, storing the valid ones around them', async () => {
    const [a, b] = [lookupEvent(1), lookupEvent(2)];
    const body = [JSON.stringify(a), '{"broken"', '', JSON.stringify({ ...b, eventId: 'x-1', subjectId: '12345' }), JSON.stringify(b)].join('\n');
    const res = await http()
      .post('/v1/ingest/events')
      .set('X-Api-Key', igateKey)
      .set('Content-Type', 'application/x-ndjson')
      .set('X-Request-Id', 'req-ndjson-1')
      .send(body)
      .expect(200);
    expect(res.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: 2 });
    expect(res.body.rejections).toEqual([
      { line: 2, eventId: null, field: null, reason: 'invalid_json', message: expect.stringMatching(/^not valid JSON/) },
      { line: 4, eventId: 'x-1', field: 'subjectId', reason: 'schema_violation', message: 'subjectId: must be 12 digits' },
    ]);
    const list = await http().get('/v1/ingest/rejections?source=http').set('Authorization', operator).expect(200);
    expect(list.body.items.map((r: { origin: object }) => r.origin)).toEqual(
      expect.arrayContaining([{ requestId: 'req-ndjson-1', line: 2 }, { requestId: 'req-ndjson-1', line: 4 }]),
    );
    expect(list.body.countsByReason).toEqual(
      expect.arrayContaining([{ reason: 'invalid_json', count: 1 }, { reason: 'schema_violation', count: 1 }]),
    );
  });

  it('refuses more records than allowed per request with a clear 413, and a body that is neither array nor NDJSON', async () => {
    const events = Array.from({ length: 51 }, (_, i) => lookupEvent(i));
    const res = await http().post('/v1/ingest/events').set('X-Api-Key', igateKey).send(events).expect(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('at most 50') });
    await http().post('/v1/ingest/events').set('X-Api-Key', igateKey).send(lookupEvent(1)).expect(400);
  });

  it('needs a producer key or the ingest permission', async () => {
    await http().post('/v1/ingest/events').send([lookupEvent(1)]).expect(401);
    await http().post('/v1/ingest/events').set('Authorization', await bearerFor(sut.app, Role.AUDITOR)).send([lookupEvent(1)]).expect(403);
    await http().get('/v1/ingest/rejections').set('X-Api-Key', igateKey).expect(401); // a key opens ingest only
  });

  it('stores events of unregistered systems, undeclared fields and future times flagged, and lists them for operators', async () => {
    await http()
      .put('/v1/source-systems/igate')
      .set('Authorization', operator)
      .send({ name: 'iGate', operatorOrg: 'VNPT', allowedFields: ['fullName'] })
      .expect(200);
    const events = [
      lookupEvent(1, { fields: ['fullName'] }),
      lookupEvent(2, { fields: ['fullName', 'religion'] }),
      lookupEvent(3, { fields: ['fullName'], occurredAt: '2999-01-01T00:00:00Z' }),
    ];
    await http().post('/v1/ingest/events').set('X-Api-Key', igateKey).send(events).expect(200);
    // An unregistered system's events arrive by Kafka or from an operator's back-fill, not with another system's key.
    const shadow = lookupEvent(4, { sourceSystem: 'shadow-app' });
    await http().post('/v1/ingest/events').set('Authorization', operator).send([shadow]).expect(200);
    const flags = await sql<{ event_id: string; flags: string[] }>(sut.db.url, 'SELECT event_id, flags FROM query_event WHERE event_id = ANY($1)', [
      [...events, shadow].map((e) => e.eventId),
    ]);
    expect(Object.fromEntries(flags.map((f) => [f.event_id, f.flags]))).toEqual({
      [events[0].eventId]: [],
      [events[1].eventId]: ['undeclared_fields'],
      [events[2].eventId]: ['future_time'],
      [shadow.eventId]: ['unregistered_source'],
    });
    const unregistered = await http().get('/v1/source-systems/unregistered').set('Authorization', operator).expect(200);
    expect(unregistered.body).toEqual(
      expect.arrayContaining([expect.objectContaining({ sourceSystem: 'shadow-app', flag: 'unregistered_source', eventCount: 1 })]),
    );
    const undeclared = await http().get('/v1/source-systems/undeclared-fields').set('Authorization', operator).expect(200);
    expect(undeclared.body).toEqual([expect.objectContaining({ sourceSystem: 'igate', eventCount: 1, fields: ['religion'] })]);
  });

  it("confines a producer key to its own system's events, so that it cannot shadow another producer's", async () => {
    const [aKey, bKey] = [await producerKeyFor(sut.app, 'sys-a'), await producerKeyFor(sut.app, 'sys-b')];
    const nextOfB = `b-next-${Date.now()}`;
    // A sends B's next event id as B: refused, by field, and kept as a rejection.
    const posing = await http().post('/v1/ingest/events').set('X-Api-Key', aKey).send([lookupEvent(10, { sourceSystem: 'sys-b', eventId: nextOfB })]).expect(200);
    expect(posing.body).toMatchObject({
      accepted: 0,
      rejected: 1,
      rejections: [{ field: 'sourceSystem', reason: 'source_mismatch', message: expect.stringContaining('"sys-a"') }],
    });
    // A takes the same id in its own namespace; B's genuine event with it is still stored, not a duplicate.
    await http().post('/v1/ingest/events').set('X-Api-Key', aKey).send([lookupEvent(11, { sourceSystem: 'sys-a', eventId: nextOfB })]).expect(200);
    const genuine = await http().post('/v1/ingest/events').set('X-Api-Key', bKey).send([lookupEvent(12, { sourceSystem: 'sys-b', eventId: nextOfB })]).expect(200);
    expect(genuine.body).toMatchObject({ accepted: 1, duplicates: 0 });
    // Both systems' events with one id in one request: both stored, in consecutive chain links that verify.
    const shared = `shared-${Date.now()}`;
    const both = await http()
      .post('/v1/ingest/events')
      .set('Authorization', operator)
      .send([lookupEvent(13, { sourceSystem: 'sys-a', eventId: shared }), lookupEvent(14, { sourceSystem: 'sys-b', eventId: shared })])
      .expect(200);
    expect(both.body).toMatchObject({ accepted: 2, duplicates: 0 });
    const rows = await sql<{ source_system: string; event_id: string }>(
      sut.db.url,
      'SELECT source_system, event_id FROM query_event WHERE event_id = ANY($1) ORDER BY event_id, source_system',
      [[nextOfB, shared]],
    );
    expect(rows).toEqual([
      { source_system: 'sys-a', event_id: nextOfB },
      { source_system: 'sys-b', event_id: nextOfB },
      { source_system: 'sys-a', event_id: shared },
      { source_system: 'sys-b', event_id: shared },
    ]);
    const verified = await http().get('/v1/integrity/verify').set('Authorization', await bearerFor(sut.app, Role.AUDITOR)).expect(200);
    expect(verified.body).toMatchObject({ ok: true });
  });

  it('keeps the registry: create, read, conflict, validation naming the field, delete', async () => {
    const system = { code: 'dvc-buudien', name: 'DVC Bưu điện', operatorOrg: 'VNPost', allowedFields: ['fullName', 'personalId'], approvalDate: '2025-03-01' };
    const created = await http().post('/v1/source-systems').set('Authorization', operator).send(system).expect(201);
    expect(created.body).toMatchObject({ ...system, status: 'active', legalBasis: null });
    await http().post('/v1/source-systems').set('Authorization', operator).send(system).expect(409);
    const bad = await http().post('/v1/source-systems').set('Authorization', operator).send({ ...system, code: 'Bad Code' }).expect(400);
    expect(bad.body.error.details).toEqual([expect.objectContaining({ field: 'code' })]);
    await http().get('/v1/source-systems/dvc-buudien').set('Authorization', operator).expect(200);
    await http().delete('/v1/source-systems/dvc-buudien').set('Authorization', operator).expect(204);
    await http().get('/v1/source-systems/dvc-buudien').set('Authorization', operator).expect(404);
  });
});
