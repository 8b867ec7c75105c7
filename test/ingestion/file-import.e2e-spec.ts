import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONTRACTS_SOURCE_DIR } from '@app/contracts';
import { runCli } from '../utils/cli-process';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { countStored, lookupEvent, sql, TEST_SUBJECT_KEY } from './ingest.fixture';

/** `npm run cli -- import <file>`, run as its own process; its output, once it has exited with 0. */
async function importFile(db: TestDatabase, file: string, ...args: string[]): Promise<string> {
  const run = await runCli(['import', file, '--no-progress', ...args], { NODE_ENV: 'test', LOG_LEVEL: 'warn', DATABASE_URL: db.url, SUBJECT_HASH_KEY: TEST_SUBJECT_KEY });
  if (run.code !== 0) throw new Error(`import exited with ${run.code}: ${run.stderr}`);
  return run.stdout;
}

const summaryOf = (stdout: string) =>
  Object.fromEntries([...stdout.matchAll(/^(read|stored|duplicates|rejected) +(\d+)/gm)].map((m) => [m[1], Number(m[2])]));

describe('File import (CLI)', () => {
  let db: TestDatabase;
  let dir: string;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    dir = mkdtempSync(join(tmpdir(), 'ingest-import-'));
  }, 120_000);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  }, 180_000);

  it('keeps every line of invalid-events.ndjson as a rejection naming the problem, stores the valid events around them, and is safe to re-run', async () => {
    const invalid = readFileSync(join(CONTRACTS_SOURCE_DIR, 'examples', 'invalid-events.ndjson'), 'utf8').split('\n').filter(Boolean);
    const valid = Array.from({ length: 1000 }, (_, i) => JSON.stringify(lookupEvent(i)));
    const lines = [...valid.slice(0, 500), ...invalid, ...valid.slice(500)];
    const file = join(dir, 'backfill.ndjson');
    writeFileSync(file, lines.join('\n') + '\n');

    expect(summaryOf(await importFile(db, file))).toEqual({ read: 1009, stored: 1000, duplicates: 0, rejected: 9 });
    expect(summaryOf(await importFile(db, file))).toEqual({ read: 1009, stored: 0, duplicates: 1000, rejected: 9 });
    expect(await countStored(db.url)).toBe(1000);

    const rejections = await sql<{ reason: string; field: string | null; message: string; origin: { file: string; line: number } }>(
      db.url,
      `SELECT reason, field, message, origin FROM ingest_rejection WHERE source = 'file' ORDER BY (origin->>'line')::int`,
    );
    expect(rejections.map((r) => r.origin)).toEqual(invalid.map((_, i) => ({ file: 'backfill.ndjson', line: 501 + i })));
    expect(rejections.map((r) => r.field ?? r.reason)).toEqual([
      'occurredAt',
      'subjectId',
      'accountId',
      'clientIp',
      'action',
      'schemaVersion',
      'invalid_json',
      'invalid_json',
      'subjectId',
    ]);
    for (const r of rejections) expect(r.message.length).toBeGreaterThan(10);
  }, 180_000);

  it('imports CSV with the schema property names as columns and fields as a|b', async () => {
    const events = Array.from({ length: 30 }, (_, i) => lookupEvent(i, { terminalId: `kiosk-${i}` }));
    const header = ['schemaVersion', 'eventId', 'occurredAt', 'accountId', 'clientIp', 'sourceSystem', 'action', 'subjectId', 'fields', 'terminalId'];
    const rows = events.map((e) => header.map((h) => (h === 'fields' ? e.fields!.join('|') : String(e[h]))).join(','));
    const file = join(dir, 'backfill.csv');
    writeFileSync(file, [header.join(','), ...rows].join('\n'));

    expect(summaryOf(await importFile(db, file))).toMatchObject({ read: 30, stored: 30, rejected: 0 });
    const [row] = await sql<{ fields: string[]; extra: object }>(db.url, 'SELECT fields, extra FROM query_event WHERE event_id = $1', [events[3].eventId]);
    expect(row).toEqual({ fields: ['fullName', 'dateOfBirth'], extra: { terminalId: 'kiosk-3' } });
  }, 180_000);
});
