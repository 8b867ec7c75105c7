import { startOfLocalDay } from '@app/detection';
import { lookupEvent, TestEvent } from '../ingestion/ingest.fixture';
import { alertsOfType, detectionSuite, sessionAt, workdaysBetween } from './day-detectors.fixture';

/** An export of subjectCount citizens by an account at 15:00 on a local day. */
const exportOn = (accountId: string, unitCode: string, day: string, subjectCount: number): TestEvent => ({
  ...lookupEvent(0, { accountId, unitCode, occurredAt: new Date(startOfLocalDay(day).getTime() + 15 * 3_600_000).toISOString() }),
  action: 'export',
  subjectId: undefined,
  subjectCount,
});

/** Detector 11 through the scan: three huge exports in a week are one alert; an account's habit and small exports are not. */
describe('bulk export scan', () => {
  const sut = detectionSuite('2026-10-20T09:00:00+07:00');
  const scan = sut.scan;

  it("exports of 80,000, 120,000 and 60,000 citizens in a week are one bulk_export alert; a statistician's usual 20,000 and a 4,000 list are not", async () => {
    const unit = '000.00.61.H52';
    const [bulk, habit, small] = ['cb.exp.bulk', 'cb.exp.habit', 'cb.exp.small'];
    const peers = ['cb.exp.p1', 'cb.exp.p2', 'cb.exp.p3', 'cb.exp.p4'];
    const days = workdaysBetween('2026-06-01', '2026-09-25');
    const events: TestEvent[] = [];
    days.forEach((day, d) => {
      for (const a of [bulk, habit, small, ...peers]) events.push(...sessionAt(a, unit, day, '08:00', 5));
      peers.forEach((a, i) => d % 10 === i && events.push(exportOn(a, unit, day, 500 + 700 * i)));
      if (d % 10 === 5) events.push(exportOn(habit, unit, day, 20_000 + 100 * d));
    });
    events.push(exportOn(small, unit, '2026-09-09', 4_000));
    events.push(exportOn(bulk, unit, '2026-09-08', 80_000), exportOn(bulk, unit, '2026-09-10', 70_000), exportOn(bulk, unit, '2026-09-10', 50_000));
    events.push(exportOn(bulk, unit, '2026-09-15', 60_000));
    await sut.ingest(events);

    await scan('2026-09-01', '2026-09-09');
    await scan('2026-09-10', '2026-09-25');
    await scan('2026-09-01', '2026-09-25');

    const alerts = await alertsOfType(sut.url, 'bulk_export', [bulk, habit, small, ...peers]);
    expect(alerts.map((a) => [a.account_ids, a.window_start, a.window_end, a.dedup_key])).toEqual([
      [[bulk], startOfLocalDay('2026-09-08'), startOfLocalDay('2026-09-16'), 'bulk_export:cb.exp.bulk:2026-09-08'],
    ]);
    const [alert] = alerts;
    expect(alert.occurrences).toBe(3);
    expect(alert.evidence).toMatchObject({
      from: '2026-09-08',
      to: '2026-09-15',
      day: '2026-09-10',
      observed: { exportedSubjects: 120_000, exports: 2, episodeExportedSubjects: 260_000, episodeExports: 4, days: 3 },
      own: { judged: false },
      peers: { group: 'unit_role' },
    });
    expect((alert.evidence.largestExports as { subjectCount: number }[]).map((e) => e.subjectCount)).toEqual([80_000, 70_000, 60_000, 50_000]);
    expect(alert.severity).toBe('high'); // 120,000 / 19,000 = 6.3
    expect(alert.explanation_vi).toBe(
      'Tài khoản cb.exp.bulk xuất dữ liệu của 260.000 công dân (4 lần xuất) từ ngày 08/09/2026 đến ngày 15/09/2026 trong 3 ngày, ngày nhiều nhất 120.000, ' +
        'gấp 63 lần mức đồng nghiệp cùng đơn vị, cùng vai trò thường xuất (1.900 công dân một ngày); trước đó tài khoản chưa từng xuất dữ liệu lớn như vậy. ' +
        'Cần xác minh mục đích và nơi lưu giữ dữ liệu đã xuất.',
    );
    expect(alert.explanation_en).toContain('exported the data of 260,000 citizens (4 exports) from 8 Sept 2026 to 15 Sept 2026');
  });
});
