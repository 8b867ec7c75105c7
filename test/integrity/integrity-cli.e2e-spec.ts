import { CliResult, runCli } from '../utils/cli-process';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { aStoredEvent, bootAuditStore, someStoredEvents, tamper } from './audit-store.fixture';

/** `npm run cli -- <args>` as an operator runs it, against the given database. */
const cli = (args: string[], databaseUrl: string): Promise<CliResult> => runCli(args, { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn' });

// Each command is a fresh Node process booting the service: slow on a busy 2-core machine.
jest.setTimeout(240_000);

describe('verify and retention on the command line', () => {
  let db: TestDatabase;
  const oldEvent = aStoredEvent({ occurredAt: new Date('2018-05-05T05:05:05Z') });
  let victim: string;

  beforeAll(async () => {
    db = await createMigratedDatabase();
    const ctx = await bootAuditStore(db.url);
    const events = someStoredEvents(12);
    victim = events[5].eventId;
    await ctx.sut.appendBatch(events, { source: 'file' });
    await ctx.sut.appendBatch([oldEvent], { source: 'file' });
    await ctx.close();
  });
  afterAll(() => db.drop());

  it('reports what retention would drop without dropping it, then verifies OK (exit 0); tampering exits 2 naming the batch', async () => {
    const report = await cli(['retention', '--older-than', '5y'], db.url);
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/query_event_2018_05 .* 1 .*\n/);
    expect(report.stdout).toMatch(/Nothing was dropped/);

    const ok = await cli(['verify'], db.url);
    expect(ok.stdout).toMatch(/^OK: the audit chain verifies/);
    expect(ok.stdout).toMatch(/events\s+13 checked/);
    expect(ok.code).toBe(0);

    await tamper(db.url, `UPDATE query_event SET client_ip = '192.0.2.1' WHERE event_id = $1`, [victim]);
    const broken = await cli(['verify', '--json'], db.url);
    expect(broken.code).toBe(2);
    expect(JSON.parse(broken.stdout).firstBrokenBatch).toEqual(expect.objectContaining({ batchId: '1', changed: [victim] }));
  });

  it('names a bad option value', async () => {
    const res = await cli(['verify', '--from', 'last tuesday'], db.url);
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/--from: not an ISO 8601 date/);
  });
});
