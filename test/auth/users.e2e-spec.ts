import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { GOOD_PASSWORD, userWithPassword } from './auth.fixture';

describe('Users, managed by admins', () => {
  let sut: TestApp;
  let admin: string;
  const http = () => request(sut.app.getHttpServer());
  const signIn = (username: string, password: string) =>
    http().post('/v1/auth/login').send({ username, password });

  beforeAll(async () => {
    sut = await bootTestApp({ AUTH_SIGN_IN_RATE_LIMIT: '1000' });
    admin = await bearerFor(sut.app, Role.ADMIN);
  });
  afterAll(() => sut.close());

  it('creates a user with a one-time password shown once, which must be changed at first sign-in', async () => {
    const res = await http()
      .post('/v1/users')
      .set('Authorization', admin)
      .send({
        username: 'tran.thi.b',
        displayName: 'Trần Thị B',
        email: 'ttb@example.gov.vn',
        unitCode: 'VP-UBND',
        roles: ['reviewer'],
      })
      .expect(201);
    expect(res.body.user).toMatchObject({
      username: 'tran.thi.b',
      roles: ['reviewer'],
      status: 'active',
      mustChangePassword: true,
    });
    expect(res.body.oneTimePassword).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const tokens = (await signIn('tran.thi.b', res.body.oneTimePassword).expect(200)).body;
    expect(tokens.mustChangePassword).toBe(true);

    const listed = await http()
      .get('/v1/users')
      .query({ role: 'reviewer' })
      .set('Authorization', admin)
      .expect(200);
    expect(listed.body.map((u: { username: string }) => u.username)).toContain('tran.thi.b');
    expect(JSON.stringify(listed.body)).not.toMatch(/argon2|password_hash|passwordHash/);

    await http()
      .post('/v1/users')
      .set('Authorization', admin)
      .send({
        username: 'tran.thi.b',
        displayName: 'Again',
        email: 'other@example.gov.vn',
        roles: ['auditor'],
      })
      .expect(409);
  });

  it('changes roles at once for the next request, and logs the change', async () => {
    const user = await userWithPassword(sut.app, [Role.REVIEWER]);
    const auth = `Bearer ${(await signIn(user.username, user.password).expect(200)).body.accessToken}`;
    await http().get('/v1/users').set('Authorization', auth).expect(403);
    const res = await http()
      .patch(`/v1/users/${user.id}`)
      .set('Authorization', admin)
      .send({ roles: ['admin'] })
      .expect(200);
    expect(res.body.roles).toEqual(['admin']);
    await http().get('/v1/users').set('Authorization', auth).expect(200);

    const log = await http()
      .get('/v1/security-log')
      .query({ type: 'user.roles-changed' })
      .set('Authorization', admin)
      .expect(200);
    expect(log.body.items[0]).toMatchObject({
      target: user.username,
      details: { from: ['reviewer'], to: ['admin'] },
    });
  });

  it('ends the sessions of a disabled user at once and refuses their sign-in', async () => {
    const user = await userWithPassword(sut.app, [Role.AUDITOR]);
    const tokens = (await signIn(user.username, user.password).expect(200)).body;
    await http()
      .patch(`/v1/users/${user.id}`)
      .set('Authorization', admin)
      .send({ status: 'disabled' })
      .expect(200);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`).expect(401);
    await http().post('/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
    await signIn(user.username, user.password).expect(401);
  });

  it('resets a password to a one-time one and ends the sessions', async () => {
    const user = await userWithPassword(sut.app, [Role.AUDITOR]);
    const tokens = (await signIn(user.username, user.password).expect(200)).body;
    const res = await http()
      .post(`/v1/users/${user.id}/reset-password`)
      .set('Authorization', admin)
      .expect(201);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`).expect(401);
    await signIn(user.username, user.password).expect(401);
    const again = (await signIn(user.username, res.body.oneTimePassword).expect(200)).body;
    expect(again.mustChangePassword).toBe(true);
    await http()
      .post('/v1/auth/change-password')
      .set('Authorization', `Bearer ${again.accessToken}`)
      .send({ currentPassword: res.body.oneTimePassword, newPassword: `${user.username} ${GOOD_PASSWORD}` })
      .expect(400);
  });

  it('keeps admins from disabling themselves or dropping their own admin role', async () => {
    const me = (await http().get('/v1/auth/me').set('Authorization', admin).expect(200)).body.user;
    await http()
      .patch(`/v1/users/${me.id}`)
      .set('Authorization', admin)
      .send({ status: 'disabled' })
      .expect(409);
    await http()
      .patch(`/v1/users/${me.id}`)
      .set('Authorization', admin)
      .send({ roles: ['auditor'] })
      .expect(409);
  });

  it('answers 404 for an unknown user id', async () => {
    await http()
      .get('/v1/users/00000000-0000-4000-8000-000000000000')
      .set('Authorization', admin)
      .expect(404);
  });

  it('stores passwords as argon2id hashes only', async () => {
    const user = await userWithPassword(sut.app);
    const [row] = await sut.app
      .get(DataSource)
      .query(`SELECT password_hash FROM app_user WHERE id = $1`, [user.id]);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(user.password);
  });

  it('answers 409 to the loser of two simultaneous creations of one username', async () => {
    const body = { username: 'twin', displayName: 'Twin', roles: ['auditor'] };
    const statuses = await Promise.all(
      ['twin1@example.gov.vn', 'twin2@example.gov.vn'].map(
        async (email) =>
          (
            await http()
              .post('/v1/users')
              .set('Authorization', admin)
              .send({ ...body, email })
          ).status,
      ),
    );
    expect(statuses.sort()).toEqual([201, 409]);
  });
});
