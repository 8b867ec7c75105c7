import request from 'supertest';
import { Role } from '@app/auth';
import { AggregateRescan } from '@app/detection';
import { lookupEvent, sql, subjectId, TEST_SUBJECT_KEY } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';

/** The per-account-day aggregate the detectors read: exact, once per stored event, the same after a rescan. */
describe('account_day aggregate', () => {
  let sut: TestApp;
  let operator: string;
  const post = (events: object[]) =>
    request(sut.app.getHttpServer()).post('/v1/ingest/events').set('Authorization', operator).send(events).expect(200);
  const rows = () =>
    sql(
      sut.db.url,
      `SELECT account_id, day::text, unit_code, events, lookups, logins, exports, exported_subjects::int, with_dossier,
              own_unit_dossier, sensitive, refused, slots, distinct_subjects, encode(subjects, 'hex') AS subjects,
              client_ips, first_at, last_at
       FROM account_day ORDER BY account_id, day`,
    );

  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY });
    operator = await bearerFor(sut.app, Role.OPERATOR);
  });
  afterAll(() => sut.close());

  it('counts each stored event once on its local day, and a rescan rebuilds exactly the same rows', async () => {
    const citizen = subjectId();
    const at = (iso: string) => ({ occurredAt: iso });
    const a = { accountId: 'cb.agg.a', unitCode: '000.00.10.H52' };
    const events = [
      // 16:59 and 17:00 UTC are 23:59 on the 20th and 00:00 on the 21st in Vietnam.
      lookupEvent(1, { ...a, ...at('2026-11-20T16:59:00Z'), subjectId: citizen, dossierCode: '000.00.10.H52-261120-0001' }),
      lookupEvent(2, { ...a, ...at('2026-11-20T17:00:00Z'), subjectId: citizen, fields: ['fullName', 'religion'] }),
      lookupEvent(3, { ...a, ...at('2026-11-20T17:10:00Z'), subjectId: citizen, dossierCode: 'H99-other-unit', clientIp: '10.9.9.9' }),
      lookupEvent(4, { ...a, ...at('2026-11-20T17:20:00Z'), subjectId: subjectId(), result: 'denied' }),
      lookupEvent(5, { ...a, ...at('2026-11-20T17:30:00Z'), action: 'export', subjectId: undefined, subjectCount: 250 }),
      lookupEvent(6, { ...a, ...at('2026-11-20T17:40:00Z'), action: 'login', subjectId: undefined, fields: [] }),
      lookupEvent(7, { accountId: 'cb.agg.b', ...at('2026-11-21T02:00:00Z') }),
      lookupEvent(8, { ...a, ...at('2999-01-01T00:00:00Z') }), // flagged future_time: not on any day
    ];
    await post(events);
    await post(events.slice(0, 4)); // redelivered: duplicates, counted nowhere

    const live = await rows();
    expect(live.map((r) => [r.account_id, r.day, r.events, r.lookups, r.distinct_subjects])).toEqual([
      ['cb.agg.a', '2026-11-20', 1, 1, 1],
      ['cb.agg.a', '2026-11-21', 5, 3, 2],
      ['cb.agg.b', '2026-11-21', 1, 1, 1],
    ]);
    const day21 = live[1];
    expect(day21).toMatchObject({ logins: 1, exports: 1, exported_subjects: 250, with_dossier: 1, own_unit_dossier: 0, sensitive: 1, refused: 1 });
    expect((day21.client_ips as string[]).sort()).toEqual(['10.0.2.14', '10.9.9.9', '10.0.4.28', '10.0.5.35', '10.0.6.42'].sort());
    expect((live[0].slots as number[])[47]).toBe(1); // 23:59 falls in the last half-hour
    expect((day21.slots as number[]).slice(0, 2)).toEqual([3, 0]); // the lookups of 00:00, 00:10 and 00:20; not the export or login
    // The citizen looked up on both days is one of 2 distinct on the 21st, by its keyed hash, never in clear.
    expect(JSON.stringify(live)).not.toContain(citizen);

    const rescanned = await sut.app.get(AggregateRescan).rescan('2026-11-20', '2026-11-21');
    expect(rescanned).toEqual({ days: 2, events: 7 });
    expect(await rows()).toEqual(live);
  });

  it('stores the batch even when the aggregate cannot be updated, and a rescan rebuilds the day', async () => {
    await sql(
      sut.db.url,
      `CREATE FUNCTION test_refuse_aggregate() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN IF NEW.account_id = 'cb.agg.refused' THEN RAISE EXCEPTION 'aggregate refused for the test'; END IF; RETURN NEW; END $$;
       CREATE TRIGGER test_refuse_aggregate BEFORE INSERT OR UPDATE ON account_day FOR EACH ROW EXECUTE FUNCTION test_refuse_aggregate()`,
    );
    const events = [
      lookupEvent(20, { accountId: 'cb.agg.refused', occurredAt: '2026-11-25T02:00:00Z' }),
      lookupEvent(21, { accountId: 'cb.agg.other', occurredAt: '2026-11-25T02:00:00Z' }),
    ];
    expect((await post(events)).body).toMatchObject({ accepted: 2, rejected: 0 });
    const day = () => sql(sut.db.url, `SELECT account_id FROM account_day WHERE day = '2026-11-25' ORDER BY 1`);
    expect(await day()).toEqual([]); // the whole batch's update was undone, the events kept
    const metrics = await request(sut.app.getHttpServer()).get('/metrics');
    expect(metrics.text).toMatch(/^tthc_audit_detection_aggregate_failures_total 1$/m);

    await sql(sut.db.url, 'DROP TRIGGER test_refuse_aggregate ON account_day');
    await sut.app.get(AggregateRescan).rescan('2026-11-25', '2026-11-25');
    expect(await day()).toEqual([{ account_id: 'cb.agg.other' }, { account_id: 'cb.agg.refused' }]);
  });
});
