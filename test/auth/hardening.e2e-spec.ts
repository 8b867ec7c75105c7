import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/auth';
import { bearerFor, producerKeyFor } from '../utils/auth';
import { TestApp } from '../utils/test-app';
import { bootProbeApp, userWithPassword } from './auth.fixture';

const INJECTIONS = [
  "' OR '1'='1",
  "'; DROP TABLE app_user; --",
  '1; SELECT pg_sleep(1)--',
  "admin'--",
  "' UNION SELECT id, username, email, password_hash FROM app_user--",
  '%27%20OR%201%3D1',
  '\\x00',
];

/**
 * A client address of its own per caller (the app trusts X-Forwarded-For from loopback, as behind a proxy): sign-in
 * is limited per address, and each test counts only its own attempts.
 */
let lastAddress = 0;
const freshAddress = (): string => `198.51.100.${++lastAddress}`;

/** No SQL, stack, table or driver detail in an answer. */
const LEAK = /syntax|SELECT |app_user|relation|postgres|QueryFailed|stack|\bat .*\.(js|ts):\d+/i;

describe('Hardening', () => {
  let sut: TestApp;
  let admin: string;
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    sut = await bootProbeApp({
      HTTP_BODY_LIMIT: '2kb',
      AUTH_SIGN_IN_RATE_LIMIT: '4',
      AUTH_INGEST_RATE_LIMIT: '3',
      CORS_ORIGINS: 'https://console.example.gov.vn',
    });
    admin = await bearerFor(sut.app, Role.ADMIN);
  });
  afterAll(() => sut.close());

  it.each([
    ['/v1/users', ['role', 'status', 'limit', 'offset']],
    ['/v1/security-log', ['type', 'actor', 'from', 'to', 'cursor', 'limit']],
    ['/v1/api-keys', ['sourceSystemCode', 'includeRevoked']],
  ])(
    'answers SQL-injection strings in every query parameter of %s with 200 or 400, no leak and no rows',
    async (path, params) => {
      await userWithPassword(sut.app);
      const before = await sut.app.get(DataSource).query(`SELECT count(*)::int AS n FROM app_user`);
      for (const param of params) {
        for (const value of INJECTIONS) {
          const res = await http()
            .get(path)
            .query({ [param]: value })
            .set('Authorization', admin);
          expect([200, 400]).toContain(res.status);
          expect(JSON.stringify(res.body)).not.toMatch(LEAK);
          if (res.status === 200) expect(res.body.items ?? res.body).toEqual([]);
          if (res.status === 400) expect(res.body.error.details[0].field).toBe(param);
        }
      }
      expect(await sut.app.get(DataSource).query(`SELECT count(*)::int AS n FROM app_user`)).toEqual(before);
    },
  );

  it('answers SQL-injection strings in path ids and sign-in fields without a leak', async () => {
    for (const value of INJECTIONS) {
      const byId = await http()
        .get(`/v1/users/${encodeURIComponent(value)}`)
        .set('Authorization', admin);
      expect(byId.status).toBe(400);
      expect(byId.body.error.details).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
      const signIn = await http()
        .post('/v1/auth/login')
        .set('X-Forwarded-For', freshAddress())
        .send({ username: value, password: value });
      // A username has at most 64 characters: the UNION string is refused by validation, naming the field.
      if (value.length > 64) {
        expect(signIn.status).toBe(400);
        expect(signIn.body.error.details).toEqual([expect.objectContaining({ field: 'username' })]);
      } else {
        expect(signIn.status).toBe(401);
      }
      expect(JSON.stringify(signIn.body)).not.toMatch(LEAK);
    }
  });

  it('refuses a body larger than HTTP_BODY_LIMIT with 413 and a JSON error', async () => {
    const res = await http()
      .post('/v1/users')
      .set('Authorization', admin)
      .send({
        username: 'big',
        displayName: 'x'.repeat(4096),
        email: 'big@example.gov.vn',
        roles: ['reviewer'],
      })
      .expect(413);
    expect(res.body.error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it('says which field is wrong and why (400), and refuses unknown fields', async () => {
    const res = await http()
      .post('/v1/users')
      .set('Authorization', admin)
      .send({ username: 'Bad Name', displayName: 'A', email: 'not-an-email', roles: ['king'], isAdmin: true })
      .expect(400);
    const fields = res.body.error.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['email', 'isAdmin', 'roles', 'username']);
    expect(res.body.error.details.find((d: { field: string }) => d.field === 'roles').message).toMatch(
      /admin, reviewer, auditor, operator/,
    );
  });

  it('lets AUTH_SIGN_IN_RATE_LIMIT (4) sign-in attempts a minute through per client address, then answers 429', async () => {
    const [address, other] = [freshAddress(), freshAddress()];
    const attempt = (from: string) =>
      http()
        .post('/v1/auth/login')
        .set('X-Forwarded-For', from)
        .send({ username: 'someone', password: 'whatever it is' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(address)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const limited = await attempt(address).expect(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    await attempt(other).expect(401);
  });

  it('limits ingest requests per API key (429), without limiting other keys', async () => {
    const [first, second] = [await producerKeyFor(sut.app, 'igate'), await producerKeyFor(sut.app, 'igate')];
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push((await http().post('/v1/test-probe/ingest').set('X-Api-Key', first)).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    await http().post('/v1/test-probe/ingest').set('X-Api-Key', second).expect(200);
  });

  it('does not rate-limit ordinary API routes', async () => {
    for (let i = 0; i < 8; i++) await http().get('/v1/auth/me').set('Authorization', admin).expect(200);
  });
});

describe('Hardening of the app as main.ts builds it', () => {
  it('sends security headers, allows CORS only from the configured origins, refuses big bodies (413), leaks no internals', async () => {
    const { bootTestApp } = await import('../utils/test-app');
    const sut = await bootTestApp({ CORS_ORIGINS: 'https://console.example.gov.vn', HTTP_BODY_LIMIT: '2kb' });
    try {
      const http = () => request(sut.app.getHttpServer());
      const res = await http().get('/health').set('Origin', 'https://console.example.gov.vn').expect(200);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeDefined();
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['access-control-allow-origin']).toBe('https://console.example.gov.vn');
      const other = await http().get('/health').set('Origin', 'https://evil.example.com').expect(200);
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const broken = await http()
        .post('/v1/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"username": ')
        .expect(400);
      expect(JSON.stringify(broken.body)).not.toMatch(LEAK);
      const big = await http()
        .post('/v1/auth/login')
        .send({ username: 'x', password: 'y'.repeat(3000) })
        .expect(413);
      expect(big.body.error.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await sut.close();
    }
  });
});
