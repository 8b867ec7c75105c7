import { startOfLocalDay } from '@app/detection';
import type { TestEvent } from '../ingestion/ingest.fixture';
import { alertsOfType, detectionSuite, directoryAccount, sessionAt, workdaysBetween } from './day-detectors.fixture';

/** Detector 5 through the scan, on ingested events: an off-hours episode is one alert; the habitual and the unit's are not. */
describe('off-hours detection scan', () => {
  const sut = detectionSuite('2026-10-20T09:00:00+07:00');
  const scan = sut.scan;

  it('nights, a Sunday and Quốc khánh over two weeks are one off_hours alert; staying late, a routine evening and two evenings are not', async () => {
    const unit = '000.00.31.H52';
    const [night, late, habit, evening] = ['cb.off.night', 'cb.off.late', 'cb.off.habit', 'cb.off.evening'];
    const others = ['cb.off.b', 'cb.off.c', 'cb.off.d'];
    const days = workdaysBetween('2026-06-29', '2026-09-25'); // 2 and 3 September are Quốc khánh
    const events: TestEvent[] = [];
    for (const day of days) {
      for (const a of [night, late, habit, evening, ...others]) events.push(...sessionAt(a, unit, day, '08:00', 15));
      events.push(...sessionAt(late, unit, day, '17:10', 6)); // half an hour late every day: inside the grace
      events.push(...sessionAt(habit, unit, day, '18:30', 6)); // every evening, for months: the account's habit
    }
    for (const day of ['2026-09-08', '2026-09-10']) events.push(...sessionAt(evening, unit, day, '19:00', 8));
    events.push(
      ...sessionAt(night, unit, '2026-09-01', '22:00', 20, 10),
      ...sessionAt(night, unit, '2026-09-02', '10:00', 25, 12),
      ...sessionAt(night, unit, '2026-09-06', '09:00', 20, 10),
      ...sessionAt(night, unit, '2026-09-08', '22:30', 30, 15),
      ...sessionAt(night, unit, '2026-09-15', '23:00', 15, 8),
    );
    // A new integration account verifying citizens' online applications at night, every night: not an official's off-hours.
    for (const day of days) if (day >= '2026-08-24') events.push(...sessionAt('svc.off.igate', unit, day, '23:00', 20));
    await sut.ingest(events);
    await directoryAccount(sut.url, 'svc.off.igate', unit, { accountType: 'service' });

    // Day by day in two runs (as the daily job), then the whole period again: still one alert.
    await scan('2026-08-31', '2026-09-10');
    await scan('2026-09-11', '2026-09-25');
    await scan('2026-08-31', '2026-09-25');

    const alerts = await alertsOfType(sut.url, 'off_hours', [night, late, habit, evening, ...others, 'svc.off.igate']);
    expect(alerts.map((a) => [a.account_ids, a.window_start, a.window_end, a.dedup_key])).toEqual([
      [[night], startOfLocalDay('2026-09-01'), startOfLocalDay('2026-09-16'), 'off_hours:cb.off.night:2026-09-06'],
    ]);
    const [alert] = alerts;
    expect(alert.occurrences).toBe(3);
    expect(alert.evidence).toMatchObject({
      from: '2026-09-01',
      to: '2026-09-15',
      observed: { lookups: 110, days: 5, nights: 3, sundays: 1, holidays: 1, holidayNames: ['Quốc khánh'] },
      expected: { habit: 0, peers: 0, threshold: 30 },
      peers: { group: 'unit', count: 6 },
      offHoursLookups: 110,
      withoutDossierShare: 0.5,
    });
    expect(alert.evidence.sampleEventIds).toHaveLength(5);
    expect(alert.severity).toBe('critical'); // 210 weighted / 30 = 7 (high), half without dossiers: one step up
    expect(alert.explanation_vi).toBe(
      'Tài khoản cb.off.night có 110 lượt tra cứu ngoài giờ làm việc trong 5 ngày, từ ngày 01/09/2026 đến ngày 15/09/2026: ' +
        '3 đêm (22h-6h), 1 Chủ nhật, 1 ngày lễ, ngày nghỉ (Quốc khánh); thường ngày tài khoản không tra cứu ngoài giờ, ' +
        'đồng nghiệp cùng đơn vị 0 lượt (trung vị, 6 người); 50% lượt tra cứu ngoài giờ không gắn hồ sơ.',
    );
    expect(alert.explanation_en).toContain('made 110 lookups outside working hours on 5 days from 1 Sept 2026 to 15 Sept 2026');
  });

  it('a unit whose members all work on Saturday mornings (its hours not configured) raises nothing', async () => {
    const unit = '000.00.32.H52';
    const members = ['cb.sat.a', 'cb.sat.b', 'cb.sat.c', 'cb.sat.d'];
    const events: TestEvent[] = [];
    for (const day of workdaysBetween('2026-07-27', '2026-09-25')) for (const a of members) events.push(...sessionAt(a, unit, day, '08:00', 12));
    for (let d = '2026-08-01'; d <= '2026-09-26'; d = new Date(Date.parse(d) + 7 * 86_400_000).toISOString().slice(0, 10))
      for (const a of members) events.push(...sessionAt(a, unit, d, '08:00', 10));
    await sut.ingest(events);

    await scan('2026-08-31', '2026-09-26');

    expect(await alertsOfType(sut.url, 'off_hours', members)).toEqual([]);
  });
});
