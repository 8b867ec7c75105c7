/** Loosely typed JSON answers: a test's or benchmark's client, not an API client. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * One call to a running service: a string body goes as NDJSON, anything else as JSON. Throws with the status and
 * the answer on anything but 2xx.
 */
export async function callJson(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<Json> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': typeof body === 'string' ? 'application/x-ndjson' : 'application/json', ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = res.status === 204 ? null : await res.json();
  if (!res.ok) throw new Error(`${method} ${path}: HTTP ${res.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * On a service started with BOOTSTRAP_ADMIN_*: the first admin's sign-in (after the required password change),
 * a registered source system and a producer key for it, all through the API as an operator would.
 */
export async function adminAndProducerKey(
  base: string,
  admin: { username: string; password: string },
  sourceSystem: { code: string; name: string; operatorOrg: string; allowedFields: string[] },
): Promise<{ admin: Record<string, string>; key: string }> {
  const first = await callJson(base, 'POST', '/v1/auth/login', admin);
  const password = `${admin.password}-changed`;
  await callJson(base, 'POST', '/v1/auth/change-password', { currentPassword: admin.password, newPassword: password }, {
    Authorization: `Bearer ${first.accessToken}`,
  });
  const tokens = await callJson(base, 'POST', '/v1/auth/login', { username: admin.username, password });
  const bearer = { Authorization: `Bearer ${tokens.accessToken}` };
  await callJson(base, 'POST', '/v1/source-systems', sourceSystem, bearer);
  const { key } = await callJson(base, 'POST', '/v1/api-keys', { sourceSystemCode: sourceSystem.code, name: 'test' }, bearer);
  return { admin: bearer, key };
}
