import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { Client } from 'pg';
import { testKafkaBrokers } from '../utils/test-database';

/** A configured hash key, so tests never write a generated one into the repository's data folder. */
export const TEST_SUBJECT_KEY = 'test-subject-hash-key-0123456789abcdef';

/** A fresh, random 12-digit personal ID (each test run uses its own, for the clear-ID scan). */
export const subjectId = (): string => (BigInt('0x' + randomBytes(8).toString('hex')) % 10n ** 12n).toString().padStart(12, '0');

export interface TestEvent {
  schemaVersion: number;
  eventId: string;
  occurredAt: string;
  accountId: string;
  clientIp: string;
  sourceSystem: string;
  action: string;
  subjectId?: string | null;
  fields?: string[];
  [extra: string]: unknown;
}

/** A contract-valid lookup event; i spreads events over accounts and minutes. */
export function lookupEvent(i: number, overrides: Partial<TestEvent> = {}): TestEvent {
  const at = new Date(Date.UTC(2026, 10, 20, 1, 0, 0) + i * 1000);
  return {
    schemaVersion: 1,
    eventId: `evt-${randomUUID()}`,
    occurredAt: at.toISOString().replace('Z', '+00:00'),
    accountId: `cb.test.${i % 7}`,
    clientIp: `10.0.${i % 250}.${(i * 7) % 250}`,
    sourceSystem: 'igate',
    action: 'lookup',
    subjectId: subjectId(),
    fields: ['fullName', 'dateOfBirth'],
    ...overrides,
  };
}

export const testKafka = (): Kafka =>
  new Kafka({ clientId: 'ingest-test', brokers: testKafkaBrokers().split(','), logLevel: logLevel.NOTHING });

export async function createTopic(kafka: Kafka, partitions = 1): Promise<string> {
  const topic = `ingest-${randomUUID()}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  await admin.disconnect();
  return topic;
}

/** Sends values keyed by accountId (as the contract asks), in chunks. */
export async function produce(kafka: Kafka, topic: string, values: (string | TestEvent)[], chunk = 5000): Promise<void> {
  const producer = kafka.producer();
  await producer.connect();
  for (let i = 0; i < values.length; i += chunk) {
    await producer.send({
      topic,
      messages: values.slice(i, i + chunk).map((v) => ({
        key: typeof v === 'string' ? null : v.accountId,
        value: typeof v === 'string' ? v : JSON.stringify(v),
      })),
    });
  }
  await producer.disconnect();
}

/** Runs one query on the test database. */
export async function sql<T = Record<string, unknown>>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text, params)).rows as T[];
  } finally {
    await client.end();
  }
}

export async function countStored(url: string): Promise<number> {
  const [row] = await sql<{ n: string }>(url, 'SELECT count(*) AS n FROM query_event');
  return Number(row.n);
}

/** Polls until check() is true or the time is up. */
export async function eventually(check: () => Promise<boolean>, timeoutMs = 45000, what = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Timed out waiting for ${what}`);
}
