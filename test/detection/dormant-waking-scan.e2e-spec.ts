import { startOfLocalDay } from '@app/detection';
import type { TestEvent } from '../ingestion/ingest.fixture';
import { alertsOfType, detectionSuite, directoryAccount, sessionAt, workdaysBetween } from './day-detectors.fixture';

/** Detector 9 through the scan: a dormant account waking is one alert; leave, a return at the former pace and new staff are not. */
describe('dormant account waking scan', () => {
  const sut = detectionSuite('2026-10-20T09:00:00+07:00');
  const scan = sut.scan;

  it('73 silent days then four days at three times the former volume is one alert; leave, a return at the former pace and a new account are not', async () => {
    const unit = '000.00.41.H52';
    const [waker, leave, back, fresh, unused] = ['cb.dorm.waker', 'cb.dorm.leave', 'cb.dorm.back', 'cb.dorm.new', 'cb.dorm.unused'];
    const days = workdaysBetween('2026-06-01', '2026-09-25');
    const events: TestEvent[] = [];
    for (const day of days) {
      events.push(...sessionAt('cb.dorm.peer', unit, day, '08:00', 15));
      if (day < '2026-06-20') events.push(...sessionAt(waker, unit, day, '08:00', 20), ...sessionAt(back, unit, day, '08:00', 20));
      if (day >= '2026-09-01' && day <= '2026-09-08') events.push(...sessionAt(waker, unit, day, '09:00', 60, 40));
      if (day >= '2026-09-03') events.push(...sessionAt(back, unit, day, '09:00', 22));
      if (day < '2026-07-06' || day > '2026-08-10') events.push(...sessionAt(leave, unit, day, '08:00', 25)); // five weeks of leave
      if (day >= '2026-09-01') events.push(...sessionAt(fresh, unit, day, '08:00', 25));
      if (day >= '2026-09-07') events.push(...sessionAt(unused, unit, day, '14:00', 40, 10));
    }
    await sut.ingest(events);
    // Created in the directory long before the data: its silence since 1 June is observed.
    await directoryAccount(sut.url, unused, unit, { createdAt: '2025-03-01T00:00:00Z' });

    await scan('2026-08-20', '2026-09-05');
    await scan('2026-09-06', '2026-09-25');

    const alerts = await alertsOfType(sut.url, 'dormant_waking', [waker, leave, back, fresh, unused, 'cb.dorm.peer']);
    expect(alerts.map((a) => [a.account_ids, a.window_start, a.window_end, a.dedup_key])).toEqual([
      [[waker], startOfLocalDay('2026-09-01'), startOfLocalDay('2026-09-09'), 'dormant_waking:cb.dorm.waker:2026-09-01'],
      [[unused], startOfLocalDay('2026-09-07'), startOfLocalDay('2026-09-22'), 'dormant_waking:cb.dorm.unused:2026-09-07'],
    ]);
    const [alert, never] = alerts;
    expect(alert.occurrences).toBe(2); // one raise per scan block
    expect(alert.evidence).toMatchObject({
      wake: '2026-09-01',
      previousLookupDay: '2026-06-19',
      silentDays: 73,
      observed: { days: 4, lookups: 240, busiestDay: 60 },
      expected: { former: 20, threshold: 20 },
      withoutDossierShare: 0.333,
    });
    expect(alert.evidence.sampleEventIds).toHaveLength(5);
    expect(alert.severity).toBe('critical'); // 60 / 20 = 3: high; a third without dossiers: one step up
    expect(alert.explanation_vi).toBe(
      'Tài khoản cb.dorm.waker không tra cứu lần nào trong 73 ngày (từ 20/06/2026), rồi từ ngày 01/09/2026 có 240 lượt tra cứu trong 4 ngày, ' +
        'ngày nhiều nhất 60 lượt, gấp 3 lần mức trước đây (20 lượt/ngày); 33% lượt tra cứu không gắn hồ sơ. ' +
        'Cần xác minh người đang dùng tài khoản có đúng là chủ tài khoản, đã trở lại làm việc.',
    );
    expect(never.evidence).toMatchObject({ previousLookupDay: null, silentSince: '2026-06-01', silentDays: 98, expected: { former: null } });
  });
});
