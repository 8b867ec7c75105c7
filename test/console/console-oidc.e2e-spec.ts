import { createHash, randomBytes } from 'node:crypto';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, KeyLike, SignJWT } from 'jose';
import { Role, UserService } from '@app/auth';
import { useConsole } from './console.fixture';

jest.setTimeout(120_000);

const CLIENT_ID = 'tthc-console';

/**
 * An OpenID provider on loopback that signs the person in at once: discovery, the authorization endpoint (which
 * sends the browser straight back with a code), the token endpoint (which checks the PKCE verifier) and its keys.
 */
async function startProvider(username: string): Promise<{ server: Server; issuer: string }> {
  const { publicKey, privateKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey as KeyLike)), kid: 'k1', alg: 'RS256', use: 'sig' };
  const codes = new Map<string, string>();
  const server = createServer((req, res) => {
    const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/tthc`;
    const url = new URL(req.url!, issuer);
    res.setHeader('Access-Control-Allow-Origin', '*');
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(body));
    };
    if (url.pathname === '/realms/tthc/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        jwks_uri: `${issuer}/certs`,
        authorization_endpoint: `${issuer}/auth`,
        token_endpoint: `${issuer}/token`,
      });
    }
    if (url.pathname === '/realms/tthc/certs') return json(200, { keys: [jwk] });
    if (url.pathname === '/realms/tthc/auth') {
      const code = randomBytes(8).toString('hex');
      codes.set(code, url.searchParams.get('code_challenge')!);
      const back = new URL(url.searchParams.get('redirect_uri')!);
      back.search = new URLSearchParams({ code, state: url.searchParams.get('state')! }).toString();
      return res.writeHead(302, { Location: back.toString() }).end();
    }
    if (url.pathname === '/realms/tthc/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
        if (codes.get(form.get('code') ?? '') !== challenge || form.get('client_id') !== CLIENT_ID) {
          return json(400, { error: 'invalid_grant' });
        }
        void new SignJWT({ preferred_username: username })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setSubject('provider-subject-1')
          .setIssuer(issuer)
          .setAudience(CLIENT_ID)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(privateKey)
          .then((idToken) => json(200, { id_token: idToken, token_type: 'Bearer' }));
      });
      return;
    }
    json(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, issuer: `http://127.0.0.1:${(server.address() as AddressInfo).port}/realms/tthc` };
}

describe('The console with an identity provider', () => {
  let provider: { server: Server; issuer: string };
  beforeAll(async () => {
    provider = await startProvider('oidc.reviewer');
  });
  afterAll(() => new Promise((resolve) => provider?.server.close(resolve)));
  const c = useConsole(() => ({ AUTH_OIDC_ISSUER: provider.issuer, AUTH_OIDC_CLIENT_ID: CLIENT_ID }));

  it('signs in through the provider (authorization code with PKCE) and comes back to the page asked for', async () => {
    await c.t.app
      .get(UserService)
      .create(
        { username: 'oidc.reviewer', displayName: 'Trần Văn B', email: 'tvb@so.gov.vn', roles: [Role.REVIEWER], password: null },
        { kind: 'system', name: 'test' },
      );
    const index = await c.http().get('/alerts').set('Accept', 'text/html').expect(200);
    expect(index.headers['content-security-policy']).toContain(`connect-src 'self' ${new URL(provider.issuer).origin}`);

    await c.page.goto(`${c.base}/alerts`);
    await c.page.getByRole('button', { name: 'Đăng nhập qua hệ thống xác thực tập trung' }).click();
    await c.page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    expect(new URL(c.page.url()).pathname).toBe('/alerts');
    await c.page.getByTestId('current-user').getByText('Trần Văn B').waitFor();
  });
});
