import request from 'supertest';
import { eventually } from '../ingestion/ingest.fixture';
import { DataSource } from 'typeorm';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { TestApp } from '../utils/test-app';
import { bearerFor, producerKeyFor } from '../utils/auth';
import { bootProbeApp } from './auth.fixture';

describe('Producer API keys', () => {
  let sut: TestApp;
  let operator: string;
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));
  const http = () => request(sut.app.getHttpServer());
  const ingestWith = (key: string) => http().post('/v1/test-probe/ingest').set('X-Api-Key', key);

  beforeAll(async () => {
    sut = await bootProbeApp({ AUTH_API_KEY_ROTATION_OVERLAP: '24h' }, { clock });
    await sut.app
      .get(DataSource)
      .query(
        `INSERT INTO source_system (code, name, operator_org) VALUES ('igate', 'iGate', 'VNPT'), ('dvc', 'DVC', 'VNPT')`,
      );
  });
  afterAll(() => sut.close());
  // Tests move the clock forward: each starts with a fresh (unexpired) sign-in.
  beforeEach(async () => {
    operator = await bearerFor(sut.app, Role.OPERATOR);
  });

  const create = (body: object) => http().post('/v1/api-keys').set('Authorization', operator).send(body);

  it('creates a key for a source system, shows it once, and the key is accepted on producer routes', async () => {
    const res = await create({ sourceSystemCode: 'igate', name: 'iGate production' }).expect(201);
    expect(res.body.key).toMatch(new RegExp(`^tthc_${res.body.prefix}_[A-Za-z0-9_-]{43}$`));
    expect(res.body).toMatchObject({
      sourceSystemCode: 'igate',
      name: 'iGate production',
      revokedAt: null,
      lastUsedAt: null,
    });

    const listed = await http()
      .get('/v1/api-keys')
      .query({ sourceSystemCode: 'igate' })
      .set('Authorization', operator)
      .expect(200);
    const mine = listed.body.find((k: { id: string }) => k.id === res.body.id);
    expect(mine).toMatchObject({ prefix: res.body.prefix });
    expect(mine).not.toHaveProperty('key');
    expect(JSON.stringify(listed.body)).not.toContain(res.body.key.split('_')[2]);

    const used = await ingestWith(res.body.key).expect(200);
    expect(used.body).toEqual({ kind: 'producer', keyId: res.body.id, sourceSystem: 'igate' });
    // The last use is recorded beside the request, not in its way: wait for it.
    const lastUse = () => sut.app.get(DataSource).query(`SELECT key_hash, last_used_at FROM api_key WHERE id = $1`, [res.body.id]);
    await eventually(async () => (await lastUse())[0].last_used_at !== null, 10_000, 'the key to be marked used');
    const stored = await lastUse();
    expect(stored[0].last_used_at).not.toBeNull();
    expect(stored[0].key_hash.toString()).not.toContain(res.body.key);
  });

  it('grants a key only the producer permissions, and only on routes that accept keys', async () => {
    const key = await producerKeyFor(sut.app, 'igate');
    await http().get('/v1/test-probe/accounts').set('X-Api-Key', key).expect(403);
    // A route that takes any one of several permissions: a key holding one passes, a key holding none does not.
    await http().get('/v1/test-probe/accounts-or-sync').set('X-Api-Key', key).expect(200);
    await http().get('/v1/test-probe/accounts-or-search').set('X-Api-Key', key).expect(403);
    await http().get('/v1/test-probe/sources').set('X-Api-Key', key).expect(401);
    await http().get('/v1/users').set('X-Api-Key', key).expect(401);
  });

  it('refuses unknown, malformed and altered keys with 401', async () => {
    const key = await producerKeyFor(sut.app, 'igate');
    await ingestWith('tthc_abcdefgh_' + 'A'.repeat(43)).expect(401);
    await ingestWith('not-a-key').expect(401);
    await ingestWith(key.slice(0, -1) + (key.endsWith('A') ? 'B' : 'A')).expect(401);
  });

  it('rotates: the new key works at once, the old one until the overlap has passed', async () => {
    const old = (await create({ sourceSystemCode: 'dvc', name: 'DVC' }).expect(201)).body;
    await ingestWith(old.key).expect(200);
    const rotated = await http()
      .post(`/v1/api-keys/${old.id}/rotate`)
      .set('Authorization', operator)
      .expect(201);
    expect(rotated.body).toMatchObject({ sourceSystemCode: 'dvc', rotatedFrom: old.id });
    expect(rotated.body.key).not.toBe(old.key);
    await ingestWith(rotated.body.key).expect(200);
    clock.advance(23 * 3600_000);
    await ingestWith(old.key).expect(200);
    clock.advance(2 * 3600_000);
    await ingestWith(old.key).expect(401);
    await ingestWith(rotated.body.key).expect(200);
  });

  it('revokes at once', async () => {
    const issued = (await create({ sourceSystemCode: 'igate', name: 'to revoke' }).expect(201)).body;
    await ingestWith(issued.key).expect(200);
    const res = await http()
      .post(`/v1/api-keys/${issued.id}/revoke`)
      .set('Authorization', operator)
      .expect(200);
    expect(res.body.revokedAt).not.toBeNull();
    await ingestWith(issued.key).expect(401);
    await http().post(`/v1/api-keys/${issued.id}/rotate`).set('Authorization', operator).expect(404);
  });

  it('stops accepting a key when it expires', async () => {
    const expiresAt = new Date(clock.now().getTime() + 24 * 3600_000).toISOString();
    const issued = (await create({ sourceSystemCode: 'igate', name: 'short', expiresAt }).expect(201)).body;
    expect(issued.expiresAt).toBe(expiresAt);
    await ingestWith(issued.key).expect(200);
    clock.advance(24 * 3600_000 + 1000);
    await ingestWith(issued.key).expect(401);
  });

  it('stops accepting the keys of a suspended source system', async () => {
    await sut.app
      .get(DataSource)
      .query(`INSERT INTO source_system (code, name, operator_org) VALUES ('old-app', 'Old', 'VNPT')`);
    const key = await producerKeyFor(sut.app, 'old-app');
    await ingestWith(key).expect(200);
    await sut.app
      .get(DataSource)
      .query(`UPDATE source_system SET status = 'suspended' WHERE code = 'old-app'`);
    clock.advance(31_000); // the key cache is kept 30 s
    await ingestWith(key).expect(401);
  });

  it('refuses the keys of a source system at once on the replica that suspends it, and takes them again once reactivated', async () => {
    const key = await producerKeyFor(sut.app, 'paused-app');
    await ingestWith(key).expect(200);
    const registration = (status: string) =>
      http()
        .put('/v1/source-systems/paused-app')
        .set('Authorization', operator)
        .send({ name: 'Paused', operatorOrg: 'VNPT', allowedFields: [], status })
        .expect(200);
    await registration('suspended');
    await ingestWith(key).expect(401);
    await http().get('/v1/accounts/any-account/status').set('X-Api-Key', key).expect(401);
    await registration('active');
    await ingestWith(key).expect(200);
  });

  it('says which field is wrong, and lets only operators and admins manage keys', async () => {
    const unknown = await create({ sourceSystemCode: 'nope', name: 'x' }).expect(400);
    expect(unknown.body.error.details).toEqual([
      { field: 'sourceSystemCode', message: expect.stringContaining('nope') },
    ]);
    const invalid = await create({ sourceSystemCode: 'igate', name: '', expiresAt: 'tomorrow' }).expect(400);
    expect(invalid.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'expiresAt',
      'name',
    ]);
    for (const role of [Role.REVIEWER, Role.AUDITOR]) {
      const bearer = await bearerFor(sut.app, role);
      await http().get('/v1/api-keys').set('Authorization', bearer).expect(403);
      await http()
        .post('/v1/api-keys')
        .set('Authorization', bearer)
        .send({ sourceSystemCode: 'igate', name: 'x' })
        .expect(403);
    }
    await http()
      .get('/v1/api-keys')
      .set('Authorization', await bearerFor(sut.app, Role.ADMIN))
      .expect(200);
  });

  it('records creation, rotation and revocation in the security log, without the key', async () => {
    const issued = (await create({ sourceSystemCode: 'igate', name: 'logged' }).expect(201)).body;
    const rotated = (
      await http().post(`/v1/api-keys/${issued.id}/rotate`).set('Authorization', operator).expect(201)
    ).body;
    await http().post(`/v1/api-keys/${issued.id}/revoke`).set('Authorization', operator).expect(200);
    const rows = await sut.app
      .get(DataSource)
      .query(`SELECT type, target, details FROM security_event WHERE target = ANY($1) ORDER BY id`, [
        [issued.id, rotated.id],
      ]);
    expect(rows).toEqual([
      expect.objectContaining({ type: 'api-key.created', target: issued.id }),
      expect.objectContaining({
        type: 'api-key.rotated',
        target: rotated.id,
        details: expect.objectContaining({ replaces: issued.id }),
      }),
      expect.objectContaining({ type: 'api-key.revoked', target: issued.id }),
    ]);
    const all = JSON.stringify(await sut.app.get(DataSource).query(`SELECT * FROM security_event`));
    expect(all).not.toContain(issued.key);
    expect(all).not.toContain(rotated.key);
  });
});
