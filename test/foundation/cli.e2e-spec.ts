import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { CONTRACTS_SOURCE_DIR } from '@app/contracts';
import { MIGRATIONS } from '@app/database';
import { runCli } from '../utils/cli-process';
import { spawnService } from '../utils/service-process';
import { createMigratedDatabase, createTestDatabase, TestDatabase } from '../utils/test-database';

/** Every command that works on the service's data (the migration commands are the way out, not checked here). */
const COMMANDS: [string, string[]][] = [
  ['verify', ['verify']],
  ['retention', ['retention']],
  ['import', ['import', join(CONTRACTS_SOURCE_DIR, 'examples', 'valid-events.ndjson'), '--no-progress']],
  ['accounts:status', ['accounts:status', 'cb.tuphap.nguyenvana']],
  [
    'users:create-admin',
    ['users:create-admin', '--username', 'first.admin', '--email', 'admin@example.gov.vn'],
  ],
  ['users:reset-password', ['users:reset-password', '--username', 'first.admin']],
];

const tables = async (url: string): Promise<string[]> => {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`);
    return rows.map((r: { tablename: string }) => r.tablename);
  } finally {
    await client.end();
  }
};

// Each command is a fresh Node process compiling TypeScript on the fly: slow on a busy 2-core machine.
jest.setTimeout(240_000);

describe('The command line on a database server without the schema', () => {
  let db: TestDatabase;
  beforeAll(async () => (db = await createTestDatabase()));
  afterAll(() => db.drop());

  it.each(COMMANDS)(
    '%s says to run npm run migration:run, in one line without a stack trace, exits 1 and creates nothing',
    async (_name, args) => {
      const res = await runCli(args, { DATABASE_URL: db.url, NODE_ENV: 'test' });
      expect(res).toEqual({
        code: 1,
        stdout: '',
        stderr:
          'The database has no schema yet: run `npm run migration:run` first (with the same DATABASE_URL).\n',
      });
      expect(await tables(db.url)).toEqual([]);
    },
  );
});

describe('The command line on a schema older than its code', () => {
  let db: TestDatabase;
  // verify keeps its generated signing key here, not in the checkout's data folder.
  const dataDir = mkdtempSync(join(tmpdir(), 'tthc-cli-'));
  const env = () => ({ DATABASE_URL: db.url, NODE_ENV: 'test', DATA_DIR: dataDir });
  beforeAll(async () => {
    db = await createMigratedDatabase();
    const dataSource = new DataSource({
      type: 'postgres',
      url: db.url,
      migrations: MIGRATIONS,
      migrationsTableName: 'schema_migration',
    });
    await dataSource.initialize();
    await dataSource.undoLastMigration({ transaction: 'each' });
    await dataSource.destroy();
  });
  afterAll(async () => {
    await db.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the migration missing and npm run migration:run; after it, the command runs', async () => {
    const last = MIGRATIONS[MIGRATIONS.length - 1].name;
    const behind = await runCli(['verify'], env());
    expect(behind.code).toBe(1);
    expect(behind.stderr).toBe(
      `The database schema is 1 migration(s) behind this version (${last}): run \`npm run migration:run\` first.\n`,
    );

    const migrated = await runCli(['migrations:run'], env());
    expect(migrated).toMatchObject({ code: 0, stdout: `applied ${last}\n` });
    const verified = await runCli(['verify'], env());
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^OK: the audit chain verifies/);
  });
});

describe('The command line with a bad configuration', () => {
  const BAD = { PORT: '70000', ROLES: 'api,reporting', DATA_DIR: '/nonexistent-never-used' };
  let serviceSays: string[];

  beforeAll(async () => {
    const service = spawnService(BAD);
    expect(await service.exited).toBe(78);
    serviceSays = service
      .output()
      .split('\n')
      .filter((line) => line.startsWith('  - '));
    expect(serviceSays).toHaveLength(2);
  });

  it.each(COMMANDS)(
    '%s prints the variables and problems as the service does, without a stack trace, and exits 78',
    async (_name, args) => {
      const res = await runCli(args, BAD);
      expect(res).toEqual({
        code: 78,
        stdout: '',
        stderr: [
          'Invalid configuration:',
          ...serviceSays,
          'The command did not run. See README "Configuration".',
          '',
        ].join('\n'),
      });
    },
  );
});
