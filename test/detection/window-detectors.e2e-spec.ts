import { ChainVerifier } from '@app/audit-trail';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { DetectionScan } from '@app/detection';
import { createTopic, produce, sql, TEST_SUBJECT_KEY, TestEvent, testKafka } from '../ingestion/ingest.fixture';
import { testKafkaBrokers } from '../utils/test-database';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { AlertRow, alertsOf, ingest } from './volume.fixture';
import { consecutiveIds, finding, localAt, lookupAt, scatteredId } from './window-detectors.fixture';

const DAY = '2026-11-16'; // a Monday
const env = { SUBJECT_HASH_KEY: TEST_SUBJECT_KEY, ROLES: 'api,jobs' };
const ACCOUNTS = ['cb.win.walker', 'cb.win.flood', 'cb.win.postal', 'cb.win.drive', 'cb.win.busy', 'cb.win.x1', 'cb.win.x2', 'cb.win.x3', 'cb.win.x4', 'cb.win.y1', 'cb.win.y2', 'cb.win.y3', 'cb.win.z1', 'cb.win.z2', 'cb.win.z3', 'svc.win.l1', 'svc.win.l2', 'svc.win.l3'];

/** One day of a province in miniature: the two kinds of enumeration, one citizen across four units, and the hard cases each must stay silent on. */
function dayOfEvents(): TestEvent[][] {
  const walk = consecutiveIds('052190012300', 150).map((id, i) =>
    lookupAt('cb.win.walker', '000.00.41.H52', localAt(DAY, 14) + i * 6_000, id, { result: i % 3 === 0 ? 'not_found' : 'success' }),
  );
  const flood = Array.from({ length: 230 }, (_, i) => lookupAt('cb.win.flood', '000.00.42.H52', localAt(DAY, 9) + i * 10_000, scatteredId(1, i)));
  // The busiest counter: 260 citizens in a day, each for a dossier of its unit.
  const postal = Array.from({ length: 260 }, (_, i) =>
    lookupAt('cb.win.postal', 'BC.52.01', localAt(DAY, 7.5) + i * 100_000, scatteredId(2, i), { dossierCode: `BC.52.01-2611-${i}` }),
  );
  // A school's ID-card drive: 60 consecutive numbers, every one for a dossier of the unit.
  const drive = consecutiveIds('052208001000', 60).map((id, i) =>
    lookupAt('cb.win.drive', '000.00.43.H52', localAt(DAY, 8) + i * 30_000, id, { dossierCode: `000.00.43.H52-2611-${i}` }),
  );
  // A busy ordinary day: 150 citizens, a few without a dossier.
  const busy = Array.from({ length: 150 }, (_, i) =>
    lookupAt('cb.win.busy', '000.00.44.H52', localAt(DAY, 8) + i * 150_000, scatteredId(3, i), i % 30 ? { dossierCode: `000.00.44.H52-2611-${i}` } : {}),
  );
  const x = '079185004211';
  const across = ['cb.win.x1', 'cb.win.x2', 'cb.win.x3', 'cb.win.x4'].map((a, i) => [lookupAt(a, `000.00.5${i}.H52`, localAt(DAY, 15) + i * 12 * 60_000, x)]);
  // Three units each for their own dossier; three accounts of one unit; three units spread over the day.
  const explained = ['cb.win.y1', 'cb.win.y2', 'cb.win.y3'].map((a, i) =>
    lookupAt(a, `000.00.6${i}.H52`, localAt(DAY, 10) + i * 60_000, '079185004299', { dossierCode: `000.00.6${i}.H52-2611-1` }),
  );
  const oneUnit = ['cb.win.z1', 'cb.win.z2', 'cb.win.z3'].map((a, i) => lookupAt(a, '000.00.70.H52', localAt(DAY, 10) + i * 60_000, '079185004288'));
  const spread = ['cb.win.y1', 'cb.win.y2', 'cb.win.y3'].map((a, i) => lookupAt(a, `000.00.6${i}.H52`, localAt(DAY, 8 + i * 4), '079185004277'));
  // An inter-system hand-over: one province dossier passes three units' links within minutes, each verifying the citizen.
  const handOver = ['svc.win.l1', 'svc.win.l2', 'svc.win.l3'].map((a, i) =>
    lookupAt(a, `000.00.7${i + 1}.H52`, localAt(DAY, 13) + i * 120_000, '079185004266', { action: 'verify', dossierCode: 'H52.99-261116-0042' }),
  );
  const chunks = (events: TestEvent[], size: number) => Array.from({ length: Math.ceil(events.length / size) }, (_, i) => events.slice(i * size, (i + 1) * size));
  // Sent as a stream would bring them: the walk and the flood over many batches, each look at citizen x in its own.
  return [...chunks([...postal, ...drive, ...busy, ...explained, ...oneUnit, ...spread, ...handOver], 500), ...chunks(flood, 40), ...chunks(walk, 25), ...across];
}

