import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import { CompressionTypes } from 'kafkajs';
import { Role } from '@app/auth';
import { IngestService } from '@app/ingestion';
import { compressionTypeOf, registerCompressionCodecs } from '@app/kafka';
import { KafkaEventOutput } from '../../apps/gateway-simulator/src/outputs/kafka-output.service';
import { bearerFor } from '../utils/auth';
import { runCli } from '../utils/cli-process';
import { dumpLogSegments, produceWithJava } from '../utils/java-kafka';
import { bootTestApp, TestApp } from '../utils/test-app';
import { countStored, eventually, lookupEvent, sql, TEST_SUBJECT_KEY } from './ingest.fixture';
import { Kafka, logLevel } from 'kafkajs';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { startKafkaBroker } = require('../env/kafka-broker');

interface Broker {
  brokers: string;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

const CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const;

/**
 * What real producers send and what goes wrong in production, against a broker of this file's own (its log
 * segments are corrupted and its process frozen here): every codec from Apache Kafka's Java producer, an
 * undecodable batch that stops only its partition until an operator skips it, a member that crashes and
 * rejoins, and a broker that stops answering.
 */
describe('Kafka ingest resilience', () => {
  let broker: Broker;
  let kafka: Kafka;
  const apps: TestApp[] = [];

  beforeAll(async () => {
    broker = await startKafkaBroker({ log: () => undefined });
    kafka = new Kafka({ clientId: 'resilience-test', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
  }, 120_000);
  afterAll(async () => {
    for (const app of apps) await app.close().catch(() => undefined);
    await broker?.stop();
  });

  async function topicWith(partitions: number): Promise<string> {
    const topic = `res-${Math.random().toString(36).slice(2, 10)}`;
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
    await admin.disconnect();
    return topic;
  }

  async function boot(topic: string, env: Record<string, string> = {}): Promise<TestApp> {
    const app = await bootTestApp({
      ROLES: 'api,ingest',
      KAFKA_BROKERS: broker.brokers,
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: `g-${topic}`,
      KAFKA_DLQ_TOPIC: `${topic}.dlq`,
      KAFKA_CONSUMERS: '1',
      SUBJECT_HASH_KEY: TEST_SUBJECT_KEY,
      ...env,
    });
    apps.push(app);
    return app;
  }

  const ready = (app: TestApp) => request(app.app.getHttpServer()).get('/health/ready');
  const metrics = async (app: TestApp) => (await request(app.app.getHttpServer()).get('/metrics')).text;

  it('stores exactly once what the Java producer sends with gzip, snappy, lz4 and zstd', async () => {
    const topic = await topicWith(1);
    const sut = await boot(topic, { KAFKA_COMPRESSION: 'zstd' });
    const byCodec = Object.fromEntries(CODECS.map((codec, c) => [codec, Array.from({ length: 400 }, (_, i) => lookupEvent(c * 1000 + i))]));
    for (const codec of CODECS) {
      await produceWithJava(broker.brokers, topic, byCodec[codec].map((e) => ({ key: e.accountId, value: JSON.stringify(e) })), codec);
    }
    await eventually(async () => (await countStored(sut.db.url)) === 1600, 60_000, '1,600 stored events');
    for (const codec of CODECS) {
      const ids = byCodec[codec].map((e) => e.eventId);
      const [{ n }] = await sql<{ n: string }>(sut.db.url, 'SELECT count(*) AS n FROM query_event WHERE event_id = ANY($1)', [ids]);
      expect({ codec, stored: Number(n) }).toEqual({ codec, stored: 400 });
    }
    // The broker holds the batches as the producer compressed them: each codec really went over the wire.
    const dump = await dumpLogSegments(join(broker.dataDir, `${topic}-0`));
    expect(new Set([...dump.matchAll(/compresscodec: (\w+)/g)].map((m) => m[1].toLowerCase()))).toEqual(new Set(CODECS));

    // What the service produces uses the configured codec: a rejected record goes to the dead-letter topic in zstd.
    await produceWithJava(broker.brokers, topic, [{ key: 'x', value: '{"not":"an event"}' }], 'lz4');
    await eventually(async () => (await sql(sut.db.url, 'SELECT 1 FROM ingest_rejection')).length === 1, 30_000, 'the rejection');
    await eventually(async () => /compresscodec: zstd/i.test(await dumpLogSegments(join(broker.dataDir, `${topic}.dlq-0`)).catch(() => '')), 30_000, 'the dead letter');
  }, 240_000);

  it('consumes what the gateway simulator produces with each codec', async () => {
    registerCompressionCodecs();
    const topic = await topicWith(1);
    const sut = await boot(topic);
    for (const [c, codec] of CODECS.entries()) {
      const output = new KafkaEventOutput({ brokers: [broker.brokers], topic, compression: codec });
      await output.open();
      await output.write(Array.from({ length: 100 }, (_, i) => lookupEvent(5000 + c * 100 + i)) as never);
      await output.close();
    }
    await eventually(async () => (await countStored(sut.db.url)) === 400, 60_000, '400 stored events');
    const dump = await dumpLogSegments(join(broker.dataDir, `${topic}-0`));
    expect(new Set([...dump.matchAll(/compresscodec: (\w+)/g)].map((m) => m[1].toLowerCase()))).toEqual(new Set(CODECS));
    expect(compressionTypeOf('lz4')).toBe(CompressionTypes.LZ4);
  }, 120_000);

  it('stops only the partition of an undecodable batch, says why, and moves past it on an operator order', async () => {
    const topic = await topicWith(2);
    const producer = kafka.producer();
    await producer.connect();
    const send = async (partition: number, from: number) =>
      producer.send({
        topic,
        compression: CompressionTypes.GZIP,
        messages: Array.from({ length: 10 }, (_, i) => lookupEvent(from + i)).map((e) => ({ partition, key: e.accountId, value: JSON.stringify(e) })),
      });
    await send(0, 0); // offsets 0-9
    await send(0, 10); // offsets 10-19: corrupted below
    await send(0, 20); // offsets 20-29
    await send(1, 100);
    await send(1, 110);
    await producer.disconnect();
    corruptBatch(join(broker.dataDir, `${topic}-0`, '00000000000000000000.log'), 10n);

    const sut = await boot(topic);
    await eventually(async () => (await countStored(sut.db.url)) === 30, 60_000, 'the first batch of partition 0 and all of partition 1');
    const stopped = await waitFor(async () => {
      const res = await ready(sut);
      return res.status === 503 && JSON.stringify(res.body).includes(`${topic}[0] is stopped at offset 10`) ? res : null;
    }, 30_000, 'readiness naming the stopped partition');
    expect(JSON.stringify(stopped.body)).toContain('a gzip record batch of 10 records cannot be decoded (unknown compression method)');
    expect(await metrics(sut)).toMatch(/^tthc_audit_kafka_partitions_stopped 1$/m);
    expect(await metrics(sut)).toMatch(/^tthc_audit_ingest_ready 0$/m);

    const operator = await bearerFor(sut.app, Role.OPERATOR);
    const listed = await request(sut.app.getHttpServer()).get('/v1/ingest/stuck-batches').set('Authorization', operator).expect(200);
    expect(listed.body).toEqual([
      expect.objectContaining({ topic, partition: 0, firstOffset: '10', lastOffset: '19', recordCount: 10, codec: 'gzip', skipRequestedAt: null }),
    ]);
    expect(listed.body[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    const reviewer = await bearerFor(sut.app, Role.REVIEWER);
    await request(sut.app.getHttpServer())
      .post(`/v1/ingest/stuck-batches/${listed.body[0].id}/skip`)
      .set('Authorization', reviewer)
      .send({ reason: 'not a reviewer decision' })
      .expect(403);
    await new Promise((r) => setTimeout(r, 3000));
    expect(await countStored(sut.db.url)).toBe(30); // held while nobody has decided

    const skip = await runCli(['ingest:skip-batch', listed.body[0].id, '--reason', 'corrupted on the broker; re-sent by the gateway'], {
      DATABASE_URL: sut.db.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SUBJECT_HASH_KEY: TEST_SUBJECT_KEY,
    });
    expect(skip).toMatchObject({ code: 0 });
    expect(skip.stdout).toContain('skip ordered by system:cli');
    await eventually(async () => (await countStored(sut.db.url)) === 40, 30_000, 'the batch after the skipped one');
    await eventually(async () => (await ready(sut)).status === 200, 30_000, 'ready again');
    const [row] = await sql<{ skipped_at: Date | null }>(sut.db.url, 'SELECT skipped_at FROM ingest_stuck_batch');
    expect(row.skipped_at).not.toBeNull();
    const logged = await sql<{ target: string; actor_name: string; details: { reason: string } }>(
      sut.db.url,
      `SELECT target, actor_name, details FROM security_event WHERE type = 'ingest.batch-skip-ordered'`,
    );
    expect(logged).toEqual([expect.objectContaining({ target: `${topic}[0]@10`, details: expect.objectContaining({ reason: 'corrupted on the broker; re-sent by the gateway' }) })]);
    expect(logged[0].actor_name).toMatch(/^cli \(/);
  }, 240_000);

  it('logs and counts a crashed member, is not ready while it is down, and rejoins to store the rest once', async () => {
    const topic = await topicWith(1);
    const sut = await boot(topic);
    const ingest = sut.app.get(IngestService);
    const original = ingest.ingest.bind(ingest);
    let failing = true;
    const spy = jest.spyOn(ingest, 'ingest').mockImplementation((records, context) => {
      if (failing && context.source === 'kafka') return Promise.reject(new TypeError('injected defect'));
      return original(records, context);
    });
    const events = Array.from({ length: 50 }, (_, i) => lookupEvent(9000 + i));
    await produceWithJava(broker.brokers, topic, events.map((e) => ({ key: e.accountId, value: JSON.stringify(e) })), 'lz4');

    let sawDown: request.Response | undefined;
    await eventually(async () => {
      const res = await ready(sut);
      if (res.status === 503 && JSON.stringify(res.body).includes('is down after a crash')) sawDown = res;
      return sawDown !== undefined;
    }, 90_000, 'readiness reporting the crashed member');
    expect(JSON.stringify(sawDown!.body)).toContain('TypeError: injected defect');
    expect(await metrics(sut)).toMatch(/^tthc_audit_kafka_consumer_crashes_total [1-9]/m);
    expect(await countStored(sut.db.url)).toBe(0);

    failing = false;
    await eventually(async () => (await countStored(sut.db.url)) === 50, 60_000, 'the 50 events after the rejoin');
    await eventually(async () => (await ready(sut)).status === 200, 30_000, 'ready after the rejoin');
    expect(await countStored(sut.db.url)).toBe(50);
    spy.mockRestore();
  }, 240_000);

  it('is not ready while the broker does not answer for longer than KAFKA_STALL_TIMEOUT, and ready again after', async () => {
    const topic = await topicWith(1);
    const sut = await boot(topic, { KAFKA_STALL_TIMEOUT: '4s' });
    await eventually(async () => (await ready(sut)).status === 200, 30_000, 'ready');
    process.kill(broker.pid, 'SIGSTOP');
    try {
      // Each probe answers within its own timeout (3 s for the broker), never the client's 30 s request timeout.
      let slowest = 0;
      const res = await waitFor(async () => {
        const started = Date.now();
        const r = await ready(sut);
        slowest = Math.max(slowest, Date.now() - started);
        return r.status === 503 && JSON.stringify(r.body).includes('has had no answer from the broker for') ? r : null;
      }, 30_000, 'readiness reporting the silent broker');
      expect(res.status).toBe(503);
      expect(slowest).toBeLessThan(10_000);
    } finally {
      process.kill(broker.pid, 'SIGCONT');
    }
    await eventually(async () => (await ready(sut)).status === 200, 60_000, 'ready after the broker answers again');
    const event = lookupEvent(9900);
    await produceWithJava(broker.brokers, topic, [{ key: event.accountId, value: JSON.stringify(event) }], 'snappy');
    await eventually(async () => (await countStored(sut.db.url)) === 1, 30_000, 'an event after the stall');
  }, 180_000);
});

async function waitFor<T>(probe: () => Promise<T | null>, timeoutMs: number, what: string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Overwrites the gzip header of the record batch at baseOffset in a log segment, as disk or broker corruption
 * would: the broker serves it as it is (fetches do not check CRCs), and no gzip decoder can read it.
 */
function corruptBatch(segment: string, baseOffset: bigint): void {
  const fd = openSync(segment, 'r+');
  try {
    const header = Buffer.alloc(12);
    for (let at = 0; readSync(fd, header, 0, 12, at) === 12; ) {
      const length = header.readInt32BE(8);
      if (header.readBigInt64BE(0) === baseOffset) {
        writeSync(fd, Buffer.from([0x00, 0x00]), 0, 2, at + 61); // records start 61 bytes in: gzip magic 1f 8b
        return;
      }
      at += 12 + length;
    }
    throw new Error(`no batch at offset ${baseOffset} in ${segment}`);
  } finally {
    closeSync(fd);
  }
}
