import { simulate } from '@app/gateway-simulator';
import {
  countStored,
  createTopic,
  eventually,
  sql,
  TEST_SUBJECT_KEY,
  testKafka,
} from '../ingestion/ingest.fixture';
import { bootTestApp, TestApp } from '../utils/test-app';
import { testKafkaBrokers } from '../utils/test-database';

/** The path the detection-quality run takes: the labelled province through the real broker into the store. */
describe('labelled province → Kafka → audit service', () => {
  const kafka = testKafka();
  let topic: string;
  let sut: TestApp;

  beforeAll(async () => {
    topic = await createTopic(kafka, 3);
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

  it('stores every event of a hard-mix province (its first 8,000), none rejected', async () => {
    const summary = await simulate({
      to: 'kafka',
      brokers: testKafkaBrokers().split(','),
      topic,
      count: 8000,
      mix: 'hard',
      seed: 'labelled-kafka',
      scale: 0.2,
      progress: null,
    });
    expect(summary.events).toBe(8000);
    await eventually(async () => (await countStored(sut.db.url)) === 8000, 60_000, '8,000 stored events');
    expect(await sql(sut.db.url, 'SELECT reason, message FROM ingest_rejection')).toEqual([]);
  }, 180_000);
});
