import request from 'supertest';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { bootTestApp, TestApp } from '../utils/test-app';
import { GOOD_PASSWORD, userWithPassword } from './auth.fixture';

describe('Sign-in, refresh and sign-out', () => {
  let sut: TestApp;
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    sut = await bootTestApp(
      {
        AUTH_SIGN_IN_RATE_LIMIT: '1000',
        AUTH_LOCKOUT_THRESHOLD: '3',
        AUTH_LOCKOUT_DURATION: '15m',
      },
      { clock },
    );
  });
  afterAll(() => sut.close());

  const signIn = (username: string, password: string) =>
    http().post('/v1/auth/login').send({ username, password });

  it('signs in with the right password and serves the user with the token', async () => {
    const user = await userWithPassword(sut.app, [Role.AUDITOR]);
    const res = await signIn(user.username, user.password).expect(200);
    expect(res.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresIn: 900,
      mustChangePassword: false,
    });
    const me = await http()
      .get('/v1/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.user).toMatchObject({ username: user.username, roles: ['auditor'] });
    expect(me.body.permissions).toContain('audit:search');
    expect(me.body.user).not.toHaveProperty('passwordHash');
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const user = await userWithPassword(sut.app);
    const wrong = await signIn(user.username, 'not the password at all').expect(401);
    const unknown = await signIn('nobody-here', 'not the password at all').expect(401);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
    expect(wrong.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('rotates the refresh token, and a reused one ends the whole session', async () => {
    const user = await userWithPassword(sut.app);
    const first = (await signIn(user.username, user.password).expect(200)).body;
    const second = (
      await http().post('/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(200)
    ).body;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${second.accessToken}`).expect(200);

    await http().post('/v1/auth/refresh').send({ refreshToken: first.refreshToken }).expect(401);
    await http().post('/v1/auth/refresh').send({ refreshToken: second.refreshToken }).expect(401);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${second.accessToken}`).expect(401);
  });

  it('signs out: the access and refresh tokens of that session stop working', async () => {
    const user = await userWithPassword(sut.app);
    const tokens = (await signIn(user.username, user.password).expect(200)).body;
    const other = (await signIn(user.username, user.password).expect(200)).body;
    await http().post('/v1/auth/logout').set('Authorization', `Bearer ${tokens.accessToken}`).expect(204);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${tokens.accessToken}`).expect(401);
    await http().post('/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${other.accessToken}`).expect(200);
  });

  it('locks sign-in after repeated failures, even with the right password, until the cool-down has passed', async () => {
    const user = await userWithPassword(sut.app);
    for (let i = 0; i < 3; i++) await signIn(user.username, 'wrong password number x').expect(401);
    const locked = await signIn(user.username, user.password).expect(401);
    expect(locked.body.error.message).toMatch(/locked/);
    clock.advance(14 * 60_000);
    await signIn(user.username, user.password).expect(401);
    clock.advance(2 * 60_000);
    await signIn(user.username, user.password).expect(200);
  });

  it('refuses an expired access token and a tampered one with 401', async () => {
    const user = await userWithPassword(sut.app);
    const { accessToken } = (await signIn(user.username, user.password).expect(200)).body;
    const [header, payload, signature] = accessToken.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = Buffer.from(JSON.stringify({ ...claims, exp: claims.exp + 3600 })).toString('base64url');
    const tampered = await http()
      .get('/v1/auth/me')
      .set('Authorization', `Bearer ${header}.${forged}.${signature}`)
      .expect(401);
    expect(tampered.body.error.message).toBe('The access token is not valid');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${unsigned}`).expect(401);

    await http().get('/v1/auth/me').set('Authorization', `Bearer ${accessToken}`).expect(200);
    clock.advance(16 * 60_000);
    const expired = await http().get('/v1/auth/me').set('Authorization', `Bearer ${accessToken}`).expect(401);
    expect(expired.body.error.message).toBe('The access token has expired');
  });

  it('makes a user with a one-time password change it before anything else', async () => {
    const user = await userWithPassword(sut.app, [Role.ADMIN], {
      password: 'Tạm thời 2026 xyz!',
      mustChangePassword: true,
    });
    const tokens = (await signIn(user.username, user.password).expect(200)).body;
    expect(tokens.mustChangePassword).toBe(true);
    const auth = `Bearer ${tokens.accessToken}`;
    const blocked = await http().get('/v1/users').set('Authorization', auth).expect(403);
    expect(blocked.body.error.message).toMatch(/change your password/i);

    const weak = await http()
      .post('/v1/auth/change-password')
      .set('Authorization', auth)
      .send({ currentPassword: user.password, newPassword: 'Password2026!' })
      .expect(400);
    expect(weak.body.error.details).toEqual(
      expect.arrayContaining([{ field: 'newPassword', message: expect.stringMatching(/common/) }]),
    );
    await http()
      .post('/v1/auth/change-password')
      .set('Authorization', auth)
      .send({ currentPassword: user.password, newPassword: GOOD_PASSWORD })
      .expect(204);
    await http().get('/v1/users').set('Authorization', auth).expect(200);
    await signIn(user.username, user.password).expect(401);
    expect((await signIn(user.username, GOOD_PASSWORD).expect(200)).body.mustChangePassword).toBe(false);
  });

  it('ends a session when its refresh token outlives AUTH_REFRESH_TOKEN_TTL', async () => {
    const user = await userWithPassword(sut.app);
    const tokens = (await signIn(user.username, user.password).expect(200)).body;
    clock.advance(14 * 86400_000 + 1000);
    const res = await http().post('/v1/auth/refresh').send({ refreshToken: tokens.refreshToken }).expect(401);
    expect(res.body.error.message).toMatch(/sign in again/);
  });

  it('ends the other sessions of a user who changes the password, keeping the current one', async () => {
    const user = await userWithPassword(sut.app);
    const current = (await signIn(user.username, user.password).expect(200)).body;
    const elsewhere = (await signIn(user.username, user.password).expect(200)).body;
    await http()
      .post('/v1/auth/change-password')
      .set('Authorization', `Bearer ${current.accessToken}`)
      .send({ currentPassword: user.password, newPassword: `${GOOD_PASSWORD} mới` })
      .expect(204);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${elsewhere.accessToken}`).expect(401);
    await http().post('/v1/auth/refresh').send({ refreshToken: elsewhere.refreshToken }).expect(401);
    await http().get('/v1/auth/me').set('Authorization', `Bearer ${current.accessToken}`).expect(200);
  });
});
