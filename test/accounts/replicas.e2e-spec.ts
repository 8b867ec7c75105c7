import { AccountCommandRepository, AccountsService, DirectorySyncService, IdleLockService } from '@app/accounts';
import { FixedClock } from '@app/common';
import { createMigratedDatabase, TestDatabase } from '../utils/test-database';
import { AccountsHarness, bootAccounts, directoryEntry } from './accounts-harness';

describe('Idle-lock job on two replicas', () => {
  const clock = new FixedClock(new Date('2026-11-24T00:30:00+07:00'));
  let db: TestDatabase;
  let replicas: AccountsHarness[];

  beforeAll(async () => {
    db = await createMigratedDatabase();
    // Logs known since 1 January; every account is locked at once, which the mass-change check would stop: this
    // test is about two replicas, so the share is lifted.
    const env = { ACCOUNT_OBSERVATION_START: '2026-01-01T00:00:00+07:00', ACCOUNT_MASS_CHANGE_SHARE: '1' };
    replicas = [await bootAccounts({ clock, db, env: { ...env, DATABASE_POOL_SIZE: '4' } }), await bootAccounts({ clock, db, env })];
  });

  afterAll(async () => {
    for (const r of replicas ?? []) await r.close();
    await db?.drop();
  });

  it('locks each idle account once when both run at the same moment', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `cb.replica.${String(i).padStart(3, '0')}`);
    await replicas[0]
      .get(DirectorySyncService)
      .sync(ids.map((id) => directoryEntry(id, { createdAt: '2026-01-01T08:00:00+07:00' })), 'json', 'full', 'producer:tthc');

    for (let round = 0; round < 3; round++) {
      const runs = await Promise.all(replicas.flatMap((r) => [r.get(IdleLockService).run(), r.get(IdleLockService).run()]));
      const locked = runs.flatMap((r) => r.locked);
      expect(new Set(locked).size).toBe(locked.length);
      if (round === 0) expect(locked.sort()).toEqual(ids);
      else expect(locked).toEqual([]);
    }

    const commands = await replicas[1].get(AccountCommandRepository).list({ limit: 1000, offset: 0 });
    expect(commands.filter((c) => c.action === 'lock')).toHaveLength(ids.length);
    const history = await replicas[1].get(AccountsService).historyOf(ids[0]);
    expect(history.filter((e) => e.changeKind === 'locked')).toHaveLength(1);
  });
});
