import request from 'supertest';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { lookupEvent, sql, TEST_SUBJECT_KEY } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { ingest } from './volume.fixture';

/** GET /v1/detection/lookups/daily: the province's lookups per Vietnamese day, today and this month. */
describe('the lookups series', () => {
  // 14:00 in Vietnam on 2 December, 07:00 UTC: the UTC and local days differ for events before 07:00 local.
  const clock = new FixedClock(new Date('2026-12-02T14:00:00+07:00'));
  let sut: TestApp;
  let operator: string;
  let reviewer: string;
  const http = () => request(sut.app.getHttpServer());
  const at = (local: string) => `${local}+07:00`;
  const unitCode = '000.00.41.H52';
  const explained = { unitCode, dossierCode: `${unitCode}-261201-0001`, procedureCode: '1.001612', fields: ['fullName', 'dateOfBirth'] };

  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY }, { clock });
    [operator, reviewer] = await Promise.all([bearerFor(sut.app, Role.OPERATOR), bearerFor(sut.app, Role.REVIEWER)]);
    let i = 0;
    const event = (accountId: string, local: string, extra: Record<string, unknown> = {}) =>
      lookupEvent(++i, { accountId, unitCode, occurredAt: at(local), ...extra });
    await ingest(sut.app, operator, [
      // Today: three lookups (two explained), an identity check, a sign-in (not a lookup), one at 00:30 local (the UTC day before).
      event('cb.ls.a', '2026-12-02T09:00:00', explained),
      event('cb.ls.a', '2026-12-02T09:05:00', explained),
      event('cb.ls.b', '2026-12-02T10:00:00'),
      event('cb.ls.b', '2026-12-02T10:01:00', { action: 'verify', ...explained }),
      event('cb.ls.b', '2026-12-02T10:02:00', { action: 'login', subjectId: null, fields: [] }),
      event('cb.ls.c', '2026-12-02T00:30:00'),
      // Later today than the clock (beyond the skew): stored, flagged future_time, not counted.
      event('cb.ls.c', '2026-12-02T20:00:00'),
      // Earlier this month, last month inside 30 days, and 60 days ago (only in the 90-day series).
      event('cb.ls.a', '2026-12-01T08:00:00', explained),
      event('cb.ls.d', '2026-12-01T23:30:00'),
      event('cb.ls.a', '2026-11-20T08:00:00', explained),
      event('cb.ls.e', '2026-10-03T08:00:00', explained),
    ]);
  });
  afterAll(() => sut.close());

  /** Lookups per local day straight from the stored events: the figure the series must equal. */
  const storedLookups = async (): Promise<Map<string, number>> => {
    const rows = await sql<{ day: string; n: number }>(
      sut.db.url,
      `SELECT to_char(occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM-DD') AS day, count(*)::int AS n FROM query_event
       WHERE action IN ('lookup', 'verify') AND NOT ('future_time' = ANY (flags)) AND unit_code = $1 GROUP BY 1`,
      [unitCode],
    );
    return new Map(rows.map((r) => [r.day, r.n]));
  };

  it('lists every day of the last 30 up to today with the stored lookups, and today and the month so far', async () => {
    const { body } = await http().get('/v1/detection/lookups/daily?days=30').set('Authorization', reviewer).expect(200);
    expect(body).toMatchObject({ from: '2026-11-03', to: '2026-12-02' });
    expect(body.days).toHaveLength(30);
    expect(body.days[0].day).toBe('2026-11-03');
    expect(body.days[29].day).toBe('2026-12-02');
    const stored = await storedLookups();
    for (const d of body.days) expect([d.day, d.lookups]).toEqual([d.day, stored.get(d.day) ?? 0]);
    expect(body.today).toEqual({ from: '2026-12-02', to: '2026-12-02', lookups: 5, explained: 3, share: 0.6, accounts: 3 });
    expect(body.month).toEqual({ from: '2026-12-01', to: '2026-12-02', lookups: 7, explained: 4, share: 0.571, accounts: 4 });
    expect(body.days.find((d: { day: string }) => d.day === '2026-11-20')).toEqual({ day: '2026-11-20', lookups: 1, explained: 1, share: 1, accounts: 1 });
    expect(body.days.find((d: { day: string }) => d.day === '2026-11-21')).toEqual({ day: '2026-11-21', lookups: 0, explained: 0, share: null, accounts: 0 });

    // The explained counts are those of the explained share, day by day.
    const share = await http().get('/v1/detection/explained-share?from=2026-11-03&to=2026-12-02&groupBy=day').set('Authorization', reviewer).expect(200);
    for (const g of share.body.groups) {
      expect(body.days.find((d: { day: string }) => d.day === g.key)).toMatchObject({ lookups: g.lookups, explained: g.explained, share: g.share });
    }
  });

  it('reaches back 90 days when asked, and refuses what is not a number of days', async () => {
    const { body } = await http().get('/v1/detection/lookups/daily?days=90').set('Authorization', reviewer).expect(200);
    expect(body.days).toHaveLength(90);
    expect(body.days.find((d: { day: string }) => d.day === '2026-10-03')).toMatchObject({ lookups: 1, explained: 1 });
    const total = body.days.reduce((t: number, d: { lookups: number }) => t + d.lookups, 0);
    expect(total).toBe([...(await storedLookups()).values()].reduce((t, n) => t + n, 0));
    await http().get('/v1/detection/lookups/daily?days=0').set('Authorization', reviewer).expect(400);
    await http().get('/v1/detection/lookups/daily?days=400').set('Authorization', reviewer).expect(400);
  });

  it('is for those who read alerts: an operator is refused', async () => {
    await http().get('/v1/detection/lookups/daily').set('Authorization', operator).expect(403);
    await http().get('/v1/detection/lookups/daily').expect(401);
  });
});
