import request from 'supertest';
import { medianAbsoluteDeviation } from 'simple-statistics';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { addDays } from '@app/detection';
import { sql, TEST_SUBJECT_KEY, TestEvent } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { dayOfLookups, ingest, workingDays } from './volume.fixture';

/**
 * GET /v1/accounts/:id/activity against queries of its own on the seeded database: the day's counts from the
 * stored events, the baseline median and bound from the account's earlier working days, the peers' median from
 * the other members of the unit with the same role.
 */
describe('account activity series', () => {
  const clock = new FixedClock(new Date('2026-12-20T09:00:00+07:00'));
  const unit = '000.00.31.H52';
  const peers = ['cb.act.b', 'cb.act.c', 'cb.act.d', 'cb.act.e'];
  const me = 'cb.act.a';
  const days = workingDays('2026-10-12', 26);
  let sut: TestApp;
  let reviewer: string;
  const usual = (account: number, day: number) => 14 + ((account * 3 + day) % 7);

  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY }, { clock });
    reviewer = await bearerFor(sut.app, Role.REVIEWER);
    const admin = await bearerFor(sut.app, Role.ADMIN);
    const role = 'Công chức tư pháp - hộ tịch';
    await request(sut.app.getHttpServer())
      .post('/v1/accounts/sync')
      .set('Authorization', admin)
      .send([
        ...[me, ...peers].map((accountId) => ({ accountId, unitCode: unit, role, status: 'active' })),
        // Same unit, another role: a member of the unit, not a peer.
        { accountId: 'cb.act.chief', unitCode: unit, role: 'Chủ tịch', status: 'active' },
      ])
      .expect(200);
    const events: TestEvent[] = [];
    days.forEach((day, d) => {
      // The account skips one day (a quiet working day counts 0 in its baseline) and spikes on the last.
      if (d !== 7) events.push(...dayOfLookups(me, unit, day, d === 25 ? 160 : usual(0, d), d % 3));
      peers.forEach((p, i) => events.push(...dayOfLookups(p, unit, day, usual(i + 1, d), 2)));
      events.push(...dayOfLookups('cb.act.chief', unit, day, 300));
    });
    await ingest(sut.app, await bearerFor(sut.app, Role.OPERATOR), events);
  });
  afterAll(() => sut.close());

  const get = (path: string, token = reviewer) => request(sut.app.getHttpServer()).get(path).set('Authorization', token);

  it('gives every day its lookups, explained lookups, baseline band and peers median as the database says', async () => {
    const from = '2026-10-10';
    const to = addDays(days[25], 2);
    const body = (await get(`/v1/accounts/${me}/activity?from=${from}&to=${to}`).expect(200)).body;
    expect(body).toMatchObject({ accountId: me, from, to });
    expect(body.days.map((d: { day: string }) => d.day)).toEqual(Array.from({ length: body.days.length }, (_, i) => addDays(from, i)));

    // The day's counts, from the stored events and their aggregate.
    const counted = await sql<{ day: string; lookups: number }>(
      sut.db.url,
      `SELECT (occurred_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date::text AS day, count(*)::int AS lookups
       FROM query_event WHERE account_id = $1 GROUP BY 1`,
      [me],
    );
    const explained = await sql<{ day: string; explained: number }>(sut.db.url, `SELECT day::text, explained FROM account_day WHERE account_id = $1`, [me]);
    for (const d of body.days) {
      expect([d.day, d.lookups]).toEqual([d.day, counted.find((c) => c.day === d.day)?.lookups ?? 0]);
      expect([d.day, d.explained]).toEqual([d.day, explained.find((c) => c.day === d.day)?.explained ?? 0]);
    }
    expect(body.totals.lookups).toBe(counted.reduce((t, c) => t + c.lookups, 0));

    // Weekends are no working days; the first ten working days have no baseline yet (volume.ownBaseline.minHistoryDays).
    const byDay = new Map(body.days.map((d: { day: string }) => [d.day, d]));
    expect(byDay.get('2026-10-17')).toMatchObject({ workingDay: false });
    expect(byDay.get(days[9])).toMatchObject({ baseline: null });

    // The baseline: the account's last 30 working days before the day (the quiet one counting 0), its median and bound.
    for (const day of [days[10], days[18], days[25], addDays(days[25], 1)]) {
      const history = await sql<{ lookups: number }>(
        sut.db.url,
        `SELECT coalesce(d.lookups, 0)::int AS lookups FROM unnest($2::date[]) AS w(day)
         LEFT JOIN account_day d ON d.account_id = $1 AND d.day = w.day WHERE w.day < $3::date ORDER BY w.day DESC LIMIT 30`,
        [me, days, day],
      );
      const [{ median }] = await sql<{ median: number }>(
        sut.db.url,
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY v) AS median FROM unnest($1::int[]) AS v`,
        [history.map((h) => h.lookups)],
      );
      const mad = medianAbsoluteDeviation(history.map((h) => h.lookups));
      const threshold = Math.max(median + 6 * mad * 1.4826, 3 * median, 30);
      expect(byDay.get(day)).toMatchObject({
        baseline: { days: history.length, median: Math.round(median * 100) / 100, threshold: Math.round(threshold * 100) / 100 },
      });
    }
    // The spike is above its band.
    expect(body.totals.daysAboveBaseline).toBe(1);

    // The peers: the other four of the unit with the same role, that day (not the chief).
    for (const day of [days[0], days[7], days[25]]) {
      const [{ median }] = await sql<{ median: number }>(
        sut.db.url,
        `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lookups) AS median FROM account_day WHERE day = $1::date AND account_id = ANY($2::text[])`,
        [day, peers],
      );
      expect(byDay.get(day)).toMatchObject({ peers: { group: 'unit_role', count: 4, median } });
    }
    expect(byDay.get('2026-10-17')).toMatchObject({ peers: null, lookups: 0 });
  });

  it('defaults to the 60 days to today, refuses a period over 400 days, and needs alerts:read or accounts:read', async () => {
    const body = (await get(`/v1/accounts/${me}/activity`).expect(200)).body;
    expect(body).toMatchObject({ from: '2026-10-22', to: '2026-12-20' });
    expect(body.days).toHaveLength(60);
    const refused = await get(`/v1/accounts/${me}/activity?from=2025-01-01&to=2026-12-01`).expect(400);
    expect(refused.body.error.details).toEqual([expect.objectContaining({ field: 'to' })]);
    await get(`/v1/accounts/${me}/activity?from=2026-02-30`).expect(400);
    await get('/v1/accounts/cb.nobody/activity').expect(404);
    await get(`/v1/accounts/${me}/activity`, await bearerFor(sut.app, Role.AUDITOR)).expect(200);
    await get(`/v1/accounts/${me}/activity`, await bearerFor(sut.app, Role.OPERATOR)).expect(403);
  });
});
