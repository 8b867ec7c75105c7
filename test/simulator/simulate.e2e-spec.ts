import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'csv-parse/sync';
import { Kafka, logLevel } from 'kafkajs';
import type { QueryLogEventV1 } from '@app/contracts';
import { EventGenerator, LabelledProvinceGenerator, simulate } from '@app/gateway-simulator';
import { appCommand } from '../utils/app-process';
import { testKafkaBrokers } from '../utils/test-database';

const SIMULATOR = appCommand('gateway-simulator/src/main');

const START = new Date('2026-11-16T00:00:00+07:00');
const expected = (count: number, seed: string): QueryLogEventV1[] => [
  ...new EventGenerator({ count, seed, start: START }),
];

/** A CSV row back to the event, as the documented CSV form says: empty cell = absent, fields = a|b|c. */
function csvRowToEvent(row: Record<string, string>): Record<string, unknown> {
  const event: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(row)) {
    if (value === '') continue;
    if (column === 'schemaVersion' || column === 'subjectCount') event[column] = Number(value);
    else if (column === 'fields') event[column] = value.split('|');
    else event[column] = value;
  }
  return event;
}
/** The same event with null/absent and empty arrays made alike (what CSV cannot tell apart). */
const withoutEmpty = (e: QueryLogEventV1): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(e).filter(([, v]) => v !== null && v !== undefined && !(Array.isArray(v) && !v.length)),
  );

