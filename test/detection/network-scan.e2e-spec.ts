import { FixedClock } from '@app/common';
import { Role } from '@app/auth';
import { addDays, DetectionScan, startOfLocalDay, UnitNetworksAdminService } from '@app/detection';
import { TEST_SUBJECT_KEY, TestEvent } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { sessionFrom } from './network.fixture';
import { alertsOf, ingest, workingDays } from './volume.fixture';

/** Detector 8: foreign_network (day scan) and concurrent_networks (stream and day scan), on ingested events. */
describe('unusual network detection', () => {
  const clock = new FixedClock(new Date('2026-12-20T09:00:00+07:00'));
  let sut: TestApp;
  let operator: string;
  const scan = (from: string, to: string) => sut.app.get(DetectionScan).scan(from, to);
  const registered = '000.00.31.H52';
  const unregistered = '000.00.32.H52';
  const office = '000.00.33.H52';

  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY, ROLES: 'api,jobs' }, { clock });
    operator = await bearerFor(sut.app, Role.OPERATOR);
    await sut.app.get(UnitNetworksAdminService).replace(registered, [{ cidr: '10.31.0.0/16', label: 'LAN' }], 'test');
    await sut.app.get(UnitNetworksAdminService).replace(office, [{ cidr: '10.33.0.0/16', label: 'LAN' }], 'test');
  });
  afterAll(() => sut.close());
  beforeEach(() => clock.set('2026-12-20T09:00:00+07:00'));

  /** 10 lookups a working day, from the address ipOf(d) gives for day d. */
  const workDays = (accountId: string, unitCode: string, days: string[], ipOf: (d: number) => string): TestEvent[] =>
    days.flatMap((day, d) => sessionFrom(accountId, unitCode, day, '08:30', ipOf(d), 10, 600));

  it('three days from one outside address over two weeks are one foreign_network alert; a re-scan updates it', async () => {
    const days = workingDays('2026-10-12', 32);
    const outside = [20, 23, 29];
    await ingest(sut.app, operator, [
      ...workDays('cb.net.visitor', registered, days, (d) => (outside.includes(d) ? '203.0.113.45' : '10.31.2.5')),
      // Moves to another machine inside the unit's network; a colleague, every day at the office.
      ...workDays('cb.net.mover', registered, days, (d) => (d >= 20 ? '10.31.9.9' : '10.31.2.6')),
      ...workDays('cb.net.steady', registered, days, () => '10.31.2.7'),
    ]);

    await scan(days[0], days[31]);
    await scan(days[0], days[31]);

    const alerts = await alertsOf(sut.db.url, ['cb.net.visitor', 'cb.net.mover', 'cb.net.steady']);
    expect(alerts.map((a) => [a.type, a.severity, a.account_ids, a.window_start, a.window_end])).toEqual([
      ['foreign_network', 'high', ['cb.net.visitor'], startOfLocalDay(days[20]), startOfLocalDay(addDays(days[29], 1))],
    ]);
    const [alert] = alerts;
    // Each day of the episode and each scan raise it again: one alert, never a second.
    expect(alert.occurrences).toBeGreaterThanOrEqual(2);
    expect(alert.evidence).toMatchObject({
      network: '203.0.113.0/24',
      addresses: ['203.0.113.45'],
      firstDay: days[20],
      days: outside.map((d) => days[d]),
      unitHasNetworks: true,
      knownNetworks: { count: 1, networks: ['10.31.0.0/16'] },
      history: { days: 60, activeDays: 20 },
      lookups: 30,
      ownUnitDossierShare: 1,
      parameters: { historyDays: 60, minHistoryDays: 10, prefixV4: 24 },
    });
    expect(alert.evidence.sampleEventIds).toHaveLength(5);
    expect(alert.explanation_vi).toBe(
      `Tài khoản cb.net.visitor làm việc từ địa chỉ 203.0.113.45 (mạng 203.0.113.0/24) ngày 09/11/2026, 12/11/2026 và 20/11/2026: ` +
        'ngoài các mạng đã đăng ký của đơn vị và chưa từng dùng trong 60 ngày trước (trước đó dùng 1 mạng khác); 100% lượt tra cứu gắn hồ sơ của đơn vị. ' +
        'Cần xác minh ai đã dùng tài khoản từ nơi này.',
    );
    expect(alert.explanation_en).toContain("outside its unit's registered networks and never used in the 60 days before");
  });

  it('a unit without registered networks: a move of office is silent, a day from elsewhere is raised (medium) once its week is over', async () => {
    const days = workingDays('2026-10-12', 32);
    await ingest(sut.app, operator, [
      ...workDays('cb.net.moved', unregistered, days, (d) => (d >= 20 ? '192.168.77.5' : '192.168.40.10')),
      ...workDays('cb.net.home', unregistered, days, (d) => (d === 22 ? '203.0.113.99' : '192.168.40.11')),
    ]);

    clock.set(`${addDays(days[22], 3)}T09:00:00+07:00`); // the day from home is closed, its confirm week is not
    await scan(days[0], days[22]);
    expect(await alertsOf(sut.db.url, ['cb.net.moved', 'cb.net.home'])).toEqual([]);

    clock.set('2026-12-20T09:00:00+07:00');
    await scan(days[0], days[31]);
    const alerts = await alertsOf(sut.db.url, ['cb.net.moved', 'cb.net.home']);
    expect(alerts.map((a) => [a.type, a.severity, a.account_ids, a.window_start])).toEqual([['foreign_network', 'medium', ['cb.net.home'], startOfLocalDay(days[22])]]);
    expect(alerts[0].evidence).toMatchObject({ unitHasNetworks: false, confirm: { days: 7, activeDays: 5, daysOnNetwork: 1 }, knownNetworks: { networks: ['192.168.40.0/24'] } });
    expect(alerts[0].explanation_vi).toContain('chưa từng dùng trong 60 ngày trước (trước đó dùng 1 mạng khác) (đơn vị chưa đăng ký mạng nào)');
  });

  it('two networks interleaved are a concurrent_networks alert as the batch is stored, and back-filling the day gives the same alert', async () => {
    const day = '2026-11-24';
    clock.set(`${day}T18:00:00+07:00`);
    const shared = [...sessionFrom('cb.net.shared', office, day, '09:00', '10.33.2.8', 30), ...sessionFrom('cb.net.shared', office, day, '09:06', '198.51.100.23', 25, 150)];
    // Office until 10:00, then a 4G hotspot from 10:20: a laptop moving, not two places at once.
    const laptop = [...sessionFrom('cb.net.laptop', office, day, '08:00', '10.33.2.9', 30), ...sessionFrom('cb.net.laptop', office, day, '10:20', '27.72.1.9', 30)];
    // In three batches, out of order: the stream judges the whole day from the store each time.
    const all = [...shared, ...laptop].sort((a, b) => a.eventId.localeCompare(b.eventId));
    for (let i = 0; i < 3; i++) await ingest(sut.app, operator, all.filter((_, j) => j % 3 === i));

    const live = await alertsOf(sut.db.url, ['cb.net.shared', 'cb.net.laptop']);
    expect(live.map((a) => [a.type, a.severity, a.account_ids, a.window_start])).toEqual([['concurrent_networks', 'high', ['cb.net.shared'], startOfLocalDay(day)]]);
    expect(live[0].evidence).toMatchObject({
      day,
      overlap: { minutes: 52 }, // 09:06 to 09:58, the office's last event
      networks: [
        { network: '10.33.0.0/16', inside: true, addresses: ['10.33.2.8'], events: 27 },
        { network: '198.51.100.0/24', inside: false, addresses: ['198.51.100.23'], events: 21 },
      ],
      unitHasNetworks: true,
    });
    expect(live[0].explanation_vi).toBe(
      'Tài khoản cb.net.shared hoạt động cùng lúc từ hai nơi ngày 24/11/2026: từ 09:06 đến 09:58 (52 phút), 27 thao tác từ 10.33.2.8 ' +
        '(mạng đã đăng ký của đơn vị) xen kẽ với 21 thao tác từ 198.51.100.23 (ngoài mạng của đơn vị). Một người không làm việc ở hai nơi một lúc: ' +
        'tài khoản có thể đang được dùng chung hoặc đã lộ mật khẩu.',
    );

    clock.set('2026-12-20T09:00:00+07:00');
    const outcome = await scan(day, day);
    expect(outcome.findings).toMatchObject({ concurrent_networks: 1 });
    const backFilled = await alertsOf(sut.db.url, ['cb.net.shared', 'cb.net.laptop']);
    expect(backFilled).toHaveLength(1);
    expect(backFilled[0].evidence).toEqual(live[0].evidence);
    expect(backFilled[0].explanation_vi).toBe(live[0].explanation_vi);
    expect(backFilled[0].occurrences).toBe(live[0].occurrences + 1);
  });
});
