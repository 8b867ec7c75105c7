import { rmSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { AuditStore } from '@app/audit-trail';
import { DigestSigningCron } from '../../apps/audit-service/src/jobs/digest-signing.cron';
import { bootTestApp, TestApp } from '../utils/test-app';
import { someStoredEvents } from './audit-store.fixture';

describe(DigestSigningCron.name, () => {
  let sut: TestApp;
  const dataDir = `/tmp/tthc-cron-${process.pid}`; // the generated signing key goes here

  beforeAll(async () => {
    sut = await bootTestApp({ ROLES: 'api,jobs', INTEGRITY_SIGN_CRON: '* * * * * *', DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await sut.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('signs the chain head on its schedule once a batch is stored, and not again while the head stays', async () => {
    const signed = async (): Promise<number> =>
      (await sut.app.get(DataSource).query(`SELECT count(*)::int AS n FROM signed_digest`))[0].n;
    await sut.app.get(AuditStore).appendBatch(someStoredEvents(3), { source: 'http' });

    const deadline = Date.now() + 10_000;
    while ((await signed()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(await signed()).toBe(1);
    await new Promise((r) => setTimeout(r, 2_500));
    expect(await signed()).toBe(1);
  });
});
