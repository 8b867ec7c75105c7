import { createMigratedDatabase, testKafkaBrokers, TestDatabase } from '../utils/test-database';
import { ServiceProcess, spawnService } from '../utils/service-process';
import { chainProblems } from './chain-check.fixture';
import { countStored, createTopic, eventually, lookupEvent, produce, sql, TEST_SUBJECT_KEY, testKafka } from './ingest.fixture';

/** Many batches still to come at each kill, which follows the first stored batch (a few thousand events). */
const TOTAL = 40_000;
/** Generous: these tests start real processes and drain 40,000 events on a shared 2-core machine. */
const SLOW_MACHINE_MS = 300_000;
/** Consumer-group members in each replica process (KAFKA_CONSUMERS; the default is 2). */
const MEMBERS_PER_REPLICA = 2;

/** Ingest replicas as real OS processes, killed without warning (SIGKILL) mid-stream. */
describe('Kafka ingest when a replica is killed', () => {
  const kafka = testKafka();
  let db: TestDatabase;
  let topic: string;
  const running: ServiceProcess[] = [];

  const start = (): ServiceProcess => {
    const service = spawnService({
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      PORT: '0',
      ROLES: 'ingest',
      DATABASE_URL: db.url,
      KAFKA_BROKERS: testKafkaBrokers(),
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: `g-${topic}`,
      KAFKA_CONSUMERS: String(MEMBERS_PER_REPLICA),
      SUBJECT_HASH_KEY: TEST_SUBJECT_KEY,
    });
    running.push(service);
    return service;
  };
  const kill = async (service: ServiceProcess) => {
    service.child.kill('SIGKILL');
    await service.exited;
  };

  beforeEach(async () => {
    db = await createMigratedDatabase();
    topic = await createTopic(kafka, 4);
  }, 120_000);
  afterEach(async () => {
    for (const s of running.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) await kill(s);
    await db.drop();
  }, 60_000);

  const expectExactlyOnce = async (total = TOTAL) => {
    await eventually(async () => (await countStored(db.url)) >= total, SLOW_MACHINE_MS - 60_000, `${total} stored events`);
    await new Promise((r) => setTimeout(r, 1500)); // anything redelivered late would show now
    const [counts] = await sql<{ rows: string; ids: string; claimed: string }>(
      db.url,
      'SELECT (SELECT count(*) FROM query_event) AS rows, (SELECT count(DISTINCT event_id) FROM query_event) AS ids, (SELECT count(*) FROM query_event_id) AS claimed',
    );
    expect(counts).toEqual({ rows: String(total), ids: String(total), claimed: String(total) });
    expect(await chainProblems(db.url)).toEqual([]);
  };

  it('stores exactly 40,000 with a valid chain after SIGKILL mid-stream and a restart', async () => {
    await produce(kafka, topic, Array.from({ length: TOTAL }, (_, i) => lookupEvent(i)));
    const first = start();
    await eventually(async () => (await countStored(db.url)) > 0, 120_000, 'the first stored batch');
    await kill(first);
    const storedAtKill = await countStored(db.url);
    expect(storedAtKill).toBeLessThan(TOTAL);
    start();
    await expectExactlyOnce();
  }, SLOW_MACHINE_MS);

  it('stores exactly once when two replicas share the stream and one is killed', async () => {
    const [a, b] = [start(), start()];
    const admin = kafka.admin();
    await admin.connect();
    const sharing = async () => {
      const [group] = (await admin.describeGroups([`g-${topic}`])).groups;
      return group.state === 'Stable' && group.members.length === 2 * MEMBERS_PER_REPLICA;
    };
    await eventually(sharing, 120_000, 'both replicas sharing the partitions');
    await admin.disconnect();
    const events = Array.from({ length: TOTAL }, (_, i) => lookupEvent(i));
    const producing = produce(kafka, topic, events, 2000);
    await eventually(async () => (await countStored(db.url)) > 0, 120_000, 'the first stored batch');
    await kill(b);
    await producing;
    expect(a.child.exitCode).toBeNull();
    await expectExactlyOnce();
  }, SLOW_MACHINE_MS);

  it('on SIGTERM finishes the batch in flight, commits and exits 0; the restart stores the rest exactly once', async () => {
    const total = 20_000;
    await produce(kafka, topic, Array.from({ length: total }, (_, i) => lookupEvent(i)));
    const first = start();
    await eventually(async () => (await countStored(db.url)) > 0, 120_000, 'the first stored batch');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    start();
    await expectExactlyOnce(total);
  }, SLOW_MACHINE_MS);
});
