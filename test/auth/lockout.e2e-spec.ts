import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { PasswordService, Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { GOOD_PASSWORD, userWithPassword } from './auth.fixture';

const THRESHOLD = 5;
const BURST = 15;

/** Resolves once the condition holds (the burst's requests have all reached the service): no time limit of its own. */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 2));
}

/**
 * Counts the password checks (argon2 verifications) the service makes. Held, every check waits until released,
 * so that a whole burst is in the service before any attempt is answered: the worst interleaving, every time.
 */
function watchPasswordChecks(sut: TestApp, options: { hold: boolean }) {
  const passwords = sut.app.get(PasswordService);
  const verify = passwords.verify.bind(passwords);
  let release!: () => void;
  const gate = new Promise<void>((resolve) => (release = resolve));
  let checks = 0;
  const spy = jest.spyOn(passwords, 'verify').mockImplementation(async (hash, password) => {
    checks++;
    if (options.hold) await gate;
    return verify(hash, password);
  });
  return {
    checks: () => checks,
    release,
    restore: () => spy.mockRestore(),
  };
}

describe('Lockout under parallel attempts', () => {
  let sut: TestApp;
  const clock = new FixedClock(new Date('2026-11-24T08:00:00Z'));
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    sut = await bootTestApp(
      {
        AUTH_SIGN_IN_RATE_LIMIT: '1000',
        AUTH_LOCKOUT_THRESHOLD: String(THRESHOLD),
        AUTH_LOCKOUT_DURATION: '5m',
      },
      { clock },
    );
  });
  afterAll(() => sut.close());

  const signIn = (username: string, password: string) =>
    http().post('/v1/auth/login').send({ username, password });
  const wrong = (i: number) => `not the password, try ${i}`;

  it('checks at most AUTH_LOCKOUT_THRESHOLD passwords of 15 simultaneous sign-ins, and the right one sent last is refused', async () => {
    const user = await userWithPassword(sut.app);
    const watch = watchPasswordChecks(sut, { hold: true });
    let answered = 0;
    const attempt = (password: string) =>
      signIn(user.username, password).then((res) => {
        answered++;
        return res;
      });
    try {
      const guesses = Array.from({ length: BURST - 1 }, (_, i) => attempt(wrong(i)));
      await until(() => watch.checks() + answered === BURST - 1);
      const right = attempt(user.password);
      await until(() => watch.checks() + answered === BURST);
      watch.release();
      const answers = await Promise.all([...guesses, right]);
      expect(watch.checks()).toBe(THRESHOLD);
      expect(answers.map((res) => res.status)).toEqual(Array(BURST).fill(401));
      expect(answers[BURST - 1].body.error.message).toMatch(/locked/);
    } finally {
      watch.release();
      watch.restore();
    }
    // The lock holds: the burst's right password did not clear it, nor does the next one.
    await signIn(user.username, user.password).expect(401);
    clock.advance(5 * 60_000 + 1000);
    await signIn(user.username, user.password).expect(200);
  });

  it('never checks more than AUTH_LOCKOUT_THRESHOLD passwords of a burst, whatever the interleaving (5 rounds)', async () => {
    for (let round = 0; round < 5; round++) {
      const user = await userWithPassword(sut.app);
      const watch = watchPasswordChecks(sut, { hold: false });
      try {
        const answers = await Promise.all(
          Array.from({ length: BURST }, (_, i) => signIn(user.username, wrong(i))),
        );
        expect(answers.map((res) => res.status)).toEqual(Array(BURST).fill(401));
        expect(watch.checks()).toBeLessThanOrEqual(THRESHOLD);
      } finally {
        watch.restore();
      }
      await signIn(user.username, user.password).expect(401);
    }
  });

  it('answers an unknown username exactly like an existing one, lockout included', async () => {
    const user = await userWithPassword(sut.app);
    const unknown = `ghost${randomBytes(4).toString('hex')}`;
    const answers = async (username: string) => {
      const seen: unknown[] = [];
      for (let i = 0; i < THRESHOLD + 2; i++) {
        const res = await signIn(username, wrong(i));
        seen.push({ status: res.status, code: res.body.error.code, message: res.body.error.message });
      }
      return seen;
    };
    const existing = await answers(user.username);
    expect(await answers(unknown)).toEqual(existing);
    expect(existing[THRESHOLD]).toEqual(
      expect.objectContaining({ status: 401, message: expect.stringMatching(/locked/) }),
    );
  });

  it('counts wrong current passwords at change-password with the sign-in failures: locked after the threshold', async () => {
    const user = await userWithPassword(sut.app);
    const { accessToken } = (await signIn(user.username, user.password).expect(200)).body;
    const change = (currentPassword: string) =>
      http()
        .post('/v1/auth/change-password')
        .set('Authorization', `Bearer ${accessToken}`)
        .send({ currentPassword, newPassword: `${GOOD_PASSWORD} mới hơn` });
    for (let i = 0; i < THRESHOLD; i++) await change(wrong(i)).expect(400);
    const locked = await change(user.password).expect(429);
    expect(locked.body.error.message).toMatch(/try again later/);
    await signIn(user.username, user.password).expect(401);
    clock.advance(5 * 60_000 + 1000);
    await change(user.password).expect(204);
  });

  it('checks at most AUTH_LOCKOUT_THRESHOLD current passwords of simultaneous change-password requests', async () => {
    const user = await userWithPassword(sut.app);
    const { accessToken } = (await signIn(user.username, user.password).expect(200)).body;
    const watch = watchPasswordChecks(sut, { hold: false });
    try {
      const answers = await Promise.all(
        Array.from({ length: BURST }, (_, i) =>
          http()
            .post('/v1/auth/change-password')
            .set('Authorization', `Bearer ${accessToken}`)
            .send({ currentPassword: wrong(i), newPassword: `${GOOD_PASSWORD} mới hơn` }),
        ),
      );
      expect(answers.map((res) => res.status).sort()).toEqual([
        ...Array(THRESHOLD).fill(400),
        ...Array(BURST - THRESHOLD).fill(429),
      ]);
      expect(watch.checks()).toBe(THRESHOLD);
    } finally {
      watch.restore();
    }
  });
});

describe('Change-password rate limit', () => {
  it('lets AUTH_SIGN_IN_RATE_LIMIT (3) change-password requests a minute through per user, then answers 429', async () => {
    const sut = await bootTestApp({ AUTH_SIGN_IN_RATE_LIMIT: '3', AUTH_LOCKOUT_THRESHOLD: '50' });
    try {
      const http = () => request(sut.app.getHttpServer());
      const [first, second] = [
        await bearerFor(sut.app, Role.REVIEWER),
        await bearerFor(sut.app, Role.REVIEWER),
      ];
      const change = (bearer: string) =>
        http()
          .post('/v1/auth/change-password')
          .set('Authorization', bearer)
          .send({ currentPassword: 'a guess at the password', newPassword: GOOD_PASSWORD });
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await change(first)).status);
      expect(statuses).toEqual([400, 400, 400, 429, 429]);
      await change(second).expect(400);
    } finally {
      await sut.close();
    }
  });
});
