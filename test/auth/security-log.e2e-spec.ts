import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { userWithPassword } from './auth.fixture';

describe('The security log', () => {
  let sut: TestApp;
  let admin: string;
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    sut = await bootTestApp({ AUTH_SIGN_IN_RATE_LIMIT: '1000' });
    admin = await bearerFor(sut.app, Role.ADMIN);
  });
  afterAll(() => sut.close());

  it('records sign-ins, failed sign-ins and sign-outs with who, when and from where, never the password', async () => {
    const user = await userWithPassword(sut.app);
    await http()
      .post('/v1/auth/login')
      .send({ username: user.username, password: 'wrong wrong wrong' })
      .expect(401);
    const { accessToken } = (
      await http()
        .post('/v1/auth/login')
        .send({ username: user.username, password: user.password })
        .expect(200)
    ).body;
    await http().post('/v1/auth/logout').set('Authorization', `Bearer ${accessToken}`).expect(204);

    const res = await http()
      .get('/v1/security-log')
      .query({ actor: user.username })
      .set('Authorization', admin)
      .expect(200);
    expect(res.body.items.map((e: { type: string }) => e.type)).toEqual([
      'sign-out',
      'sign-in.succeeded',
      'sign-in.failed',
    ]);
    expect(res.body.items[2]).toMatchObject({
      actorKind: 'user',
      target: user.username,
      clientIp: expect.stringMatching(/127\.0\.0\.1/),
    });
    const everything = JSON.stringify(await sut.app.get(DataSource).query(`SELECT * FROM security_event`));
    expect(everything).not.toContain(user.password);
    expect(everything).not.toContain('wrong wrong wrong');
    expect(everything).not.toContain(accessToken);
    const metrics = await http().get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^tthc_audit_security_events_total\{type="sign-in.failed"\} [1-9]/m);
  });

  it('pages newest first by cursor, and filters by type and time', async () => {
    for (let i = 0; i < 5; i++)
      await http()
        .post('/v1/auth/login')
        .send({ username: `ghost${i}`, password: 'not a password' })
        .expect(401);
    const first = await http()
      .get('/v1/security-log')
      .query({ type: 'sign-in.failed', limit: 2 })
      .set('Authorization', admin)
      .expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(first.body.items[1].id);
    const second = await http()
      .get('/v1/security-log')
      .query({ type: 'sign-in.failed', limit: 2, cursor: first.body.nextCursor })
      .set('Authorization', admin)
      .expect(200);
    expect(Number(second.body.items[0].id)).toBeLessThan(Number(first.body.items[1].id));
    expect(
      [...first.body.items, ...second.body.items].every((e: { type: string }) => e.type === 'sign-in.failed'),
    ).toBe(true);
    const future = await http()
      .get('/v1/security-log')
      .query({ from: '2999-01-01T00:00:00Z' })
      .set('Authorization', admin)
      .expect(200);
    expect(future.body).toEqual({ items: [], nextCursor: null });
    const bad = await http()
      .get('/v1/security-log')
      .query({ type: 'party', from: 'yesterday' })
      .set('Authorization', admin)
      .expect(400);
    expect(bad.body.error.details.map((d: { field: string }) => d.field).sort()).toEqual(['from', 'type']);
  });

  it('is readable by admins only', async () => {
    for (const role of [Role.REVIEWER, Role.AUDITOR, Role.OPERATOR]) {
      await http()
        .get('/v1/security-log')
        .set('Authorization', await bearerFor(sut.app, role))
        .expect(403);
    }
  });

  it('cannot be changed or emptied through SQL', async () => {
    const db = sut.app.get(DataSource);
    await expect(db.query(`UPDATE security_event SET type = 'nothing'`)).rejects.toThrow(/append-only/);
    await expect(db.query(`DELETE FROM security_event`)).rejects.toThrow(/append-only/);
    await expect(db.query(`TRUNCATE security_event`)).rejects.toThrow(/append-only/);
  });
});