const TYPES = ['enumeration', 'cross_unit_citizen'];
const windowAlerts = async (app: TestApp): Promise<AlertRow[]> => (await alertsOf(app.db.url, ACCOUNTS)).filter((a) => TYPES.includes(a.type));
const byWindow = (rows: AlertRow[]) => rows.map(finding).sort((a, b) => a.type.localeCompare(b.type) || a.accountIds.join().localeCompare(b.accountIds.join()));

describe('window detectors (enumeration, one citizen across units): stream and back-fill', () => {
  const clock = new FixedClock(new Date('2026-12-20T09:00:00+07:00'));
  let live: TestApp;
  let backfill: TestApp;
  let liveAlerts: AlertRow[];

  beforeAll(async () => {
    // The back-fill instance stores with the stream detectors switched off (as after a crash right after commit).
    [live, backfill] = [await bootTestApp(env, { clock }), await bootTestApp({ ...env, DETECTION_STREAMING: 'false' }, { clock })];
    const batches = dayOfEvents();
    const liveToken = await bearerFor(live.app, Role.OPERATOR);
    for (const b of batches) await ingest(live.app, liveToken, b);
    liveAlerts = await windowAlerts(live);

    // The back-fill: the same events stored with no stream pass, then scanned.
    const token = await bearerFor(backfill.app, Role.OPERATOR);
    for (const b of batches) await ingest(backfill.app, token, b);
    expect(await windowAlerts(backfill)).toEqual([]);
  });
  afterAll(async () => {
    await live?.close();
    await backfill?.close();
  });

  it('streaming raises each finding as its batches are stored: a walk (critical), a flood (high), one citizen across four units; silent on the busiest counter, an ID drive, one unit, a spread day and an inter-system hand-over', async () => {
    expect(liveAlerts.map((a) => [a.type, a.severity, a.account_ids])).toEqual([
      ['enumeration', 'high', ['cb.win.flood']],
      ['enumeration', 'critical', ['cb.win.walker']],
      ['cross_unit_citizen', 'high', ['cb.win.x1', 'cb.win.x2', 'cb.win.x3', 'cb.win.x4']],
    ]);
    const [flood, walk, across] = liveAlerts;
    expect(walk.evidence).toMatchObject({
      rule: 'sequential',
      day: DAY,
      observed: { subjects: 150, lookups: 150, blocks: 2, notFound: 50, notFoundShare: 0.333, minutes: 15 },
      expected: { maxWindowSubjects: 30, windowMinutes: 60 },
      distinct: null,
      ownUnitDossierShare: 0,
      withoutDossierShare: 1,
    });
    expect(walk.evidence.sampleEventIds).toHaveLength(5);
    expect(walk.window_start).toEqual(new Date(localAt(DAY, 14)));
    expect(walk.explanation_vi).toBe(
      'Tài khoản cb.win.walker tra cứu 150 số định danh gần liền nhau (chỉ trong 2 dãy 100 số liên tiếp) từ 14:00 đến 14:14 ngày 16/11/2026 (15 phút), ' +
        'không gắn hồ sơ của đơn vị mình; 33% số tra cứu không có người mang; 0% lượt tra cứu trong khoảng này gắn hồ sơ của đơn vị. ' +
        'Đây là dấu hiệu dò quét lần lượt các số định danh.',
    );
    expect(flood.evidence).toMatchObject({ rule: 'distinct', observed: { subjects: 230, peakWindowSubjects: 230, notFoundShare: 0 }, sequential: null });
    expect(across.evidence).toMatchObject({
      rule: 'cross_unit_citizen',
      observed: { accounts: 4, units: 4, lookups: 4, minutes: 36 },
      units: ['000.00.50.H52', '000.00.51.H52', '000.00.52.H52', '000.00.53.H52'],
      expected: { minAccounts: 3, minUnits: 3, windowMinutes: 60 },
    });
    expect(across.evidence.subjectHashPrefix).toMatch(/^[0-9a-f]{12}$/);
    expect(JSON.stringify(across)).not.toContain('079185004211');
    expect(across.explanation_en).toContain('was looked up by 4 accounts of 4 different units (000.00.50.H52, 000.00.51.H52, 000.00.52.H52, 000.00.53.H52) from 15:00 to 15:36');
    // The third look raised it and the fourth widened it: one alert, updated.
    expect(across.occurrences).toBe(2);
  });

  it('a back-fill scanned afterwards raises exactly what the stream raised, and re-scans update instead of adding', async () => {
    const scan = () => backfill.app.get(DetectionScan).scan(DAY, DAY);
    expect(await windowAlerts(backfill)).toEqual([]);
    await scan();
    await scan();
    const scanned = await windowAlerts(backfill);
    expect(byWindow(scanned)).toEqual(byWindow(liveAlerts));
    expect(scanned.map((a) => a.occurrences)).toEqual([2, 2, 2]);

    await live.app.get(DetectionScan).scan(DAY, DAY);
    expect(byWindow(await windowAlerts(live))).toEqual(byWindow(liveAlerts));
  });

  it('stores the block hash beside each lookup, never the ID, and outside the chain: rows verify as before', async () => {
    const rows = await sql<{ blocks: string; with_block: string; lookups: string }>(
      backfill.db.url,
      `SELECT count(DISTINCT subject_block) AS blocks, count(subject_block) AS with_block, count(*) AS lookups FROM query_event WHERE account_id = 'cb.win.walker'`,
    );
    expect(rows[0]).toEqual({ blocks: '2', with_block: '150', lookups: '150' });
    const [{ n }] = await sql<{ n: string }>(backfill.db.url, `SELECT count(*) AS n FROM query_event q WHERE row_to_json(q)::text LIKE '%0521900123%'`);
    expect(n).toBe('0');
    expect(await backfill.app.get(ChainVerifier).verify()).toMatchObject({ ok: true });
  });
});

