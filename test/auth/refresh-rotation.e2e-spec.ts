import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { userWithPassword } from './auth.fixture';

const ROUNDS = 20;

describe('Refresh-token rotation', () => {
  let sut: TestApp;
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    sut = await bootTestApp({ AUTH_SIGN_IN_RATE_LIMIT: '100000' });
  });
  afterAll(() => sut.close());

  const signIn = async (): Promise<{ userId: string; accessToken: string; refreshToken: string }> => {
    const user = await userWithPassword(sut.app);
    const res = await http()
      .post('/v1/auth/login')
      .send({ username: user.username, password: user.password })
      .expect(200);
    return { userId: user.id, ...res.body };
  };
  const refresh = (refreshToken: string) => http().post('/v1/auth/refresh').send({ refreshToken });
  const me = (accessToken: string) => http().get('/v1/auth/me').set('Authorization', `Bearer ${accessToken}`);
  const reuseEvents = async (userId: string): Promise<number> => {
    const [row] = await sut.app
      .get(DataSource)
      .query(
        `SELECT count(*)::int AS n FROM security_event WHERE type = 'refresh-token.reused' AND target = $1`,
        [userId],
      );
    return row.n;
  };

  it(`lets one of two simultaneous refreshes with one token win, and the reuse ends the session, the winner's new tokens included (${ROUNDS} rounds)`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const session = await signIn();
      const answers = await Promise.all([refresh(session.refreshToken), refresh(session.refreshToken)]);
      expect(answers.map((res) => res.status).sort()).toEqual([200, 401]);
      const winner = answers.find((res) => res.status === 200)!.body;
      await me(winner.accessToken).expect(401);
      await refresh(winner.refreshToken).expect(401);
      await me(session.accessToken).expect(401);
      expect(await reuseEvents(session.userId)).toBe(1);
    }
  });

  it('answers a refresh after sign-out with 401 and logs no reuse', async () => {
    const session = await signIn();
    await http().post('/v1/auth/logout').set('Authorization', `Bearer ${session.accessToken}`).expect(204);
    const res = await refresh(session.refreshToken).expect(401);
    expect(res.body.error.message).toMatch(/session has ended/);
    expect(await reuseEvents(session.userId)).toBe(0);
  });

  it('answers a refresh after the user was disabled with 401 and logs no reuse', async () => {
    const session = await signIn();
    await http()
      .patch(`/v1/users/${session.userId}`)
      .set('Authorization', await bearerFor(sut.app, Role.ADMIN))
      .send({ status: 'disabled' })
      .expect(200);
    const res = await refresh(session.refreshToken).expect(401);
    expect(res.body.error.message).toMatch(/session has ended/);
    expect(await reuseEvents(session.userId)).toBe(0);
  });

  it('still treats a rotated token presented again as a reuse: logged, and the session ends', async () => {
    const session = await signIn();
    const next = (await refresh(session.refreshToken).expect(200)).body;
    const res = await refresh(session.refreshToken).expect(401);
    expect(res.body.error.message).toMatch(/already used/);
    await me(next.accessToken).expect(401);
    await refresh(next.refreshToken).expect(401);
    expect(await reuseEvents(session.userId)).toBe(1);
  });
});
