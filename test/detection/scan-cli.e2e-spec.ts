import { Client } from 'pg';
import { runCli } from '../utils/cli-process';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { workingDays } from './volume.fixture';

/** `npm run cli -- scan`: the same scan as the daily job and the endpoint, from the command line. */
describe('scan command', () => {
  let db: TestDatabase;
  const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db.url, NODE_ENV: 'test', LOG_LEVEL: 'warn', SUBJECT_HASH_KEY: 'k'.repeat(40) });
  const query = async (text: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    db = await createMigratedDatabase();
    // The aggregate as batches would have left it: three clerks of a unit, one of whom spikes on the last day.
    const days = workingDays('2026-10-12', 21);
    for (const [d, day] of days.entries()) {
      for (const [i, account] of ['cb.cli.a', 'cb.cli.b', 'cb.cli.c'].entries()) {
        const n = d === 20 && i === 0 ? 150 : 15 + ((d + i) % 3);
        await query(
          `INSERT INTO account_day (account_id, day, unit_code, events, lookups, distinct_subjects, first_at) VALUES ($1, $2, '000.00.31.H52', $3, $3, $3, $4)`,
          [account, day, n, `${day}T08:00:00+07:00`],
        );
      }
    }
  });

  afterAll(async () => {
    await db?.drop();
  });

  // The command runs on the real clock: these days of 2026 are long closed.
  it('scans a period of closed days, and a second run updates the alert instead of adding one', async () => {
    const first = await cli('scan', '--from', '2026-10-12', '--to', '2026-11-09');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('scanned 29 closed day(s) 2026-10-12 .. 2026-11-09; findings volume_own_baseline: 1; alerts created 1, updated 0');
    const again = await cli('scan', '--from', '2026-11-09', '--to', '2026-11-09');
    expect(again.stdout).toContain('findings volume_own_baseline: 1; alerts created 0, updated 1');
    expect(await query(`SELECT type, account_ids, occurrences FROM alert`)).toEqual([{ type: 'volume_own_baseline', account_ids: ['cb.cli.a'], occurrences: 2 }]);
  });

  it('learns the procedure profiles on demand (none here: no lookups in the last 30 days)', async () => {
    const res = await cli('detection:procedures:learn');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('learned the profiles of 0 procedure(s)');
  });

  it('names the option that is wrong', async () => {
    const res = await cli('scan', '--from', '2026-11-09', '--to', '2026-11-01');
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('--to: must not be before from');
  });
});
