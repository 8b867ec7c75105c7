import { startOfLocalDay } from '@app/detection';
import type { TestEvent } from '../ingestion/ingest.fixture';
import { alertsOfType, detectionSuite, sessionAt, workdaysBetween } from './day-detectors.fixture';

/** Detector 4 through the scan: a climb over weeks is one alert; one step up and a whole unit rising are not. */
describe('gradual growth scan', () => {
  const sut = detectionSuite('2026-10-20T09:00:00+07:00');
  const scan = sut.scan;

  it('15 a day climbing to 70 over eight weeks is one gradual_growth alert; a step from 15 to 45 and a unit rising together are not', async () => {
    const [unit, busyUnit] = ['000.00.51.H52', '000.00.52.H52'];
    const [climber, step] = ['cb.grow.climber', 'cb.grow.step'];
    const peers = ['cb.grow.p1', 'cb.grow.p2', 'cb.grow.p3', 'cb.grow.p4'];
    const season = ['cb.season.a', 'cb.season.b', 'cb.season.c', 'cb.season.d'];
    const days = workdaysBetween('2026-06-01', '2026-09-25');
    const climbFrom = days.indexOf('2026-07-06');
    const climb = (d: number, from: number, to: number) => Math.round(from + (to - from) * Math.min(1, Math.max(0, (d - climbFrom) / 40)));
    const events: TestEvent[] = [];
    days.forEach((day, d) => {
      peers.forEach((a, i) => events.push(...sessionAt(a, unit, day, '08:00', 14 + ((i + d) % 5))));
      events.push(...sessionAt(climber, unit, day, '08:00', climb(d, 15, 70) + (d % 3) - 1));
      events.push(...sessionAt(step, unit, day, '08:00', day < '2026-08-03' ? 15 + (d % 3) : 45 + (d % 3)));
      season.forEach((a, i) => events.push(...sessionAt(a, busyUnit, day, '08:00', climb(d, 15 + i, 50 + i))));
    });
    await sut.ingest(events);

    await scan('2026-07-01', '2026-08-15');
    await scan('2026-08-16', '2026-09-25');
    await scan('2026-07-01', '2026-09-25');

    const alerts = await alertsOfType(sut.url, 'gradual_growth', [climber, step, ...peers, ...season]);
    expect(alerts.map((a) => a.account_ids)).toEqual([[climber]]);
    const [alert] = alerts;
    // First raised on 13 August, five and a half weeks into the climb; every later day (and re-scan) updates it.
    expect([alert.dedup_key, alert.window_start, alert.window_end]).toEqual(['gradual_growth:cb.grow.climber:2026-08-13', startOfLocalDay('2026-07-31'), startOfLocalDay('2026-09-19')]);
    expect(alert.occurrences).toBe(5); // one raise per scan block
    expect(alert.evidence).toMatchObject({
      day: '2026-08-28', // the strongest day so far
      latestDay: '2026-09-18',
      risingSteps: 4,
      observed: { recentMedian: 62.5, ratio: 3.91 },
      expected: { earlierMedian: 16 },
      unit: { count: 5, medianRatio: 1 },
      withoutDossierShare: 0,
    });
    expect(alert.evidence.blocks).toEqual([
      { from: '2026-06-20', to: '2026-07-03', median: 15 },
      { from: '2026-07-04', to: '2026-07-17', median: 21.5 },
      { from: '2026-07-18', to: '2026-07-31', median: 35 },
      { from: '2026-08-01', to: '2026-08-14', median: 49 },
      { from: '2026-08-15', to: '2026-08-28', median: 62.5 },
    ]);
    expect(alert.severity).toBe('medium');
    expect(alert.explanation_vi).toBe(
      'Tài khoản cb.grow.climber tra cứu ngày càng nhiều qua nhiều tuần: trung vị 2 tuần gần nhất (đến 28/08/2026) là 62,5 lượt/ngày, ' +
        'gấp 3,9 lần 6-10 tuần trước đó (16), tăng đều khoảng 6,1 lượt mỗi tuần, không có ngày nào tăng đột biến; ' +
        'đồng nghiệp cùng đơn vị không tăng như vậy (gấp 1 lần, 5 người); 0% lượt tra cứu không gắn hồ sơ.',
    );
  });
});
