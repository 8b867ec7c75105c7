import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectorySyncService } from '@app/accounts';
import { Role } from '@app/auth';
import {
  accountDirectory,
  LabelledProvinceGenerator,
  simulate,
  writeAccountDirectory,
} from '@app/gateway-simulator';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';

/** The labelled province against the real service: its directory and its events are taken whole. */
describe('labelled province → audit service', () => {
  let sut: TestApp;
  let dir: string;
  // The whole run's directory (new staff join after day 20), and the first of its events.
  const options = { seed: 'labelled-e2e', mix: 'standard', days: 120, scale: 0.1, count: 6000 };
  beforeAll(async () => {
    sut = await bootTestApp({ SUBJECT_HASH_KEY: 'simulator-test-subject-hash-key-0123456789' });
    await sut.app.listen(0, '127.0.0.1');
    dir = mkdtempSync(join(tmpdir(), 'labelled-province-'));
  });
  afterAll(async () => {
    await sut.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('has its directory (new staff included) synced without a rejection, then every event accepted over HTTP', async () => {
    const province = new LabelledProvinceGenerator(options);
    const entries = accountDirectory(province.province, province.startsAt);
    const out = join(dir, 'directory.csv');
    writeAccountDirectory(out, entries);
    const synced = await sut.app
      .get(DirectorySyncService)
      .sync(readFileSync(out, 'utf8'), 'csv', 'full', 'simulator-test');
    expect(synced).toMatchObject({ received: entries.length, created: entries.length, rejected: [] });
    expect(entries.some((e) => e.lastLoginAt === null)).toBe(true);

    const url = await sut.app.getUrl();
    const token = (await bearerFor(sut.app, Role.OPERATOR)).replace(/^Bearer /, '');
    const summary = await simulate({ to: 'http', url, token, batchSize: 1000, progress: null, ...options });
    expect(summary.output).toBe('service answered: 6000 accepted, 0 duplicates, 0 rejected');
  });
});
