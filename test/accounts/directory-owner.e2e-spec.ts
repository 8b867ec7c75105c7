import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { sql } from '../ingestion/ingest.fixture';
import { bearerFor, producerKeyFor } from '../utils/auth';
import { AccountsApi, bootAccountsApi, directoryEntry, staff } from './accounts-http.fixture';

/** Only the system that owns the account directory (tthc-gateway here, marked by an admin) syncs it with a key. */
describe('Who may sync the account directory', () => {
  let api: AccountsApi;

  beforeEach(async () => {
    api = await bootAccountsApi(new FixedClock(new Date('2026-11-24T10:00:00+07:00')));
  });

  afterEach(() => api?.close());

  const directoryRows = () =>
    sql<{ account_id: string; state: string; in_directory: boolean; email: string }>(
      api.t.db.url,
      `SELECT account_id, state, in_directory, email FROM account ORDER BY account_id`,
    );
  const registration = {
    name: 'Dịch vụ công Bưu điện',
    operatorOrg: 'Bưu điện tỉnh',
    allowedFields: ['fullName'],
    contactName: 'Trần Văn B',
  };

  it("the postal system's key cannot mark the directory's accounts removed, lock them or rewrite them: 403, nothing changed", async () => {
    const directory = staff('cb.own', 5);
    await api.sync(directory, { mode: 'full' });
    const before = await directoryRows();
    const posKey = await producerKeyFor(api.t.app, 'pos');
    const attack = [{ ...directory[0], email: 'attacker@pos.example' }];

    for (const query of [{ mode: 'full' }, { mode: 'delta' }, { mode: 'full', dryRun: 'true' }]) {
      const res = await api.http().post('/v1/accounts/sync').query(query).set('X-Api-Key', posKey).send(attack).expect(403);
      expect(res.body.error).toMatchObject({
        code: 'FORBIDDEN',
        message: expect.stringContaining('Source system pos does not own the account directory'),
      });
    }
    expect(await directoryRows()).toEqual(before);
    expect(before.every((r) => r.state === 'active' && r.in_directory)).toBe(true);
    const [{ n }] = await sql<{ n: number }>(api.t.db.url, `SELECT count(*)::int AS n FROM account_history WHERE actor = 'producer:pos'`);
    expect(n).toBe(0);
  });

  it('operators and admins still sync by hand, and the owner key syncs (a full sync of it still under the mass-change check)', async () => {
    const operator = await bearerFor(api.t.app, Role.OPERATOR);
    const byHand = await api.http().post('/v1/accounts/sync').set('Authorization', operator).send([directoryEntry('cb.hand')]).expect(200);
    expect(byHand.body).toMatchObject({ outcome: 'applied', created: 1 });

    const directory = staff('cb.mass', 40);
    await api.sync(directory, { mode: 'full' });
    const truncated = (await api.sync(directory.slice(0, 5), { mode: 'full' })).body;
    expect(truncated).toMatchObject({ outcome: 'blocked', removed: [], locked: [], massChange: { operation: 'directory_full_sync' } });
  });

  it('only an admin marks the owner: an operator can neither mark a system nor change the mark through the registration', async () => {
    const operator = await bearerFor(api.t.app, Role.OPERATOR);
    const admin = await api.admin();
    await api.http().post('/v1/source-systems').set('Authorization', operator).send({ ...registration, code: 'pos' }).expect(201);
    const posKey = await producerKeyFor(api.t.app, 'pos');

    await api.http().put('/v1/source-systems/pos/owns-account-directory').set('Authorization', operator).send({ ownsAccountDirectory: true }).expect(403);
    const smuggled = await api.http().put('/v1/source-systems/pos').set('Authorization', operator).send({ ...registration, ownsAccountDirectory: true }).expect(400);
    expect(JSON.stringify(smuggled.body)).toContain('ownsAccountDirectory');
    await api.http().post('/v1/source-systems').set('Authorization', operator).send({ ...registration, code: 'pos2', ownsAccountDirectory: true }).expect(400);
    const pos = await api.http().get('/v1/source-systems/pos').set('Authorization', operator).expect(200);
    expect(pos.body).toMatchObject({ code: 'pos', ownsAccountDirectory: false });
    await api.http().post('/v1/accounts/sync').set('X-Api-Key', posKey).send([directoryEntry('cb.x')]).expect(403);

    // An operator's edit of the owner's registration keeps the admin's mark.
    const gateway = { name: 'TTHC gateway', operatorOrg: 'VNPT', allowedFields: [], contactName: 'Nguyễn Văn C' };
    const edited = await api.http().put('/v1/source-systems/tthc-gateway').set('Authorization', operator).send(gateway).expect(200);
    expect(edited.body).toMatchObject({ contactName: 'Nguyễn Văn C', ownsAccountDirectory: true });

    // One owner at a time; the admin moves the mark, and the keys follow it.
    const taken = await api.http().put('/v1/source-systems/pos/owns-account-directory').set('Authorization', admin).send({ ownsAccountDirectory: true }).expect(409);
    expect(taken.body.error.message).toContain('tthc-gateway owns the account directory');
    await api.http().put('/v1/source-systems/tthc-gateway/owns-account-directory').set('Authorization', admin).send({ ownsAccountDirectory: false }).expect(200);
    const marked = await api.http().put('/v1/source-systems/pos/owns-account-directory').set('Authorization', admin).send({ ownsAccountDirectory: true }).expect(200);
    expect(marked.body).toMatchObject({ code: 'pos', ownsAccountDirectory: true });
    await api.http().post('/v1/accounts/sync').set('X-Api-Key', posKey).send([directoryEntry('cb.x')]).expect(200);
    await api.http().post('/v1/accounts/sync').set('X-Api-Key', api.apiKey).send([directoryEntry('cb.y')]).expect(403);
    await api.http().put('/v1/source-systems/nowhere/owns-account-directory').set('Authorization', admin).send({ ownsAccountDirectory: true }).expect(404);
    await api.http().put('/v1/source-systems/pos/owns-account-directory').set('Authorization', admin).send({ ownsAccountDirectory: 'yes' }).expect(400);
    // Each change of who owns the directory is in the security log, and only the changes that happened.
    const logged = await sql<{ target: string; details: { ownsAccountDirectory: boolean } }>(
      api.t.db.url,
      `SELECT target, details FROM security_event WHERE type = 'source-system.directory-owner-changed' ORDER BY id`,
    );
    expect(logged.map((r) => [r.target, r.details.ownsAccountDirectory])).toEqual([
      ['tthc-gateway', false],
      ['pos', true],
    ]);
  });
});
