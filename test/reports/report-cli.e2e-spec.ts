import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from '../ingestion/ingest.fixture';
import { runCli } from '../utils/cli-process';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';

/** `npm run cli -- reports:generate`: the on-demand report from the command line, archived as the API archives it. */
describe('reports:generate command', () => {
  let db: TestDatabase;
  const cli = (...args: string[]) =>
    runCli(args, {
      DATABASE_URL: db.url,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      SUBJECT_HASH_KEY: 'k'.repeat(40),
    });

  beforeAll(async () => {
    db = await createMigratedDatabase();
    await sql(
      db.url,
      `INSERT INTO account_day (account_id, day, unit_code, events, lookups, explained) VALUES ('cb.cli.a', '2026-10-12', '000.00.31.H52', 1500, 1500, 1200)`,
    );
  });
  afterAll(() => db?.drop());

  it('archives the report, writes its files where asked, and prints their SHA-256', async () => {
    const out = mkdtempSync(join(tmpdir(), 'report-cli-'));
    const run = await cli('reports:generate', '--from', '2026-10-01', '--to', '2026-11-01', '--out', out);
    expect(run.code).toBe(0);
    const [row] = await sql<{ id: string; created_by: string; pdf: string; xlsx: string; lookups: number }>(
      db.url,
      `SELECT id::text, created_by, encode(pdf_sha256, 'hex') AS pdf, encode(xlsx_sha256, 'hex') AS xlsx, (summary->>'lookups')::int AS lookups FROM report`,
    );
    expect(row).toMatchObject({ created_by: expect.stringMatching(/^cli:/), lookups: 1500 });
    expect(run.stdout).toContain(`PDF  sha256 ${row.pdf}`);
    expect(readdirSync(out).sort()).toEqual([
      expect.stringMatching(/^bao-cao-\d{4}-1\.pdf$/),
      expect.stringMatching(/^bao-cao-\d{4}-1\.xlsx$/),
    ]);
    const pdf = readFileSync(
      join(
        out,
        readdirSync(out).find((f) => f.endsWith('.pdf'))!,
      ),
    );
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(row.pdf);
  });

  it('refuses a period that is not one, naming the option', async () => {
    const run = await cli('reports:generate', '--from', '2026-10-10', '--to', '2026-10-01');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--to: must be after from');
  });
});
