/**
 * The OpenID Connect authorization-code flow with PKCE, run by the browser against the identity provider the
 * service names (GET /v1/auth/oidc). The ID token it ends with is handed to POST /v1/auth/oidc/login, which checks
 * it; roles come from this service, never from the provider.
 */
const FLOW_KEY = 'tthc.console.oidc';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

interface Flow {
  state: string;
  verifier: string;
  from: string;
  tokenEndpoint: string;
  clientId: string;
}

const redirectUri = () => `${window.location.origin}/sign-in/oidc`;

function randomString(bytes = 32): string {
  const a = crypto.getRandomValues(new Uint8Array(bytes));
  return base64Url(a);
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`discovery ${res.status}`);
  return (await res.json()) as Discovery;
}

/** Leaves for the provider's sign-in page; it comes back to /sign-in/oidc. */
export async function startOidcSignIn(issuer: string, clientId: string, from: string): Promise<void> {
  const discovery = await discover(issuer);
  const verifier = randomString();
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const flow: Flow = { state: randomString(16), verifier, from, tokenEndpoint: discovery.token_endpoint, clientId };
  sessionStorage.setItem(FLOW_KEY, JSON.stringify(flow));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri(),
    scope: 'openid profile',
    state: flow.state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  window.location.assign(url.toString());
}

/** On /sign-in/oidc: trades the code for the ID token; returns it with the page to go back to. */
export async function finishOidcSignIn(search: string): Promise<{ idToken: string; from: string }> {
  const params = new URLSearchParams(search);
  const raw = sessionStorage.getItem(FLOW_KEY);
  sessionStorage.removeItem(FLOW_KEY);
  if (params.get('error')) throw new Error(params.get('error_description') ?? params.get('error')!);
  const flow = raw ? (JSON.parse(raw) as Flow) : null;
  const code = params.get('code');
  if (!flow || !code || params.get('state') !== flow.state) throw new Error('state');
  const res = await fetch(flow.tokenEndpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri(),
      client_id: flow.clientId,
      code_verifier: flow.verifier,
    }),
  });
  if (!res.ok) throw new Error(`token ${res.status}`);
  const body = (await res.json()) as { id_token?: string };
  if (!body.id_token) throw new Error('id_token');
  return { idToken: body.id_token, from: flow.from };
}
