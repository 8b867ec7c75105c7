import request from 'supertest';
import { DataSource } from 'typeorm';
import { JournalSealer } from '@app/audit-trail';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { AggregateRescan, PROCEDURE_PROFILE_LOCK, ProcedureNeeds, ProcedureProfileService } from '@app/detection';
import { lookupEvent, sql, TEST_SUBJECT_KEY, TestEvent } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { ingest } from './volume.fixture';

/** Explained lookups: what procedures need (catalog, admins, learned profiles), the counts, the headline figure. */
describe('explained lookups', () => {
  const clock = new FixedClock(new Date('2026-11-25T09:00:00+07:00'));
  let sut: TestApp;
  let operator: string;
  let admin: string;
  let reviewer: string;
  const http = () => request(sut.app.getHttpServer());
  const counts = (accountId: string) =>
    sql(sut.db.url, `SELECT day::text, lookups, explained, unneeded_fields, unneeded_sensitive FROM account_day WHERE account_id = $1 ORDER BY day`, [accountId]);
  const at = (local: string) => new Date(`${local}+07:00`).toISOString();

  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY }, { clock });
    [operator, admin, reviewer] = await Promise.all([bearerFor(sut.app, Role.OPERATOR), bearerFor(sut.app, Role.ADMIN), bearerFor(sut.app, Role.REVIEWER)]);
  });
  afterAll(() => sut.close());

  it('counts a lookup explained only with a dossier of its unit, a procedure and the fields it needs; a rescan counts the same', async () => {
    const unitCode = '000.00.31.H52';
    const own = { accountId: 'cb.expl.a', unitCode, occurredAt: at('2026-11-20T09:00:00'), dossierCode: `${unitCode}-261120-0001`, procedureCode: '1.001612' };
    await ingest(sut.app, operator, [
      lookupEvent(1, { ...own, fields: ['fullName', 'dateOfBirth'] }), // explained
      lookupEvent(2, { ...own, fields: ['fullName', 'religion'] }), // beyond the birth registration's need, sensitive
      lookupEvent(3, { ...own, dossierCode: undefined, procedureCode: undefined, fields: ['fullName'] }), // no dossier, no procedure
      lookupEvent(4, { ...own, dossierCode: '000.00.99.H52-261120-0001' }), // another unit's dossier
      lookupEvent(5, { ...own, action: 'verify', procedureCode: '9.123456', fields: ['fullName', 'faceImage'] }), // unknown procedure: fields not judged
      lookupEvent(6, { ...own, accountId: 'cb.expl.b' }),
    ]);

    const live = await counts('cb.expl.a');
    expect(live).toEqual([{ day: '2026-11-20', lookups: 5, explained: 2, unneeded_fields: 2, unneeded_sensitive: 1 }]);
    const bySystem = () => sql(sut.db.url, `SELECT source_system, lookups, explained, unneeded_sensitive FROM source_system_day WHERE unit_code = $1`, [unitCode]);
    expect(await bySystem()).toEqual([{ source_system: 'igate', lookups: 6, explained: 3, unneeded_sensitive: 1 }]);

    await sut.app.get(AggregateRescan).rescan('2026-11-20', '2026-11-20');
    expect(await counts('cb.expl.a')).toEqual(live);
    expect(await bySystem()).toEqual([{ source_system: 'igate', lookups: 6, explained: 3, unneeded_sensitive: 1 }]);

    const share = (query: string, token = reviewer) => http().get(`/v1/detection/explained-share?from=2026-11-20&to=2026-11-20&${query}`).set('Authorization', token);
    const byAccount = await share(`groupBy=account&unitCode=${unitCode}`).expect(200);
    expect(byAccount.body).toMatchObject({
      groupBy: 'account',
      total: { key: null, lookups: 6, explained: 3, unexplained: 3, share: 0.5, unneededSensitive: 1 },
      groupCount: 2,
      groups: [
        { key: 'cb.expl.a', lookups: 5, explained: 2, unexplained: 3, share: 0.4, unneededSensitive: 1 },
        { key: 'cb.expl.b', lookups: 1, explained: 1, unexplained: 0, share: 1, unneededSensitive: 0 },
      ],
    });
    const bySource = await share(`groupBy=sourceSystem&unitCode=${unitCode}`).expect(200);
    expect(bySource.body.groups).toEqual([{ key: 'igate', lookups: 6, explained: 3, unexplained: 3, share: 0.5, unneededSensitive: 1 }]);
    const byDay = await share(`groupBy=day&accountId=cb.expl.a`).expect(200);
    expect(byDay.body.groups).toEqual([{ key: '2026-11-20', lookups: 5, explained: 2, unexplained: 3, share: 0.4, unneededSensitive: 1 }]);
    const refused = await share('groupBy=account&sourceSystem=igate').expect(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'groupBy', message: expect.stringContaining('not per account') })]);
    await share('groupBy=unit&from=2026-11-21').expect(400);
    await http().get('/v1/detection/explained-share?from=2026-11-20&to=2026-11-20&groupBy=unit').expect(401);
  });

  it('lets admins set what a procedure needs, logged with who, when and why; reviewers read it; a rescan applies it', async () => {
    const code = '1.000894';
    const get = await http().get(`/v1/detection/procedures/${code}`).set('Authorization', reviewer).expect(200);
    expect(get.body).toMatchObject({ code, name: 'Đăng ký kết hôn', source: 'config', changes: [] });
    const unitCode = '000.00.32.H52';
    await ingest(sut.app, operator, [
      lookupEvent(1, { accountId: 'cb.expl.c', unitCode, occurredAt: at('2026-11-21T09:00:00'), dossierCode: `${unitCode}-1`, procedureCode: code, fields: ['fullName', 'religion'] }),
    ]);
    expect(await counts('cb.expl.c')).toEqual([{ day: '2026-11-21', lookups: 1, explained: 0, unneeded_fields: 1, unneeded_sensitive: 1 }]);

    const body = { name: 'Đăng ký kết hôn', fields: [...get.body.fields, 'religion'], reason: 'Thử nghiệm: hôn nhân có yếu tố tôn giáo' };
    await http().put(`/v1/detection/procedures/${code}`).set('Authorization', reviewer).send(body).expect(403);
    const wrong = await http().put(`/v1/detection/procedures/${code}`).set('Authorization', admin).send({ ...body, fields: ['fullName', 'religon'] }).expect(400);
    expect(wrong.body.error.details).toEqual([{ field: 'fields', message: 'fields: "religon" is not a field of the field catalog' }]);
    const put = await http().put(`/v1/detection/procedures/${code}`).set('Authorization', admin).send(body).expect(200);
    expect(put.body).toMatchObject({ source: 'admin', fields: body.fields });
    expect(put.body.changes).toEqual([
      expect.objectContaining({ fields: body.fields, previous: get.body.fields, reason: body.reason, actor: expect.stringMatching(/^user:/) }),
    ]);
    expect(put.body.admin).toBeUndefined();
    await expect(sql(sut.db.url, `DELETE FROM detection_procedure_change`)).rejects.toThrow(/append-only/);
    // Which lookups count as explained follows from it: recorded in the security log and sealed into the chain.
    expect(await sql(sut.db.url, `SELECT target, details FROM security_event WHERE type = 'detection.procedure-changed'`)).toEqual([
      { target: code, details: { name: body.name, fields: body.fields, reason: body.reason } },
    ]);
    await sut.app.get(JournalSealer).seal();
    expect(await sql(sut.db.url, `SELECT count(*)::int AS n FROM journal_entry WHERE table_name = 'detection_procedure_change'`)).toEqual([{ n: 1 }]);

    // Counted days keep their counts until rebuilt: the change applies to the days rebuilt after it.
    expect(await counts('cb.expl.c')).toEqual([{ day: '2026-11-21', lookups: 1, explained: 0, unneeded_fields: 1, unneeded_sensitive: 1 }]);
    await sut.app.get(AggregateRescan).rescan('2026-11-21', '2026-11-21');
    expect(await counts('cb.expl.c')).toEqual([{ day: '2026-11-21', lookups: 1, explained: 1, unneeded_fields: 0, unneeded_sensitive: 0 }]);
  });

  it("learns a profile for a procedure the catalog is silent on from the province's lookups, on one replica", async () => {
    const code = '9.000777';
    const unitCode = '000.00.33.H52';
    const events: TestEvent[] = Array.from({ length: 60 }, (_, i) =>
      lookupEvent(i, {
        accountId: `cb.learn.${i % 3}`,
        unitCode,
        occurredAt: at(`2026-11-2${i % 2 ? 2 : 3}T09:${String(i % 60).padStart(2, '0')}:00`),
        dossierCode: `${unitCode}-${i}`,
        procedureCode: code,
        fields: i < 6 ? ['fullName', 'household', 'religion'] : ['fullName', 'household'],
      }),
    );
    await ingest(sut.app, operator, events);
    const profiles = sut.app.get(ProcedureProfileService);

    const other = sut.app.get(DataSource).createQueryRunner();
    await other.connect();
    await other.query('SELECT pg_advisory_lock($1)', [PROCEDURE_PROFILE_LOCK]);
    expect(await profiles.learnOnce()).toBeNull();
    await other.query('SELECT pg_advisory_unlock($1)', [PROCEDURE_PROFILE_LOCK]);
    await other.release();

    const learned = await profiles.learnOnce();
    expect(learned?.find((p) => p.code === code)).toMatchObject({ fields: ['fullName', 'household'], lookups: 60, fieldShares: { fullName: 1, household: 1, religion: 0.1 } });
    const get = await http().get(`/v1/detection/procedures/${code}`).set('Authorization', reviewer).expect(200);
    expect(get.body).toMatchObject({ source: 'learned', name: null, fields: ['fullName', 'household'], profile: { lookups: 60, fromDay: '2026-10-26', toDay: '2026-11-24' } });
    expect(sut.app.get(ProcedureNeeds).current().get(code)).toEqual(new Set(['fullName', 'household']));

    // Before the profile its fields were not judged; the day rebuilt now counts religion as beyond the need.
    await sut.app.get(AggregateRescan).rescan('2026-11-23', '2026-11-23');
    const [day] = await sql(sut.db.url, `SELECT sum(unneeded_sensitive)::int AS n, sum(explained)::int AS e FROM account_day WHERE unit_code = $1 AND day = '2026-11-23'`, [unitCode]);
    expect(day).toEqual({ n: 3, e: 27 });
  });
});
