import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { DetectionScan } from '@app/detection';
import { TEST_SUBJECT_KEY, TestEvent } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { alertsOf, dayOfLookups, ingest, workingDays } from './volume.fixture';

/** Detectors 6 and 10 through the scan, on ingested events: a change of behaviour over weeks against habit and peers. */
describe('unexplained lookups and sensitive fields (scan)', () => {
  const clock = new FixedClock(new Date('2026-12-20T09:00:00+07:00'));
  let sut: TestApp;
  let operator: string;
  const TYPES = ['unexplained_lookups', 'sensitive_fields'];

  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY, ROLES: 'api,jobs' }, { clock });
    operator = await bearerFor(sut.app, Role.OPERATOR);
  });
  afterAll(() => sut.close());

  it('raises three weeks at half unexplained and two weeks of unneeded sensitive fields once each, and nobody at their habit', async () => {
    const unit = '000.00.41.H52';
    const habitUnit = '000.00.42.H52';
    const days = workingDays('2026-08-10', 70); // 10 August to 13 November
    const staff = ['cb.sw.a', 'cb.sw.b', 'cb.sw.c', 'cb.sw.d', 'cb.sw.unx', 'cb.sw.sens', 'cb.sw.idcard'];
    const habit = ['cb.hab.a', 'cb.hab.b', 'cb.hab.c', 'cb.hab.d', 'cb.hab.e'];
    const events: TestEvent[] = [];
    const biometric = (e: TestEvent): TestEvent =>
      e.dossierCode ? { ...e, procedureCode: '2.001255', fields: ['fullName', 'dateOfBirth', 'faceImage', 'fingerprints'] } : e;
    days.forEach((day, d) => {
      for (const a of staff) {
        const n = 20 + (d % 3);
        // Usually one lookup in twenty outside any dossier; cb.sw.unx for three weeks (15 working days) about half.
        const explained = a === 'cb.sw.unx' && d >= 40 && d < 55 ? Math.round(n / 2) : n - 1;
        let day1 = dayOfLookups(a, unit, day, n, explained);
        // cb.sw.sens for two weeks: 12 of its lookups also return religion and the criminal record.
        if (a === 'cb.sw.sens' && d >= 45 && d < 55) day1 = day1.map((e, i) => (i < 12 ? { ...e, fields: [...(e.fields ?? []), 'religion', 'criminalRecord'] } : e));
        // An ID-card desk: its procedure needs the portrait and fingerprints.
        if (a === 'cb.sw.idcard') day1 = day1.map(biometric);
        events.push(...day1);
      }
      // A unit whose dossiers are mostly outside the rule (40% unexplained): its own and its peers' habit.
      habit.forEach((a) => events.push(...dayOfLookups(a, habitUnit, day, 20, 12)));
      // New staff from the 60th working day, at the unit's share.
      if (d >= 60) events.push(...dayOfLookups('cb.sw.new', unit, day, 20, 19));
    });
    await ingest(sut.app, operator, events);

    await sut.app.get(DetectionScan).scan(days[0], days[69]);
    await sut.app.get(DetectionScan).scan(days[30], days[69]);

    const alerts = (await alertsOf(sut.db.url, [...staff, ...habit, 'cb.sw.new'])).filter((a) => TYPES.includes(a.type));
    expect(alerts.map((a) => [a.type, a.account_ids])).toEqual([
      ['unexplained_lookups', ['cb.sw.unx']],
      ['sensitive_fields', ['cb.sw.sens']],
    ]);
    const [unx, sens] = alerts;
    expect(unx.occurrences).toBeGreaterThanOrEqual(2);
    expect(unx.evidence).toMatchObject({
      expected: { own: expect.closeTo(0.048, 2), peers: expect.closeTo(0.048, 2), threshold: 0.2 },
      peers: { group: 'unit_role', count: 6 },
      baseline: { judged: true, days: 40 },
      window: { workingDays: 10 },
    });
    expect((unx.evidence.observed as { share: number }).share).toBeGreaterThan(0.3);
    expect(unx.evidence.sampleEventIds).toHaveLength(5);
    expect(unx.evidence.explainedShare).toBeLessThan(0.7);
    expect(unx.explanation_vi).toMatch(
      /^Tài khoản cb\.sw\.unx: từ ngày \d\d\/\d\d\/2026 đến ngày \d\d\/\d\d\/2026 \(10 ngày làm việc\), \d+\/\d+ lượt tra cứu \(\d+%\) không được giải thích bởi hồ sơ của đơn vị .*, trong khi thường ngày của tài khoản là 5% và của đồng nghiệp cùng đơn vị, cùng vai trò là 5% \(6 người\)\.$/,
    );
    expect(sens.evidence).toMatchObject({ expected: { own: 0, peers: 0, threshold: 0.1 }, sensitiveFields: { religion: expect.any(Number), criminalRecord: expect.any(Number) } });
    expect(sens.severity).toBe('high'); // about 55% of lookups over ten days: more than three times the bound of 10%
    expect(sens.explanation_vi).toContain('trả về thông tin nhạy cảm mà thủ tục của hồ sơ không cần (tôn giáo, lý lịch tư pháp / tiền án)');
    // The alert's window runs from the start of the run's first window to its last flagged day.
    expect(unx.window_start.getTime()).toBeLessThan(new Date('2026-10-05T00:00:00+07:00').getTime());
  });
});
