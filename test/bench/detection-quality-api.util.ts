import { request } from 'node:http';
import {
  accountDirectory,
  LabelledProvinceGenerator,
  simulatedSourceSystems,
  unitCidr,
} from '@app/gateway-simulator';
import { callJson } from '../utils/http-client';
import type { ScoredAlert } from './detection-quality-score.util';

type Bearer = Record<string, string>;
/** Monday to Friday, as every simulated unit works (Saturday communes add Saturday mornings). */
const WEEKDAYS = { mon: ['07:30-11:30', '13:30-17:00'], tue: ['07:30-11:30', '13:30-17:00'], wed: ['07:30-11:30', '13:30-17:00'], thu: ['07:30-11:30', '13:30-17:00'], fri: ['07:30-11:30', '13:30-17:00'] };
const REASON = 'detection-quality benchmark: the simulated province as its operator would set it up';

/** The first admin (BOOTSTRAP_ADMIN_*) signs in and sets a password of its own, as the service requires. */
export async function firstAdminSignIn(base: string, admin: { username: string; password: string }): Promise<{ password: string; bearer: Bearer }> {
  const first = await callJson(base, 'POST', '/v1/auth/login', admin);
  const password = `${admin.password}-changed`;
  await callJson(base, 'POST', '/v1/auth/change-password', { currentPassword: admin.password, newPassword: password }, { Authorization: `Bearer ${first.accessToken}` });
  return { password, bearer: await signIn(base, admin.username, password) };
}

/** A fresh access token: a run outlives the default token lifetime. */
export async function signIn(base: string, username: string, password: string): Promise<Bearer> {
  const tokens = await callJson(base, 'POST', '/v1/auth/login', { username, password });
  return { Authorization: `Bearer ${tokens.accessToken}` };
}

/**
 * What an operator does before the province's events flow: registers the two source systems, syncs the whole
 * directory (new staff included) as a signed-in user, gives each unit its networks and its kind of unit (so that
 * peers of the same kind exist: Saturday communes follow one_stop_saturday, the others a Monday-Friday kind named
 * after what they are).
 */
export async function setUpProvince(base: string, bearer: Bearer, g: LabelledProvinceGenerator): Promise<{ accounts: number; locked: number }> {
  for (const s of simulatedSourceSystems()) await callJson(base, 'POST', '/v1/source-systems', s, bearer);
  const entries = accountDirectory(g.province, g.startsAt);
  let sync = await callJson(base, 'POST', '/v1/accounts/sync?mode=full', entries, bearer);
  // A first load that locks the moved and retired staff may trip the mass-change check: confirm it, as an admin would.
  if (sync.outcome === 'blocked')
    sync = await callJson(base, 'POST', `/v1/accounts/sync?mode=full&confirm=${sync.confirmationToken}`, entries, bearer);
  if (sync.rejected?.length) throw new Error(`directory sync rejected ${sync.rejected.length} entries: ${JSON.stringify(sync.rejected.slice(0, 3))}`);
  const kinds = [...new Set(g.province.units.map((u) => u.kind))];
  for (const kind of kinds)
    await callJson(base, 'PUT', `/v1/detection/unit-kinds/${kind}/working-hours`, { schedule: WEEKDAYS, reason: REASON }, bearer);
  for (const u of g.province.units) {
    const code = encodeURIComponent(u.code);
    await callJson(base, 'PUT', `/v1/detection/units/${code}/networks`, { networks: [{ cidr: unitCidr(u), label: `LAN ${u.name}` }] }, bearer);
    const unitKind = u.saturdayMorning ? 'one_stop_saturday' : u.kind;
    await callJson(base, 'PUT', `/v1/detection/units/${code}/working-hours`, { unitKind, reason: REASON }, bearer);
  }
  return { accounts: entries.length, locked: sync.locked?.length ?? 0 };
}

/**
 * POST /v1/detection/scan over node:http rather than fetch: fetch gives up on a response that takes more than five
 * minutes to start, and a scan of a large province may.
 */
export function scan(base: string, bearer: Bearer, from: string, to: string): Promise<Record<string, unknown>> {
  const body = JSON.stringify({ from, to });
  const url = new URL('/v1/detection/scan', base);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { ...bearer, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => (text += d.toString()));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(text)) : reject(new Error(`scan: HTTP ${res.statusCode} ${text}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every alert: the queue (every status but suppressed) and the suppressed ones, page by page. */
export async function allAlerts(base: string, bearer: Bearer): Promise<ScoredAlert[]> {
  const alerts: ScoredAlert[] = [];
  for (const status of ['', 'suppressed']) {
    let cursor: string | null = null;
    do {
      const query = new URLSearchParams({ limit: '200', ...(status ? { status } : {}), ...(cursor ? { cursor } : {}) });
      const page = await callJson(base, 'GET', `/v1/alerts?${query}`, undefined, bearer);
      alerts.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
  }
  return alerts;
}
