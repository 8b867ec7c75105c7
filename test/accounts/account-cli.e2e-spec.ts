import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { Client } from 'pg';
import { CONTRACTS_SOURCE_DIR } from '@app/contracts';
import { sql } from '../ingestion/ingest.fixture';
import { CliResult, runCli } from '../utils/cli-process';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';


describe('accounts CLI', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createMigratedDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  /** The command's output once it has exited with 0; else rejects with the exit code and the output. */
  const cliWith = async (env: Record<string, string>, url: string, ...args: string[]): Promise<CliResult> => {
    const run = await runCli(args, { DATABASE_URL: url, NODE_ENV: 'test', LOG_LEVEL: 'warn', ...env });
    if (run.code !== 0) throw run;
    return run;
  };
  const cli = (...args: string[]) => cliWith({}, db.url, ...args);
  /** The logs are known from 1 January 2026 (no event is stored here). */
  const OBSERVED = { ACCOUNT_OBSERVATION_START: '2026-01-01T00:00:00+07:00' };
  const SAMPLE = join(CONTRACTS_SOURCE_DIR, 'examples', 'directory.sample.csv');

  it('syncs the sample directory in full mode, locking the transferred account, then runs the idle lock', async () => {
    const sync = await cli('accounts:sync', SAMPLE, '--mode', 'full');
    expect(sync.stdout).toContain('full sync: 3 read, 3 created');
    expect(sync.stdout).toContain('locked cb.xa12.lethic (directory_status)');

    const client = new Client({ connectionString: db.url });
    await client.connect();
    const { rows } = await client.query(`SELECT account_id, state FROM account ORDER BY account_id`);
    await client.end();
    expect(rows).toEqual([
      { account_id: 'cb.tuphap.nguyenvana', state: 'active' },
      { account_id: 'cb.xa12.lethic', state: 'locked' },
      { account_id: 'svc.lgsp', state: 'active' },
    ]);

    const status = await cli('accounts:status', 'cb.xa12.lethic');
    expect(JSON.parse(status.stdout.slice(status.stdout.indexOf('{\n')))).toMatchObject({ state: 'locked', mayUse: false });

    // svc.lgsp: created in 2021, never used, and the logs since January show nothing → idle (the CLI runs on the
    // real clock); the leaver is locked already.
    const idle = await cliWith(OBSERVED, db.url, 'accounts:idle-lock');
    expect(idle.stdout).toMatch(/^locked \d+: .*svc\.lgsp/m);
    expect(idle.stdout).not.toContain('cb.xa12.lethic');
  });

  it('lists an idle-lock run with --dry-run, stops it over the mass-change threshold, and applies it with --confirm', async () => {
    const own = await createMigratedDatabase();
    try {
      await cliWith({}, own.url, 'accounts:sync', SAMPLE, '--mode', 'full');
      expect((await cliWith({}, own.url, 'accounts:idle-lock')).stdout).toContain('locked 0: -'); // no logs: no evidence

      // Two active accounts, and any lock is a mass change: threshold max(0, 10% of 2) = 0.
      const strict = { ...OBSERVED, ACCOUNT_MASS_CHANGE_MIN: '0' };
      const dry = await cliWith(strict, own.url, 'accounts:idle-lock', '--dry-run');
      expect(dry.stdout).toMatch(/^would lock svc\.lgsp: idle since 2025-12-31T17:00:00\.000Z \(observation_start\), due 2026-04-01$/m);
      expect(dry.stdout).toContain('dry run: nothing was changed');
      const token = /confirmation token ([0-9a-f]{32})/.exec(dry.stdout)![1];

      const blocked = await cliWith(strict, own.url, 'accounts:idle-lock').then(
        () => assert.fail('a blocked run exits with an error code'),
        (error: { code: number; stdout: string }) => error,
      );
      expect(blocked.code).toBe(3);
      expect(blocked.stdout).toContain(`blocked: Nothing was changed.`);
      expect(blocked.stdout).toContain(`--confirm ${token}`);
      expect((await sql(own.url, `SELECT state FROM account WHERE account_id = 'svc.lgsp'`))[0]).toEqual({ state: 'active' });

      const confirmed = await cliWith(strict, own.url, 'accounts:idle-lock', '--confirm', token);
      expect(confirmed.stdout).toContain('locked 1: svc.lgsp');
    } finally {
      await own.drop();
    }
  });
});
