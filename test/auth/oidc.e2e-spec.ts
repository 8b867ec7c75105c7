import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, JWTPayload, KeyLike, SignJWT } from 'jose';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { Role } from '@app/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { expectNotStored, userWithPassword } from './auth.fixture';

/** A minimal OpenID provider on loopback: discovery document and JWKS, as Keycloak publishes them. */
async function startProvider(publicKey: KeyLike): Promise<{ server: Server; issuer: string }> {
  const jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const server = createServer((req, res) => {
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/tthc`;
    res.setHeader('Content-Type', 'application/json');
    if (req.url === '/realms/tthc/.well-known/openid-configuration') {
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/openid-connect/certs` }));
    } else if (req.url === '/realms/tthc/protocol/openid-connect/certs') {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/tthc` };
}

describe('Sign-in through an OpenID Connect provider', () => {
  let sut: TestApp;
  let provider: { server: Server; issuer: string };
  let signingKey: KeyLike;
  let otherKey: KeyLike;
  const http = () => request(sut.app.getHttpServer());

  const idToken = (
    claims: JWTPayload,
    options: { key?: KeyLike; audience?: string; issuer?: string; expiresIn?: string } = {},
  ) =>
    new SignJWT({ ...claims })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setSubject('f3c1c1a2-provider-subject')
      .setIssuer(options.issuer ?? provider.issuer)
      .setAudience(options.audience ?? 'tthc-console')
      .setIssuedAt()
      .setExpirationTime(options.expiresIn ?? '5m')
      .sign(options.key ?? signingKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    signingKey = pair.privateKey;
    otherKey = (await generateKeyPair('RS256')).privateKey;
    provider = await startProvider(pair.publicKey);
    sut = await bootTestApp({
      AUTH_OIDC_ISSUER: provider.issuer,
      AUTH_OIDC_CLIENT_ID: 'tthc-console',
      AUTH_SIGN_IN_RATE_LIMIT: '1000',
    });
  });
  afterAll(async () => {
    await sut.close();
    await new Promise((resolve) => provider.server.close(resolve));
  });

  it('tells the console the provider settings', async () => {
    const res = await http().get('/v1/auth/oidc').expect(200);
    expect(res.body).toEqual({ enabled: true, issuer: provider.issuer, clientId: 'tthc-console' });
  });

  it('signs in a registered user with a valid ID token, with the roles granted here', async () => {
    const user = await userWithPassword(sut.app, [Role.AUDITOR]);
    const token = await idToken({ preferred_username: user.username.toUpperCase(), roles: ['admin'] });
    const res = await http().post('/v1/auth/oidc/login').send({ idToken: token }).expect(200);
    expectNotStored(res);
    const me = await http()
      .get('/v1/auth/me')
      .set('Authorization', `Bearer ${res.body.accessToken}`)
      .expect(200);
    expect(me.body.user).toMatchObject({ username: user.username, roles: ['auditor'] });
    await http().get('/v1/users').set('Authorization', `Bearer ${res.body.accessToken}`).expect(403);
  });

  it.each([
    ['signed by another key', { key: 'other' }],
    ['for another client', { audience: 'someone-else' }],
    ['from another issuer', { issuer: 'http://127.0.0.1:1/realms/evil' }],
    ['expired', { expiresIn: '-1m' }],
  ])('refuses an ID token %s with 401', async (_name, options) => {
    const user = await userWithPassword(sut.app);
    const token = await idToken(
      { preferred_username: user.username },
      { ...(options as object), key: (options as { key?: string }).key ? otherKey : undefined },
    );
    const res = await http().post('/v1/auth/oidc/login').send({ idToken: token }).expect(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('refuses (403) a valid identity that is not an active user here, and logs it', async () => {
    const token = await idToken({ preferred_username: 'stranger' });
    await http().post('/v1/auth/oidc/login').send({ idToken: token }).expect(403);
    const [event] = await sut.app
      .get(DataSource)
      .query(`SELECT type, details FROM security_event WHERE target = 'stranger' ORDER BY id DESC LIMIT 1`);
    expect(event).toEqual({ type: 'sign-in.failed', details: { via: 'oidc', reason: 'no such user' } });
  });

  it('refuses a token that is not a JWT with a field-level 400', async () => {
    const res = await http().post('/v1/auth/oidc/login').send({ idToken: 'hello' }).expect(400);
    expect(res.body.error.details[0].field).toBe('idToken');
  });
});

describe('Without an OpenID Connect provider', () => {
  it('says sign-in through a provider is off', async () => {
    const sut = await bootTestApp();
    try {
      const res = await request(sut.app.getHttpServer()).get('/v1/auth/oidc').expect(200);
      expect(res.body).toEqual({ enabled: false });
      await request(sut.app.getHttpServer())
        .post('/v1/auth/oidc/login')
        .send({ idToken: 'a.b.c' })
        .expect(404);
    } finally {
      await sut.close();
    }
  });
});
