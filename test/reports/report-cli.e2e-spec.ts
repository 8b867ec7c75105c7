import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from '../ingestion/ingest.fixture';
import { newPersonalId } from '../trace/trace.fixture';
import { runCli } from '../utils/cli-process';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';

/** `npm run cli -- reports:generate`: the on-demand report from the command line, archived as the API archives it. */
describe('reports:generate command', () => {
  let db: TestDatabase;
  const ENV = () => ({
    DATABASE_URL: db.url,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    SUBJECT_HASH_KEY: 'k'.repeat(40),
  });
  const cli = (...args: string[]) => runCli(args, ENV());

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

  it("makes a citizen's access report with the personal ID read from standard input, and refuses one without a case", async () => {
    const citizen = newPersonalId();
    const out = mkdtempSync(join(tmpdir(), 'access-cli-'));
    const run = await runCli(
      ['reports:citizen-access', '--case', 'Đơn 9/2026', '--purpose', 'Trả lời công dân', '--out', out],
      ENV(),
      '',
    );
    // The ID comes from standard input only: nothing there is refused, naming it.
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('standard input: must be the personal ID of the citizen, 12 digits');
    const made = await runCli(
      [
        'reports:citizen-access',
        '--case',
        'Đơn 9/2026',
        '--purpose',
        'Trả lời công dân',
        '--name',
        'Lê Văn Tám',
        '--out',
        out,
      ],
      ENV(),
      `${citizen}\n`,
    );
    expect(made.stderr).not.toMatch(/error/i); // a start-up warning may be there (no mail configured)
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/: 0 lookup\(s\) by 0 account\(s\)/);
    const [row] = await sql<{ kind: string; case_reference: string; created_by: string; pdf: string }>(
      db.url,
      `SELECT kind, case_reference, created_by, encode(pdf_sha256, 'hex') AS pdf FROM report WHERE kind = 'citizen_access'`,
    );
    expect(row).toMatchObject({
      kind: 'citizen_access',
      case_reference: 'Đơn 9/2026',
      created_by: expect.stringMatching(/^cli:/),
    });
    const pdf = readFileSync(
      join(
        out,
        readdirSync(out).find((f) => f.endsWith('.pdf'))!,
      ),
    );
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(row.pdf);
    expect(made.stdout + made.stderr).not.toContain(citizen);
    const noCase = await runCli(['reports:citizen-access', '--case', ' ', '--purpose', 'x'], ENV(), citizen);
    expect(noCase.code).toBe(1);
    expect(noCase.stderr).toContain('--case: caseReference is required');
    expect(noCase.stderr).not.toContain(citizen);
  });
});
