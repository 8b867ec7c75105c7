import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DirectorySyncService } from '@app/accounts';
import { accountDirectory, EventGenerator, simulate, writeAccountDirectory } from '@app/gateway-simulator';
import { FileImportService } from '@app/ingestion';
import { Role } from '@app/auth';
import { bearerFor, producerKeyFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';

const START = new Date('2026-11-16T00:00:00+07:00');

async function storedCount(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) AS n FROM query_event')).rows[0].n);
  } finally {
    await client.end();
  }
}

/** The simulator against the real service: what it writes is what the service accepts, with nothing rejected. */
describe('gateway simulator → audit service', () => {
  let sut: TestApp;
  let dir: string;
  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: 'simulator-test-subject-hash-key-0123456789' });
    await sut.app.listen(0, '127.0.0.1');
    dir = mkdtempSync(join(tmpdir(), 'simulator-service-'));
  });
  afterAll(async () => {
    await sut.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('posts a province of several systems to POST /v1/ingest/events: all accepted, then all duplicates on a re-run', async () => {
    const url = await sut.app.getUrl();
    const token = (await bearerFor(sut.app, Role.OPERATOR)).replace(/^Bearer /, '');
    const options = {
      to: 'http' as const,
      url,
      token,
      count: 1200,
      batchSize: 500,
      seed: 'http',
      start: START,
      progress: null,
    };
    const first = await simulate(options);
    expect(first.output).toBe('service answered: 1200 accepted, 0 duplicates, 0 rejected');
    const again = await simulate(options);
    expect(again.output).toBe('service answered: 0 accepted, 1200 duplicates, 0 rejected');
  });

  it("with one system's producer key, has that system's events accepted and the others' refused by field", async () => {
    const url = await sut.app.getUrl();
    const apiKey = await producerKeyFor(sut.app, 'igate');
    const result = await simulate({ to: 'http', url, apiKey, count: 600, batchSize: 300, seed: 'one-key', start: START, progress: null });
    const igate = [...new EventGenerator({ count: 600, seed: 'one-key', start: START })].filter((e) => e.sourceSystem === 'igate').length;
    expect(igate).toBeGreaterThan(0);
    expect(igate).toBeLessThan(600);
    expect(result.output).toBe(`service answered: ${igate} accepted, 0 duplicates, ${600 - igate} rejected`);
  });

  it.each(['ndjson', 'csv'] as const)(
    'writes %s files that the file import stores without a rejection',
    async (format) => {
      const out = join(dir, `events.${format}`);
      await simulate({ to: 'file', out, count: 2000, seed: `file-${format}`, start: START, progress: null });
      const before = await storedCount(sut.db.url);
      const summary = await sut.app.get(FileImportService).importFile(out, format);
      expect(summary).toMatchObject({ read: 2000, stored: 2000, duplicates: 0, rejected: 0 });
      expect((await storedCount(sut.db.url)) - before).toBe(2000);
    },
  );

  it('writes an account directory that the directory sync takes whole, locking the departed accounts', async () => {
    const out = join(dir, 'directory.csv');
    const { province, startsAt } = new EventGenerator({ count: 0, seed: 'directory', start: START });
    const entries = accountDirectory(province, startsAt);
    writeAccountDirectory(out, entries);
    const result = await sut.app
      .get(DirectorySyncService)
      .sync(readFileSync(out, 'utf8'), 'csv', 'full', 'simulator-test');
    expect(result).toMatchObject({ received: entries.length, created: entries.length, rejected: [] });
    const departed = entries.filter((e) => e.status !== 'active').map((e) => e.accountId);
    expect(departed.length).toBeGreaterThan(0);
    expect(result.locked.map((l) => l.accountId).sort()).toEqual(departed.sort());
  });
});
