import { Logger } from '@nestjs/common';
import { AlertsService } from '@app/alerts';
import { FixedClock } from '@app/common';
import { IdleAccountLockCron } from '../../apps/audit-service/src/jobs/idle-account-lock.cron';
import { sql } from '../ingestion/ingest.fixture';
import { AccountsApi, bootAccountsApi, directoryEntry, staff } from './accounts-http.fixture';

describe('Protection against mass changes', () => {
  let api: AccountsApi | undefined;

  afterEach(async () => {
    jest.restoreAllMocks();
    await api?.close();
    api = undefined;
  });

  const alertsOf = () => api!.t.app.get(AlertsService).list({ type: 'mass_change_blocked' });
  const stateCounts = async () =>
    sql<{ state: string; in_directory: boolean; n: number }>(
      api!.t.db.url,
      `SELECT state, in_directory, count(*)::int AS n FROM account GROUP BY 1, 2 ORDER BY 1, 2`,
    );

  it('a full sync missing half the accounts changes nothing, raises a critical alert, lists the plan on a dry run, and applies once confirmed', async () => {
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-24T10:00:00+07:00')));
    const directory = staff('cb.mass', 60);
    await api.sync(directory, { mode: 'full' });
    const half = directory.slice(0, 30);
    const missing = directory.slice(30).map((e) => e.accountId as string);

    const blocked = (await api.sync(half, { mode: 'full' })).body;
    expect(blocked).toMatchObject({ outcome: 'blocked', removed: [], locked: [], wouldRemove: missing });
    expect(blocked.wouldLock).toEqual(missing.map((accountId) => ({ accountId, reason: 'removed_from_directory' })));
    expect(blocked.massChange).toMatchObject({ operation: 'directory_full_sync', affected: 30, activeAccounts: 60, threshold: 20, confirmed: false });
    const token: string = blocked.massChange.confirmationToken;
    expect(blocked.massChange.howToConfirm).toContain(`confirm=${token}`);
    expect(await stateCounts()).toEqual([{ state: 'active', in_directory: true, n: 60 }]);

    const [alert] = await alertsOf();
    expect(alert).toMatchObject({
      id: blocked.massChange.alertId,
      severity: 'critical',
      accountId: null,
      evidence: { operation: 'directory_full_sync', affected: 30, threshold: 20, confirmationToken: token, affectedSample: missing },
    });
    await api.sync(half, { mode: 'full' }); // the same plan again: the same alert, counted
    expect(await alertsOf()).toEqual([expect.objectContaining({ id: alert.id, evidence: expect.objectContaining({ occurrences: 2 }) })]);

    const dry = (await api.sync(half, { mode: 'full', dryRun: 'true' })).body;
    expect(dry).toMatchObject({ outcome: 'dry_run', wouldRemove: missing, massChange: { confirmationToken: token } });

    // A token confirms its plan only: one more account missing is another plan, blocked with its own token.
    const other = (await api.sync(half.slice(1), { mode: 'full', confirm: token })).body;
    expect(other).toMatchObject({ outcome: 'blocked', massChange: { affected: 31 } });
    expect(other.massChange.confirmationToken).not.toBe(token);
    expect(await alertsOf()).toHaveLength(2);

    // The directory owner's key may send the export, but a mass change waits for a person.
    const byKey = await api.http().post('/v1/accounts/sync').query({ mode: 'full', confirm: token }).set('X-Api-Key', api.apiKey).send(half).expect(403);
    expect(byKey.body.error.message).toContain('needs a signed-in admin');
    expect(await stateCounts()).toEqual([{ state: 'active', in_directory: true, n: 60 }]);

    const applied = (await api.sync(half, { mode: 'full', confirm: token })).body;
    expect(applied).toMatchObject({ outcome: 'applied', removed: missing, massChange: { confirmed: true }, wouldRemove: [] });
    expect(applied.locked).toHaveLength(30);
    expect(await stateCounts()).toEqual([
      { state: 'active', in_directory: true, n: 30 },
      { state: 'locked', in_directory: false, n: 30 },
    ]);
  });

  it('a full sync within the threshold applies at once', async () => {
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-24T10:00:00+07:00')));
    const directory = staff('cb.few', 60);
    await api.sync(directory, { mode: 'full' });
    const result = (await api.sync(directory.slice(0, 40), { mode: 'full' })).body; // 20 missing: at the threshold
    expect(result).toMatchObject({ outcome: 'applied', massChange: null });
    expect(result.removed).toHaveLength(20);
    expect(await alertsOf()).toEqual([]);
  });

  it('an idle-lock run over the threshold changes nothing, scheduled or on demand, until confirmed', async () => {
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-24T00:30:00+07:00')), { ROLES: 'api,jobs' });
    const idle = staff('cb.gone', 25, { lastLoginAt: '2026-07-01T09:00:00+07:00' });
    await api.sync([...idle, ...staff('cb.here', 25, { lastLoginAt: '2026-11-01T09:00:00+07:00' })], { mode: 'full' });
    const idleIds = idle.map((e) => e.accountId as string);

    const warn = jest.spyOn(Logger.prototype, 'warn');
    await api.t.app.get(IdleAccountLockCron).run();
    const logged = warn.mock.calls.map((call) => JSON.stringify(call)).find((line) => line.includes('Mass change blocked'));
    expect(logged).toMatch(/idle_lock would lock or remove 25 of 50 active accounts \(more than 20\)/);
    const token = /confirm=([0-9a-f]{32})/.exec(logged!)![1];
    expect(await stateCounts()).toEqual([{ state: 'active', in_directory: true, n: 50 }]);
    expect(await alertsOf()).toEqual([
      expect.objectContaining({ severity: 'critical', evidence: expect.objectContaining({ operation: 'idle_lock', confirmationToken: token }) }),
    ]);

    const dry = (await api.runIdleLock({ dryRun: 'true' })).body;
    expect(dry).toMatchObject({ outcome: 'dry_run', locked: [], massChange: { confirmationToken: token, affected: 25 } });
    expect(dry.wouldLock.map((c: { accountId: string }) => c.accountId)).toEqual(idleIds);
    expect(dry.wouldLock[0]).toMatchObject({ idleBasis: 'directory_last_login', idleSince: '2026-07-01T02:00:00.000Z', lockDueOn: '2026-10-01' });

    expect((await api.runIdleLock()).body).toMatchObject({ outcome: 'blocked', locked: [], massChange: { confirmationToken: token } });
    await api.http().post('/v1/accounts/idle-lock/run?confirm=yes').set('Authorization', await api.admin()).expect(400);
    await api.http().post('/v1/accounts/idle-lock/run?dryRun=maybe').set('Authorization', await api.admin()).expect(400);

    const applied = (await api.runIdleLock({ confirm: token })).body;
    expect(applied).toMatchObject({ outcome: 'applied', locked: idleIds, massChange: { confirmed: true } });
    expect(await alertsOf()).toHaveLength(1);
  });

  it('an idle-lock run within the threshold applies at once', async () => {
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-24T00:30:00+07:00')));
    await api.sync(
      [...staff('cb.gone', 20, { lastLoginAt: '2026-07-01T09:00:00+07:00' }), directoryEntry('cb.here', { lastLoginAt: '2026-11-01T09:00:00+07:00' })],
      { mode: 'full' },
    );
    const run = (await api.runIdleLock()).body;
    expect(run).toMatchObject({ outcome: 'applied', massChange: null });
    expect(run.locked).toHaveLength(20);
  });
});
