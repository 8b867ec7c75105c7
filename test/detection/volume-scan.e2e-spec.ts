import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { DETECTION_DAILY_LOCK, DetectionScan, startOfLocalDay } from '@app/detection';
import { DetectionDailyCron } from '../../apps/audit-service/src/jobs/detection-daily.cron';
import { lookupEvent, TEST_SUBJECT_KEY, TestEvent } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { alertsOf, dayOfLookups, ingest, workingDays } from './volume.fixture';

/** The day-level volume detectors through the scan, the daily job and the endpoint, on ingested events. */
describe('volume detection scan', () => {
  const clock = new FixedClock(new Date('2026-12-20T09:00:00+07:00'));
  let sut: TestApp;
  let operator: string;
  const scan = (from: string, to: string) => sut.app.get(DetectionScan).scan(from, to);
  const usual = (account: number, day: number) => 14 + ((account * 3 + day) % 5); // 14-18 a day

  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY, ROLES: 'api,jobs' }, { clock });
    operator = await bearerFor(sut.app, Role.OPERATOR);
  });
  afterAll(() => sut.close());
  beforeEach(() => clock.set('2026-12-20T09:00:00+07:00'));

  it('a spike after 20 normal working days is one volume_own_baseline alert with its numbers, and a re-scan keeps it one', async () => {
    const unit = '000.00.21.H52';
    const accounts = ['cb.own.spiker', 'cb.own.b', 'cb.own.c', 'cb.own.d', 'cb.own.e'];
    const days = workingDays('2026-10-12', 21);
    const events: TestEvent[] = [];
    days.forEach((day, d) =>
      accounts.forEach((a, i) =>
        events.push(
          ...dayOfLookups(
            a,
            unit,
            day,
            d === 20 && i === 0 ? 212 : usual(i, d),
            d === 20 && i === 0 ? 76 : 10,
          ),
        ),
      ),
    );
    await ingest(sut.app, operator, events);

    await scan(days[0], days[20]);
    await scan(days[0], days[20]);

    const alerts = await alertsOf(sut.db.url, accounts);
    expect(alerts.map((a) => [a.type, a.account_ids, a.window_start])).toEqual([
      ['volume_own_baseline', ['cb.own.spiker'], startOfLocalDay(days[20])],
    ]);
    const [alert] = alerts;
    expect(alert.occurrences).toBe(2);
    expect(alert.window_end).toEqual(startOfLocalDay('2026-11-10'));
    expect(alert.evidence).toMatchObject({
      metric: 'subjects',
      observed: { lookups: 212, subjects: 212, value: 212 },
      expected: { baseline: 16, threshold: 48 },
      baseline: { days: 20, from: days[0], to: days[19], subjects: { median: 16, threshold: 48 } },
      peers: { group: 'unit_role', count: 4 },
      parameters: { k: 6, multiple: 3, floor: 30, minHistoryDays: 10 },
      withDossierShare: 0.358,
      withoutDossierShare: 0.642,
      explainedShare: 0.358,
    });
    expect(alert.evidence.sampleEventIds).toHaveLength(5);
    expect(alert.severity).toBe('high'); // 212 is 4.4 times the bound of 48: from 3 times, high
    expect(alert.explanation_vi).toBe(
      'Tài khoản cb.own.spiker tra cứu 212 công dân ngày 09/11/2026, gấp 13 lần mức thường ngày (16) và gấp 13 lần đồng nghiệp cùng đơn vị, ' +
        'cùng vai trò (16,5, 4 người); 64% lượt tra cứu không được giải thích bởi hồ sơ.',
    );
    expect(alert.explanation_en).toContain(
      'looked up 212 citizens on 9 Nov 2026, 13 times its usual day (16)',
    );
  });

  it('a new account with 3 days of history is judged against its peers: silent at their volume, volume_peers far above', async () => {
    const unit = '000.00.22.H52';
    const peers = ['cb.peer.p1', 'cb.peer.p2', 'cb.peer.p3', 'cb.peer.p4'];
    const days = workingDays('2026-10-12', 15);
    const events: TestEvent[] = [];
    days.forEach((day, d) =>
      peers.forEach((a, i) => events.push(...dayOfLookups(a, unit, day, usual(i, d) + 4))),
    );
    days.slice(11).forEach((day, d) => {
      events.push(...dayOfLookups('cb.peer.new-usual', unit, day, d === 3 ? 22 : 20));
      events.push(...dayOfLookups('cb.peer.new-busy', unit, day, d === 3 ? 150 : 20, 30));
    });
    await ingest(sut.app, operator, events);

    await scan(days[0], days[14]);
    await scan(days[11], days[14]);

    const alerts = await alertsOf(sut.db.url, [...peers, 'cb.peer.new-usual', 'cb.peer.new-busy']);
    expect(alerts.map((a) => [a.type, a.account_ids, a.window_start, a.occurrences])).toEqual([
      ['volume_peers', ['cb.peer.new-busy'], startOfLocalDay(days[14]), 2],
    ]);
    expect(alerts[0].evidence).toMatchObject({
      observed: { subjects: 150 },
      baseline: { days: 3, judged: false },
      peers: { group: 'unit_role', count: 5, subjects: { median: 21, threshold: 105 } }, // 18, 20, 21, 22 and 22
      expected: { peers: 21, threshold: 105 },
      parameters: { k: 6, multiple: 5, floor: 30, minPeers: 4 },
    });
    expect(alerts[0].explanation_vi).toBe(
      'Tài khoản cb.peer.new-busy tra cứu 150 công dân ngày 30/10/2026, gấp 7,1 lần đồng nghiệp cùng đơn vị, cùng vai trò (21, 5 người) ' +
        '(mới có 3 ngày làm việc, chưa đủ để so với chính mình); 80% lượt tra cứu không được giải thích bởi hồ sơ.',
    );
  });

  it('an hour of 100 lookups on a day whose total stays within bounds is one volume_hourly alert for that hour; a usual day done in one sitting is not', async () => {
    const unit = '000.00.25.H52';
    const accounts = ['cb.hour.burst', 'cb.hour.b', 'cb.hour.c', 'cb.hour.d', 'cb.hour.e'];
    const days = workingDays('2026-10-12', 21);
    // n lookups spread evenly over 07:30-16:30 (about one every 9 minutes for 60), each for a dossier of the unit.
    const spread = (a: string, day: string, n: number): TestEvent[] =>
      Array.from({ length: n }, (_, i) =>
        lookupEvent(i, {
          accountId: a,
          unitCode: unit,
          occurredAt: new Date(
            startOfLocalDay(day).getTime() + 7.5 * 3_600_000 + i * Math.floor(32_400_000 / n),
          ).toISOString(),
          dossierCode: `${unit}-${day}-${i}`,
        }),
      );
    // The last day the first account makes 50 spread lookups and 100 more from 14:00 to 14:55, 150 in all (its daily bound is 3 x 60).
    const burstAt = startOfLocalDay(days[20]).getTime() + 14 * 3_600_000;
    const burst = Array.from({ length: 100 }, (_, i) =>
      lookupEvent(i, {
        accountId: accounts[0],
        unitCode: unit,
        occurredAt: new Date(burstAt + i * 33_000).toISOString(),
      }),
    );
    // The second does its usual day's 60 lookups in one sitting from 09:00: a stack of dossiers, not a burst.
    const sitting = Array.from({ length: 60 }, (_, i) =>
      lookupEvent(i, {
        accountId: accounts[1],
        unitCode: unit,
        occurredAt: new Date(startOfLocalDay(days[20]).getTime() + 9 * 3_600_000 + i * 50_000).toISOString(),
        dossierCode: `${unit}-s-${i}`,
      }),
    );
    const events: TestEvent[] = [...burst, ...sitting];
    days.forEach((day, d) =>
      accounts.forEach((a, i) =>
        d === 20 && i === 1
          ? undefined
          : events.push(...spread(a, day, d === 20 && i === 0 ? 50 : 55 + ((i + d) % 10))),
      ),
    );
    await ingest(sut.app, operator, events);

    await scan(days[0], days[20]);
    await scan(days[20], days[20]);

    const alerts = await alertsOf(sut.db.url, accounts);
    expect(alerts.map((a) => [a.type, a.account_ids, a.window_start, a.window_end, a.occurrences])).toEqual([
      ['volume_hourly', ['cb.hour.burst'], new Date(burstAt), new Date(burstAt + 3_600_000), 2],
    ]);
    expect(alerts[0].evidence).toMatchObject({
      observed: { value: 105, dayLookups: 150 },
      parameters: { k: 6, multiple: 3, floor: 20 },
    });
    // Its dossiers name no procedure: none of the day's lookups is explained, which every alert about an account says.
    expect(alerts[0].evidence).toMatchObject({
      explainedShare: 0,
      explained: { lookups: 150, explained: 0, fromDay: days[20], toDay: days[20] },
    });
    expect(alerts[0].explanation_vi).toMatch(
      /^Tài khoản cb\.hour\.burst có 105 lượt tra cứu trong một giờ từ 14:00 09\/11\/2026, gấp \d+(,\d)? lần giờ bận nhất thường ngày của tài khoản \(\d+\); cả ngày 150 lượt; 100% lượt tra cứu không được giải thích bởi hồ sơ\.$/,
    );
  });

  it('a whole unit tripling for two days is one low unit_surge notice about its members, and none of them is alerted', async () => {
    const unit = '000.00.23.H52';
    const members = ['cb.surge.a', 'cb.surge.b', 'cb.surge.c', 'cb.surge.d', 'cb.surge.e'];
    const days = workingDays('2026-10-12', 16);
    const events: TestEvent[] = [];
    days.forEach((day, d) =>
      members.forEach((a, i) =>
        events.push(...dayOfLookups(a, unit, day, d >= 14 ? 3 * usual(i, d) + 6 : usual(i, d))),
      ),
    );
    await ingest(sut.app, operator, events);

    await scan(days[0], days[15]);
    await scan(days[15], days[15]);

    const alerts = await alertsOf(sut.db.url, members);
    // The campaign's second day widens the first day's notice; the re-scan of that day updates it again.
    expect(
      alerts.map((a) => [a.type, a.severity, a.account_ids, a.window_start, a.window_end, a.occurrences]),
    ).toEqual([
      [
        'unit_surge',
        'low',
        members.slice().sort(),
        startOfLocalDay(days[14]),
        startOfLocalDay('2026-11-03'),
        3,
      ],
    ]);
    expect(alerts[0].evidence).toMatchObject({
      unitCode: unit,
      day: days[15],
      since: days[14],
      members: 5,
      judged: 5,
      rising: 5,
      usualMemberMedian: 16,
    });
    expect(alerts[0].explanation_vi).toMatch(
      /^Đơn vị 000\.00\.23\.H52: 5\/5 tài khoản cùng tra cứu gấp 2 lần trở lên mức thường ngày của mình từ ngày 30\/10\/2026 đến ngày 02\/11\/2026 \(ngày gần nhất mỗi người trung vị \d+ lượt, thường ngày 16\)\./,
    );
  });

  it('the daily job scans yesterday once (a replica holding the lock makes the other skip), and only closed days are judged', async () => {
    const unit = '000.00.24.H52';
    const accounts = ['cb.job.spiker', 'cb.job.b', 'cb.job.c'];
    const days = workingDays('2026-11-16', 13); // the last, 2 December, is a Wednesday
    const events: TestEvent[] = [];
    days.forEach((day, d) =>
      accounts.forEach((a, i) =>
        events.push(...dayOfLookups(a, unit, day, d === 12 && i === 0 ? 120 : usual(i, d))),
      ),
    );
    await ingest(sut.app, operator, events);
    const job = sut.app.get(DetectionDailyCron);

    clock.set('2026-12-02T23:00:00+07:00'); // 2 December is not over: nothing to judge yet
    expect(await sut.app.get(DetectionScan).scan(days[12], days[12])).toMatchObject({ days: 0, created: 0 });

    clock.set('2026-12-03T01:00:00+07:00');
    const other = sut.app.get(DataSource).createQueryRunner();
    await other.connect();
    await other.query('SELECT pg_advisory_lock($1)', [DETECTION_DAILY_LOCK]);
    await job.run();
    expect(await alertsOf(sut.db.url, accounts)).toEqual([]);
    await other.query('SELECT pg_advisory_unlock($1)', [DETECTION_DAILY_LOCK]);
    await other.release();

    await job.run();
    const alerts = await alertsOf(sut.db.url, accounts);
    expect(alerts.map((a) => [a.type, a.account_ids, a.window_start])).toEqual([
      ['volume_own_baseline', ['cb.job.spiker'], startOfLocalDay('2026-12-02')],
    ]);
  });

  it('POST /v1/detection/scan: admins scan (and rebuild) a period; reviewers may not (403); a wrong period is 400', async () => {
    const [admin, reviewer] = [await bearerFor(sut.app, Role.ADMIN), await bearerFor(sut.app, Role.REVIEWER)];
    const post = (token: string, body: object) =>
      request(sut.app.getHttpServer()).post('/v1/detection/scan').set('Authorization', token).send(body);

    await post(reviewer, { from: '2026-11-01', to: '2026-11-02' }).expect(403);
    const ok = await post(admin, { from: '2026-11-01', to: '2026-11-02', rebuild: true }).expect(200);
    expect(ok.body).toMatchObject({
      fromDay: '2026-11-01',
      toDay: '2026-11-02',
      days: 2,
      rebuilt: { days: 2 },
    });
    const bad = await post(admin, { from: '2026-11-05', to: '2026-11-01' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('must not be before from');
    await post(admin, { from: '2026-13-01', to: '2026-11-01' }).expect(400);
  });
});
