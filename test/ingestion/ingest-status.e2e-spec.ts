import request from 'supertest';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { testKafkaBrokers } from '../utils/test-database';
import { createTopic, lookupEvent, produce, sql, TEST_SUBJECT_KEY, testKafka } from './ingest.fixture';

/** GET /v1/ingest/status: events stored lately, the last one, rejections of the day, and the Kafka lag. */
describe('ingest status', () => {
  describe('without Kafka', () => {
    const clock = new FixedClock(new Date('2026-12-02T10:00:00+07:00'));
    let sut: TestApp;
    const http = () => request(sut.app.getHttpServer());
    // A token of its own for each call: access tokens expire as the clock moves on.
    const operator = () => bearerFor(sut.app, Role.OPERATOR);
    const send = async (body: unknown[]) => (await http().post('/v1/ingest/events').set('Authorization', await operator()).send(body).expect(200)).body;
    const status = async () => (await http().get('/v1/ingest/status').set('Authorization', await operator()).expect(200)).body;

    beforeAll(async () => {
      sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY }, { clock });
    });
    afterAll(() => sut.close());

    it('answers before anything came in, with nothing stored and Kafka off', async () => {
      const body = await status();
      expect(body).toMatchObject({
        asOf: clock.now().toISOString(),
        accepted: { lastMinute: 0, lastHour: 0, perMinuteLastHour: 0 },
        lastAcceptedAt: null,
        rejections: { total: 0, byReason: [] },
        kafka: null,
      });
    });

    it('counts events stored in the last minute and hour, the last one, and rejections of the last 24 hours by reason', async () => {
      const twoHoursAgo = await send(Array.from({ length: 4 }, (_, i) => lookupEvent(i)));
      clock.advance(62 * 60_000);
      const anHourAgo = await send([...Array.from({ length: 3 }, (_, i) => lookupEvent(i)), { schemaVersion: 1, eventId: 'no-time' }]);
      clock.advance(59 * 60_000);
      const event = lookupEvent(9);
      const minuteAgo = await send([event, event, lookupEvent(10), { eventId: 'bad' }]);
      clock.advance(60_000);
      const justNow = await send([...Array.from({ length: 5 }, (_, i) => lookupEvent(20 + i)), event]);
      const lastStoredAt = clock.now();
      clock.advance(20_000);
      expect([twoHoursAgo.accepted, anHourAgo.accepted, minuteAgo.accepted, justNow.accepted]).toEqual([4, 3, 2, 5]);

      const body = await status();
      // 20 s ago: this minute; 80 s ago: this hour; 60 min 20 s ago: neither.
      expect(body.accepted).toEqual({ lastMinute: justNow.accepted, lastHour: justNow.accepted + minuteAgo.accepted, perMinuteLastHour: 0.1 });
      expect(body.lastAcceptedAt).toBe(lastStoredAt.toISOString());

      const since = new Date(clock.now().getTime() - 86_400_000);
      const kept = await sql<{ reason: string; count: number }>(
        sut.db.url,
        `SELECT reason, count(*)::int AS count FROM ingest_rejection WHERE received_at > $1 GROUP BY reason ORDER BY count DESC, reason`,
        [since],
      );
      expect(kept.reduce((t, r) => t + r.count, 0)).toBe(2);
      expect(body.rejections).toEqual({ since: since.toISOString(), total: 2, byReason: kept });

      // A day later the rejections are past the window, and nothing was stored within the hour.
      clock.advance(86_400_000);
      const later = await status();
      expect(later).toMatchObject({ accepted: { lastMinute: 0, lastHour: 0 }, rejections: { total: 0, byReason: [] }, lastAcceptedAt: body.lastAcceptedAt });
    });

    it('is for those who read ingest: admins and operators, not reviewers', async () => {
      await http().get('/v1/ingest/status').set('Authorization', await bearerFor(sut.app, Role.ADMIN)).expect(200);
      await http().get('/v1/ingest/status').set('Authorization', await bearerFor(sut.app, Role.REVIEWER)).expect(403);
      await http().get('/v1/ingest/status').expect(401);
    });
  });

  describe('with Kafka', () => {
    const kafka = testKafka();
    let topic: string;
    let sut: TestApp;

    beforeAll(async () => {
      topic = await createTopic(kafka, 2);
      // The API alone: no consumer of this replica reads the topic, so the lag is what was produced.
      sut = await bootTestApp({ ROLES: 'api', KAFKA_BROKERS: testKafkaBrokers(), KAFKA_TOPIC: topic, KAFKA_GROUP_ID: `g-${topic}`, SUBJECT_HASH_KEY: TEST_SUBJECT_KEY });
    }, 120_000);
    afterAll(() => sut.close());

    it("reports the consumer group's lag per partition, from the broker's offsets", async () => {
      await produce(kafka, topic, Array.from({ length: 40 }, (_, i) => lookupEvent(i)));
      const admin = kafka.admin();
      await admin.connect();
      const ends = await admin.fetchTopicOffsets(topic);
      await admin.setOffsets({ groupId: `g-${topic}`, topic, partitions: [{ partition: 0, offset: '3' }] });
      await admin.disconnect();
      const end = (p: number) => Number(ends.find((e) => e.partition === p)!.high);
      expect(end(0) + end(1)).toBe(40);

      const operator = await bearerFor(sut.app, Role.OPERATOR);
      const { body } = await request(sut.app.getHttpServer()).get('/v1/ingest/status').set('Authorization', operator).expect(200);
      expect(body.kafka).toEqual({
        topic,
        groupId: `g-${topic}`,
        error: null,
        totalLag: end(0) - 3 + end(1),
        partitions: [
          { partition: 0, endOffset: String(end(0)), committedOffset: '3', lag: end(0) - 3 },
          { partition: 1, endOffset: String(end(1)), committedOffset: null, lag: end(1) },
        ],
      });
    });
  });
});