describe('window detectors on two replicas', () => {
  const clock = new FixedClock(new Date('2026-12-20T09:00:00+07:00'));
  let replicas: TestApp[];

  beforeAll(async () => {
    const first = await bootTestApp(env, { clock });
    replicas = [first, await bootTestApp(env, { clock, db: first.db })];
  });
  afterAll(async () => {
    for (const r of [...(replicas ?? [])].reverse()) await r.close();
  });

  it('batches stored at once by two replicas raise each finding once', async () => {
    const tokens = await Promise.all(replicas.map((r) => bearerFor(r.app, Role.OPERATOR)));
    const walk = consecutiveIds('052190055500', 80).map((id, i) => lookupAt('cb.rep.walker', '000.00.81.H52', localAt(DAY, 10) + i * 5_000, id));
    const across = ['cb.rep.a', 'cb.rep.b', 'cb.rep.c', 'cb.rep.d'].map((a, i) => lookupAt(a, `000.00.9${i}.H52`, localAt(DAY, 11) + i * 60_000, '079185007777'));
    await ingest(replicas[0].app, tokens[0], [...walk.slice(0, 40), ...across.slice(0, 2)]);
    // The rest at the same moment through both replicas: each one's stream pass finds both findings.
    await Promise.all([
      ingest(replicas[0].app, tokens[0], [...walk.slice(40, 60), across[2]]),
      ingest(replicas[1].app, tokens[1], [...walk.slice(60), across[3]]),
    ]);

    const alerts = (await alertsOf(replicas[0].db.url, ['cb.rep.walker', 'cb.rep.a'])).filter((a) => TYPES.includes(a.type));
    expect(alerts.map((a) => [a.type, a.account_ids.length])).toEqual([
      ['enumeration', 1],
      ['cross_unit_citizen', 4],
    ]);
    expect(alerts[0].evidence).toMatchObject({ observed: { subjects: 80 } });
  });
});

describe('window detectors through Kafka', () => {
  const clock = new FixedClock(new Date('2026-12-20T09:00:00+07:00'));
  let sut: TestApp;
  let topic: string;
  const kafka = testKafka();

  beforeAll(async () => {
    topic = await createTopic(kafka, 2);
    sut = await bootTestApp(
      { ...env, ROLES: 'api,ingest', KAFKA_BROKERS: testKafkaBrokers(), KAFKA_TOPIC: topic, KAFKA_GROUP_ID: `g-${topic}`, KAFKA_DLQ_TOPIC: `${topic}.dlq` },
      { clock },
    );
  });
  afterAll(() => sut?.close());

  /** Milliseconds from producing the events to the alert of that type being stored about the account. */
  async function secondsToAlert(events: TestEvent[], type: string, accountId: string): Promise<number> {
    const started = Date.now();
    await produce(kafka, topic, events);
    for (;;) {
      const [row] = await sql(sut.db.url, `SELECT 1 FROM alert WHERE type = $1 AND $2 = ANY (account_ids)`, [type, accountId]);
      if (row) return (Date.now() - started) / 1000;
      if (Date.now() - started > 30_000) throw new Error(`no ${type} alert about ${accountId} 30 s after producing`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  it('the lookup that completes a walk or a third unit is an alert within seconds of being produced', async () => {
    const walk = consecutiveIds('052190077700', 40).map((id, i) => lookupAt('cb.kafka.walker', '000.00.85.H52', localAt(DAY, 9) + i * 5_000, id));
    const across = ['cb.kafka.a', 'cb.kafka.b', 'cb.kafka.c'].map((a, i) => lookupAt(a, `000.00.8${i}.H52`, localAt(DAY, 11) + i * 60_000, '079185008888'));
    await produce(kafka, topic, [...walk.slice(0, 29), ...across.slice(0, 2)]);
    const walkSeconds = await secondsToAlert(walk.slice(29), 'enumeration', 'cb.kafka.walker');
    const acrossSeconds = await secondsToAlert(across.slice(2), 'cross_unit_citizen', 'cb.kafka.a');
    // The bound is 2 s at p95 on a quiet machine; a shared test machine gets some slack.
    expect(walkSeconds).toBeLessThan(5);
    expect(acrossSeconds).toBeLessThan(5);
    process.stdout.write(`[window-detectors] produced to alert: walk ${walkSeconds.toFixed(2)} s, one citizen across units ${acrossSeconds.toFixed(2)} s\n`);
  });
});
