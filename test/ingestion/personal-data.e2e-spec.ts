import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import request from 'supertest';
import { FileImportService, SubjectPseudonymizer } from '@app/ingestion';
import { Role } from '@app/auth';
import { bearerFor, producerKeyFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { testKafkaBrokers } from '../utils/test-database';
import { countStored, createTopic, eventually, lookupEvent, produce, sql, subjectId, TEST_SUBJECT_KEY, testKafka } from './ingest.fixture';

/**
 * Tables with any text in them (text, bytea, json, arrays, enums), partitions included, and which columns hold
 * a match for pattern: one query per table, on one connection.
 */
async function columnsMatching(url: string, pattern: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN pg_class k ON k.relname = c.table_name AND k.relkind = 'r' AND k.relnamespace = 'public'::regnamespace
       WHERE c.table_schema = 'public'
         AND c.data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'ARRAY', 'USER-DEFINED')`,
    );
    const byTable = new Map<string, string[]>();
    for (const c of rows) {
      const expr = c.data_type === 'bytea' ? `encode("${c.column_name}", 'escape')` : `"${c.column_name}"::text`;
      byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), expr]);
    }
    const found: string[] = [];
    for (const [table, exprs] of byTable) {
      const select = exprs.map((e, i) => `bool_or(${e} ~ $1) AS c${i}`).join(', ');
      const { rows: [hit] } = await client.query(`SELECT ${select} FROM "${table}"`, [pattern]);
      exprs.forEach((e, i) => hit[`c${i}`] && found.push(`${table}: ${e}`));
    }
    return found;
  } finally {
    await client.end();
  }
}

describe('Personal IDs after ingest over every transport', () => {
  const kafka = testKafka();
  let sut: TestApp;
  let topic: string;
  let dir: string;

  beforeAll(async () => {
    topic = await createTopic(kafka, 1);
    dir = mkdtempSync(join(tmpdir(), 'ingest-pii-'));
    sut = await bootTestApp({
      ROLES: 'api,ingest',
      KAFKA_BROKERS: testKafkaBrokers(),
      KAFKA_TOPIC: topic,
      KAFKA_GROUP_ID: `g-${topic}`,
      KAFKA_DLQ_TOPIC: `${topic}.dlq`,
      SUBJECT_HASH_KEY: TEST_SUBJECT_KEY,
      SUBJECT_ENCRYPTION_KEY: randomBytes(32).toString('hex'),
    });
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await sut.close();
  }, 180_000);

  it('leaves no clear 12-digit subject ID in any column of any table, nor in the dead-letter topic or the metrics', async () => {
    const used: string[] = [];
    const event = (i: number) => {
      const e = lookupEvent(i, { subjectId: subjectId(), note: '' });
      e.note = `requested for ${e.subjectId}`; // a producer repeating the ID in an extra property
      used.push(e.subjectId!);
      return e;
    };
    const badLine = (i: number) => {
      const id = subjectId();
      used.push(id);
      return i % 2 ? `{"subjectId":"${id}", broken` : JSON.stringify({ ...event(i), eventId: `bad-${i}`, occurredAt: `2026-11-20 ${id}` });
    };
    const viaHttp = [...Array.from({ length: 20 }, (_, i) => JSON.stringify(event(i))), badLine(1), badLine(2)];
    const viaKafka = [...Array.from({ length: 20 }, (_, i) => event(100 + i)), badLine(3), badLine(4)];
    const viaFile = [...Array.from({ length: 20 }, (_, i) => JSON.stringify(event(200 + i))), badLine(5), badLine(6)];

    const key = await producerKeyFor(sut.app, 'igate');
    await request(sut.app.getHttpServer()).post('/v1/ingest/events').set('X-Api-Key', key).set('Content-Type', 'application/x-ndjson').send(viaHttp.join('\n')).expect(200);
    await produce(kafka, topic, viaKafka);
    writeFileSync(join(dir, 'pii.ndjson'), viaFile.join('\n'));
    await sut.app.get(FileImportService).importFile(join(dir, 'pii.ndjson'), 'ndjson');
    await eventually(async () => (await countStored(sut.db.url)) === 60, 30000, '60 stored events');
    await eventually(async () => (await sql(sut.db.url, 'SELECT 1 FROM ingest_rejection')).length === 6, 15000, '6 rejections');

    const pattern = used.join('|');
    const scan = () => columnsMatching(sut.db.url, pattern);
    // The scan itself sees a clear ID when there is one.
    await sql(sut.db.url, `CREATE TABLE scan_control (a text[], b bytea); INSERT INTO scan_control VALUES (ARRAY['x', '${used[5]}'], 'id ${used[7]}')`);
    expect(await scan()).toEqual(['scan_control: "a"::text', `scan_control: encode("b", 'escape')`]);
    await sql(sut.db.url, 'DROP TABLE scan_control');
    expect(await scan()).toEqual([]);

    // ...yet the ID is there for those allowed to find it: keyed hash for search, encrypted copy for disclosure.
    const pseudonymizer = sut.app.get(SubjectPseudonymizer);
    const [row] = await sql<{ subject_enc: Buffer; extra: { note: string } }>(
      sut.db.url,
      'SELECT subject_enc, extra FROM query_event WHERE subject_hash = $1',
      [pseudonymizer.hash(used[0])],
    );
    expect(pseudonymizer.decrypt(row.subject_enc)).toBe(used[0]);
    expect(row.extra.note).toBe('requested for ************');

    const deadLetters = await readTopic(`${topic}.dlq`, 6);
    expect(deadLetters.join('\n')).not.toMatch(new RegExp(pattern));
    const metrics = await request(sut.app.getHttpServer()).get('/metrics').expect(200);
    expect(metrics.text).not.toMatch(new RegExp(pattern));
  }, 180_000);

  it('masks IDs that side doors let through: separated groups, JSON escapes, any subjectId, fields that are not codes', async () => {
    const id = subjectId();
    const grouped = `${id.slice(0, 4)} ${id.slice(4, 8)} ${id.slice(8)}`;
    const dashed = `${id.slice(0, 3)}-${id.slice(3, 6)}-${id.slice(6, 9)}-${id.slice(9)}`;
    const escaped = [...id].map((d) => `\\u003${d}`).join('');
    const requestId = `reused-${randomBytes(4).toString('hex')}`;
    const key = await producerKeyFor(sut.app, 'pos');
    const post = (body: string) =>
      request(sut.app.getHttpServer())
        .post('/v1/ingest/events')
        .set('X-Api-Key', key)
        .set('X-Request-Id', requestId)
        .set('Content-Type', 'application/x-ndjson')
        .send(body)
        .expect(200);
    const bad = (subject: string) => `{"schemaVersion":1,"eventId":"${randomBytes(6).toString('hex')}","subjectId":"${subject}"}`;
    await post([bad(grouped), bad(dashed), bad(escaped)].join('\n'));
    // A second request under the same X-Request-Id: its rejections are kept too, line numbers notwithstanding.
    await post([bad('0012 34'), bad(`x${id}`)].join('\n'));
    const withFields = lookupEvent(1, { sourceSystem: 'pos', fields: ['fullName', `cccd:${id}`, dashed] });
    await post(JSON.stringify(withFields));

    const admin = await bearerFor(sut.app, Role.OPERATOR);
    const listed = await request(sut.app.getHttpServer()).get('/v1/ingest/rejections?limit=100').set('Authorization', admin).expect(200);
    const mine = listed.body.items.filter((r: { origin: { requestId?: string } }) => r.origin.requestId === requestId);
    expect(mine).toHaveLength(5);
    const anyShape = new RegExp(id.split('').join('[ _-]?'));
    const shown = JSON.stringify(mine);
    expect(shown).not.toMatch(anyShape);
    expect(shown).not.toContain('u003');
    expect(mine.map((r: { raw: string }) => JSON.parse(r.raw).subjectId).sort()).toEqual(
      ['**** **', '**** **** ****', '***-***-***-***', '************', '*************'].sort(),
    );

    const [stored] = await sql<{ fields: string[] }>(sut.db.url, 'SELECT fields FROM query_event WHERE event_id = $1', [withFields.eventId]);
    expect(stored.fields).toEqual(['fullName', 'cccd:************', '***-***-***-***']);
    const undeclared = await request(sut.app.getHttpServer()).get('/v1/source-systems/undeclared-fields').set('Authorization', admin).expect(200);
    expect(JSON.stringify(undeclared.body)).not.toMatch(anyShape);
    expect(await columnsMatching(sut.db.url, id.split('').join('[ _-]?'))).toEqual([]);
  }, 120_000);

  async function readTopic(name: string, count: number): Promise<string[]> {
    const consumer = kafka.consumer({ groupId: `read-${randomBytes(4).toString('hex')}` });
    await consumer.connect();
    await consumer.subscribe({ topic: name, fromBeginning: true });
    const seen: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => {
        const headers = Object.entries(message.headers ?? {}).map(([k, v]) => `${k}=${String(v)}`);
        seen.push([String(message.key), String(message.value), ...headers].join(' '));
      },
    });
    await eventually(async () => seen.length >= count, 20000, `${count} dead letters`);
    await consumer.disconnect();
    return seen;
  }
});
