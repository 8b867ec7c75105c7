import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { CONTRACTS_SOURCE_DIR } from '@app/contracts';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';

const ROOT = join(__dirname, '..', '..');
const run = promisify(execFile);

describe('accounts CLI', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createMigratedDatabase();
  });

  afterAll(async () => {
    await db?.drop();
  });

  const cli = (...args: string[]) =>
    run(process.execPath, ['-r', '@swc-node/register', join(ROOT, 'apps/audit-service/src/cli.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', SWC_NODE_PROJECT: join(ROOT, 'tsconfig.json'), DATABASE_URL: db.url, NODE_ENV: 'test', LOG_LEVEL: 'warn', TZ: 'UTC' },
      timeout: 90000,
    });

  it('syncs the sample directory in full mode, locking the transferred account, then runs the idle lock', async () => {
    const sync = await cli('accounts:sync', join(CONTRACTS_SOURCE_DIR, 'examples', 'directory.sample.csv'), '--mode', 'full');
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

    // svc.lgsp: created in 2021, never used → idle (the CLI runs on the real clock); the leaver is locked already.
    const idle = await cli('accounts:idle-lock');
    expect(idle.stdout).toMatch(/^locked \d+: .*svc\.lgsp/m);
    expect(idle.stdout).not.toContain('cb.xa12.lethic');
  });
});