describe('gateway simulator', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'simulator-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes NDJSON: one event per line, exactly the generated events', async () => {
    const out = join(dir, 'events.ndjson');
    const summary = await simulate({
      to: 'file',
      out,
      count: 1500,
      seed: 'file',
      start: START,
      progress: null,
    });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    expect(summary.events).toBe(1500);
    expect(lines.map((l) => JSON.parse(l))).toEqual(expected(1500, 'file'));
  });

  it('writes CSV with a header of the contract names that reads back to the same events', async () => {
    const out = join(dir, 'events.csv');
    await simulate({ to: 'file', out, count: 1500, seed: 'csv', start: START, progress: null });
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map(csvRowToEvent)).toEqual(expected(1500, 'csv').map(withoutEmpty));
  });

  it('stops at the first event after --until: a run up to now writes nothing later', async () => {
    const out = join(dir, 'until.ndjson');
    const all = expected(3000, 'until');
    const until = new Date(all[1800].occurredAt);
    const summary = await simulate({ to: 'file', out, count: 3000, seed: 'until', start: START, until, progress: null });
    const written = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as QueryLogEventV1);
    const kept = all.filter((e) => Date.parse(e.occurredAt) <= until.getTime());
    expect(summary.events).toBe(kept.length);
    expect(written).toEqual(kept);
    expect(written.length).toBeGreaterThan(1800);
  });

  it('never sends faster than the rate asked for', async () => {
    const summary = await simulate({
      to: 'file',
      out: join(dir, 'paced.ndjson'),
      count: 1200,
      rate: 2000,
      start: START,
      progress: null,
    });
    // 1,200 events at 2,000/s go out in batches of 200 (a tenth of a second's worth), the n-th batch not before
    // n × 0.1 s: the last (events 1,001-1,200) not before 0.5 s. Unpaced, a file takes them in milliseconds.
    // No upper bound: how much longer it takes says how busy the machine is, not whether the pacing works.
    expect(summary.events).toBe(1200);
    expect(summary.seconds).toBeGreaterThanOrEqual(0.5);
  });

  it('round-trips events through the real broker: one message per event, keyed by account, on a new 6-partition topic', async () => {
    const brokers = testKafkaBrokers().split(',');
    const topic = `sim-${randomUUID()}`;
    const count = 400;
    await simulate({
      to: 'kafka',
      brokers,
      topic,
      count,
      seed: 'kafka',
      start: START,
      batchSize: 150,
      progress: null,
    });

    const kafka = new Kafka({ clientId: 'sim-test', brokers, logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    await admin.disconnect();
    expect(metadata.partitions).toHaveLength(6);

    const consumer = kafka.consumer({ groupId: `sim-test-${randomUUID()}` });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: { key: string; partition: number; event: QueryLogEventV1 }[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({ key: String(message.key), partition, event: JSON.parse(String(message.value)) });
          if (received.length === count) resolve();
        },
      });
    });
    await consumer.disconnect();

    const sent = expected(count, 'kafka');
    const byId = (a: QueryLogEventV1, b: QueryLogEventV1): number => a.eventId.localeCompare(b.eventId);
    expect(received.map((r) => r.event).sort(byId)).toEqual([...sent].sort(byId));
    expect(received.every((r) => r.key === r.event.accountId)).toBe(true);
    // One account, one partition: its events stay in order.
    const partitionsOf = new Map<string, Set<number>>();
    for (const r of received)
      partitionsOf.set(r.key, (partitionsOf.get(r.key) ?? new Set()).add(r.partition));
    expect([...partitionsOf.values()].every((p) => p.size === 1)).toBe(true);
    expect(new Set(received.map((r) => r.partition)).size).toBeGreaterThan(1);
  });

  describe('to HTTP', () => {
    let server: Server;
    let url: string;
    const requests: { headers: IncomingMessage['headers']; body: string }[] = [];
    beforeAll(async () => {
      // A stand-in receiver that answers like POST /v1/ingest/events does.
      server = createServer((req, res) => {
        let body = '';
        req.on('data', (d) => (body += d));
        req.on('end', () => {
          requests.push({ headers: req.headers, body });
          const accepted = body.trimEnd().split('\n').length;
          res.writeHead(req.url === '/v1/ingest/events' ? 200 : 404, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ accepted, duplicates: 0, rejected: 0 }));
        });
      }).listen(0, '127.0.0.1');
      await once(server, 'listening');
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => {
      server.closeAllConnections();
      server.close();
    });

    it('posts NDJSON batches with the producer key and adds up the answers', async () => {
      const summary = await simulate({
        to: 'http',
        url,
        apiKey: 'key-123',
        count: 250,
        batchSize: 100,
        start: START,
        progress: null,
      });
      expect(requests.map((r) => r.body.trimEnd().split('\n').length)).toEqual([100, 100, 50]);
      expect(requests[0].headers['x-api-key']).toBe('key-123');
      expect(requests[0].headers['content-type']).toBe('application/x-ndjson');
      expect(
        requests.flatMap((r) =>
          r.body
            .trimEnd()
            .split('\n')
            .map((l) => JSON.parse(l)),
        ),
      ).toEqual(expected(250, 'tthc'));
      expect(summary.output).toBe('service answered: 250 accepted, 0 duplicates, 0 rejected');
    });
  });

  it('runs as a CLI: npm run simulate -- --to file --out … --count … --seed …', async () => {
    const out = join(dir, 'cli.ndjson');
    const root = join(__dirname, '..', '..');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        ...SIMULATOR.args,
        '--to',
        'file',
        '--out',
        out,
        '--count',
        '300',
        '--seed',
        'cli',
        '--start',
        '2026-11-16',
        '--quiet',
      ],
      { cwd: root, env: { ...process.env, ...SIMULATOR.env } },
    );
    expect(stdout).toMatch(/^300 events in .* events written to .*cli\.ndjson \(NDJSON\)/);
    const events = readFileSync(out, 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(events).toEqual(expected(300, 'cli'));
  });

  it('runs a labelled province as a CLI: --mix, --labels, --directory, --source-systems beside the events', async () => {
    const root = join(__dirname, '..', '..');
    const file = (name: string): string => join(dir, name);
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        ...SIMULATOR.args,
        ...['--mix', 'hard', '--seed', 'cli-labelled', '--days', '3', '--scale', '0.05'],
        ...['--units', '30', '--accounts', '200', '--to', 'file', '--out', file('labelled.ndjson')],
        ...['--labels', file('labels.ndjson'), '--directory', file('accounts.ndjson')],
        ...['--source-systems', file('systems.ndjson'), '--quiet'],
      ],
      { cwd: root, env: { ...process.env, ...SIMULATOR.env } },
    );
    const lines = (name: string): Record<string, unknown>[] =>
      readFileSync(file(name), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l));
    const sut = new LabelledProvinceGenerator({
      seed: 'cli-labelled',
      mix: 'hard',
      days: 3,
      scale: 0.05,
      units: 30,
      accounts: 200,
    });
    expect(lines('labelled.ndjson')).toEqual([...sut]);
    expect(lines('labels.ndjson')).toEqual(sut.labels);
    expect(lines('accounts.ndjson').map((e) => e.accountId)).toEqual(
      sut.province.accounts.map((a) => a.accountId),
    );
    expect(lines('systems.ndjson').map((s) => s.code)).toEqual(['igate', 'dvc-buudien']);
    expect(stdout).toMatch(/labelled cases written/);
  });
});
