import request from 'supertest';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { JournalSealer } from '@app/audit-trail';
import { DetectionScan } from '@app/detection';
import { sql, TEST_SUBJECT_KEY, TestEvent } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { alertsOf, dayOfLookups, ingest, workingDays } from './volume.fixture';

/** Detection settings: read, preview a threshold change on the stored history, save with a reason, reset. */
describe('detection settings', () => {
  const clock = new FixedClock(new Date('2026-11-20T09:00:00+07:00'));
  let sut: TestApp;
  let admin: string;
  let reviewer: string;
  let operator: string;
  const http = () => request(sut.app.getHttpServer());
  const unit = '000.00.31.H52';
  const accounts = ['cb.set.a', 'cb.set.b', 'cb.set.c', 'cb.set.d', 'cb.set.e'];
  const days = workingDays('2026-10-12', 20);

  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY, ROLES: 'api,jobs' }, { clock });
    [admin, reviewer, operator] = await Promise.all([bearerFor(sut.app, Role.ADMIN), bearerFor(sut.app, Role.REVIEWER), bearerFor(sut.app, Role.OPERATOR)]);
    // Five accounts at 14-18 lookups a day; on the last day cb.set.a looks up 40 and cb.set.b 70.
    const events: TestEvent[] = [];
    days.forEach((day, d) =>
      accounts.forEach((a, i) => {
        const n = d === 19 && i === 0 ? 40 : d === 19 && i === 1 ? 70 : 14 + ((i * 3 + d) % 5);
        events.push(...dayOfLookups(a, unit, day, n, Math.min(n, 14)));
      }),
    );
    await ingest(sut.app, operator, events);
  });
  afterAll(() => sut.close());

  it('lists every detector section with its value and source; reviewers may read, not preview or save', async () => {
    const list = await http().get('/v1/detection/settings').set('Authorization', reviewer).expect(200);
    expect(list.body).toContainEqual(
      expect.objectContaining({ section: 'volume', source: 'file', types: ['volume_own_baseline', 'volume_peers', 'volume_hourly', 'unit_surge'], value: expect.objectContaining({ ownBaseline: expect.objectContaining({ k: 6 }) }) }),
    );
    await http().post('/v1/detection/settings/volume/preview').set('Authorization', reviewer).send({ value: {} }).expect(403);
    await http().put('/v1/detection/settings/volume').set('Authorization', reviewer).send({ value: {}, reason: 'x' }).expect(403);
    await http().get('/v1/detection/settings/nope').set('Authorization', reviewer).expect(404);
  });

  it('previews a lower multiple: which alerts and accounts it adds over the last 30 days, raising and saving nothing', async () => {
    const before = await http().post('/v1/detection/settings/volume/preview').set('Authorization', admin).send({ value: {}, days: 30 }).expect(200);
    expect(before.body).toMatchObject({ section: 'volume', toDay: '2026-11-19', fromDay: '2026-10-21', added: [], removed: [] });
    expect(before.body.current.accounts).toBe(1); // cb.set.b: 70 is over 3 x its median of 16
    expect(before.body.current).toEqual(before.body.proposed);

    const lower = await http()
      .post('/v1/detection/settings/volume/preview')
      .set('Authorization', admin)
      .send({ value: { ownBaseline: { multiple: 2, floor: 20 }, peers: { multiple: 2, floor: 20 } }, days: 30 })
      .expect(200);
    expect(lower.body.accountsAdded).toEqual(['cb.set.a']);
    expect(lower.body.added).toEqual([expect.objectContaining({ type: 'volume_own_baseline', accountIds: ['cb.set.a'], windowStart: '2026-11-05T17:00:00.000Z' })]);
    expect(lower.body.proposed.alerts).toBe(lower.body.current.alerts + 1);
    expect(await alertsOf(sut.db.url, accounts)).toEqual([]);
    expect((await http().get('/v1/detection/settings/volume').set('Authorization', admin).expect(200)).body.source).toBe('file');
  });

  it('refuses a value that is not valid, naming each key', async () => {
    const res = await http()
      .post('/v1/detection/settings/volume/preview')
      .set('Authorization', admin)
      .send({ value: { ownBaseline: { k: -1 }, peers: { typo: 3 } } })
      .expect(400);
    expect(JSON.stringify(res.body)).toContain('volume.ownBaseline.k: must be a number >= 0');
    await http().put('/v1/detection/settings/volume').set('Authorization', admin).send({ value: { ownBaseline: { k: 'six' } }, reason: 'x' }).expect(400);
    // A value every key of which is a number may still be no rule: a median of no peers.
    const none = await http().put('/v1/detection/settings/volume').set('Authorization', admin).send({ value: { peers: { minPeers: 0 } }, reason: 'x' }).expect(400);
    expect(JSON.stringify(none.body)).toContain('volume.peers.minPeers: at least 1');
    await http().put('/v1/detection/settings/volume').set('Authorization', admin).send({ value: { ownBaseline: { k: 5 } } }).expect(400);
  });

  it('saves with a reason: the scan uses it, the change and the security log record it, and a reset goes back to the file', async () => {
    const saved = await http()
      .put('/v1/detection/settings/volume')
      .set('Authorization', admin)
      .send({ value: { ownBaseline: { multiple: 2, floor: 20 }, peers: { multiple: 2, floor: 20 } }, reason: 'Thử ngưỡng thấp hơn' })
      .expect(200);
    expect(saved.body).toMatchObject({ source: 'saved', reason: 'Thử ngưỡng thấp hơn', value: { ownBaseline: { multiple: 2, floor: 20, k: 6, historyDays: 30 } } });

    await sut.app.get(DetectionScan).scan(days[0], days[19]);
    expect((await alertsOf(sut.db.url, accounts)).map((a) => a.account_ids[0])).toEqual(['cb.set.a', 'cb.set.b']);

    const [logged] = await sql<{ type: string; target: string; details: Record<string, unknown> }>(
      sut.db.url,
      `SELECT type, target, details FROM security_event WHERE type = 'detection.settings-changed' ORDER BY id`,
    );
    expect(logged).toMatchObject({ target: 'volume', details: { reason: 'Thử ngưỡng thấp hơn', reset: false, after: { ownBaseline: { multiple: 2 } } } });
    await expect(sql(sut.db.url, `DELETE FROM detection_setting_change`)).rejects.toThrow();
    // Under the integrity chain like the security log: a change removed by someone with the database's keys is detected.
    await sut.app.get(JournalSealer).seal();
    expect(await sql(sut.db.url, `SELECT count(*)::int AS n FROM journal_entry WHERE table_name = 'detection_setting_change'`)).toEqual([{ n: 1 }]);

    await http().put('/v1/detection/settings/volume').set('Authorization', admin).send({ value: null, reason: 'Về mặc định' }).expect(200);
    const after = await http().get('/v1/detection/settings/volume').set('Authorization', admin).expect(200);
    expect(after.body).toMatchObject({ source: 'file', value: { ownBaseline: { multiple: 3, floor: 30 } } });
    expect(after.body.changes.map((c: { reason: string }) => c.reason)).toEqual(['Về mặc định', 'Thử ngưỡng thấp hơn']);
  });
});
