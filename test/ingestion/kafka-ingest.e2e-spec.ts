import { readFileSync } from 'node:fs';
import request from 'supertest';
import { join } from 'node:path';
import { CONTRACTS_SOURCE_DIR } from '@app/contracts';
import { bootTestApp, TestApp } from '../utils/test-app';
import { testKafkaBrokers } from '../utils/test-database';
import { countStored, createTopic, eventually, lookupEvent, produce, sql, TEST_SUBJECT_KEY, testKafka } from './ingest.fixture';

describe('Kafka ingest', () => {
  const kafka = testKafka();
  let topic: string;
  let sut: TestApp;

  beforeAll(async () => {
    topic = await createTopic(kafka, 2);
    sut = await bootTestApp({
      ROLES: 'ingest',
      KAFKA_BROKERS: testKafkaBrokers(),
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: `g-${topic}`,
      KAFKA_DLQ_TOPIC: `${topic}.dlq`,
      SUBJECT_HASH_KEY: TEST_SUBJECT_KEY,
    });
  }, 120_000);
  afterAll(() => sut.close());

  it('stores redelivered events once, and keeps every invalid line of the contract examples as a rejection', async () => {
    const events = Array.from({ length: 300 }, (_, i) => lookupEvent(i));
    const invalid = readFileSync(join(CONTRACTS_SOURCE_DIR, 'examples', 'invalid-events.ndjson'), 'utf8').split('\n').filter(Boolean);
    await produce(kafka, topic, [...events.slice(0, 150), ...invalid, ...events.slice(150)]);
    await produce(kafka, topic, events.slice(0, 100)); // a producer retry / replay
    await eventually(async () => (await countStored(sut.db.url)) === 300, 45000, '300 stored events');
    await eventually(async () => (await sql(sut.db.url, 'SELECT 1 FROM ingest_rejection')).length === invalid.length, 15000, 'rejections');

    const rejections = await sql<{ reason: string; message: string; origin: { topic: string; offset: string } }>(
      sut.db.url,
      'SELECT reason, message, origin FROM ingest_rejection ORDER BY id',
    );
    expect(rejections.map((r) => r.origin.topic)).toEqual(invalid.map(() => topic));
    expect(rejections.map((r) => r.reason).sort()).toEqual(
      ['invalid_json', 'invalid_json', 'unsupported_schema_version', ...Array(6).fill('schema_violation')].sort(),
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(await countStored(sut.db.url)).toBe(300);

    let metrics = '';
    const duplicates = 'tthc_audit_ingest_events_total{source="kafka",outcome="duplicate"} 100';
    await eventually(async () => (metrics = (await request(sut.app.getHttpServer()).get('/metrics')).text).includes(duplicates), 15000, 'the replay');
    expect(metrics).toContain('tthc_audit_ingest_events_total{source="kafka",outcome="stored"} 300');
    expect(metrics).toContain('tthc_audit_ingest_rejections_total{reason="invalid_json"} 2');
    expect(metrics).toMatch(/^tthc_audit_kafka_consumer_lag\{partition="[01]"\} 0$/m);
    expect(metrics).toMatch(/^tthc_audit_ingest_batch_seconds_count\{source="kafka"\} [1-9]/m);
  }, 180_000);

  it('retries a batch while the store refuses it, commits nothing meanwhile, and stores it once the store is back', async () => {
    const events = Array.from({ length: 50 }, (_, i) => lookupEvent(i));
    const stored = async () =>
      Number((await sql<{ n: string }>(sut.db.url, 'SELECT count(*) AS n FROM query_event WHERE event_id = ANY($1)', [events.map((e) => e.eventId)]))[0].n);
    const admin = kafka.admin();
    await admin.connect();
    const committed = async () =>
      (await admin.fetchOffsets({ groupId: `g-${topic}`, topics: [topic] }))[0].partitions.map((p) => Number(p.offset)).reduce((a, b) => a + Math.max(0, b), 0);
    const endBefore = (await admin.fetchTopicOffsets(topic)).reduce((a, p) => a + Number(p.high), 0);
    await eventually(async () => (await committed()) === endBefore, 15000, 'earlier messages committed');
    // Every store claims its event ids first: the trigger refuses that claim and counts it in a sequence, which
    // (unlike a table) keeps its count when the refused transaction rolls back.
    await sql(sut.db.url, 'CREATE SEQUENCE test_store_attempts');
    await sql(
      sut.db.url,
      `CREATE FUNCTION test_refuse_store() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN PERFORM nextval('test_store_attempts'); RAISE EXCEPTION 'the store is down (test)'; END $$`,
    );
    await sql(sut.db.url, 'CREATE TRIGGER test_refuse_store BEFORE INSERT ON query_event_id FOR EACH STATEMENT EXECUTE FUNCTION test_refuse_store()');
    const attempts = async () => {
      const [row] = await sql<{ last_value: string; is_called: boolean }>(sut.db.url, 'SELECT last_value, is_called FROM test_store_attempts');
      return row.is_called ? Number(row.last_value) : 0;
    };
    try {
      await produce(kafka, topic, events);
      await eventually(async () => (await attempts()) >= 3, 30000, 'three refused attempts to store the batch');
      expect(await stored()).toBe(0);
      expect(await committed()).toBe(endBefore);
    } finally {
      await sql(sut.db.url, 'DROP TRIGGER test_refuse_store ON query_event_id');
    }
    await eventually(async () => (await stored()) === 50, 30000, 'the retried batch');
    await eventually(async () => (await committed()) === endBefore + 50, 15000, 'offsets committed after storing');
    await admin.disconnect();
  }, 180_000);
});
