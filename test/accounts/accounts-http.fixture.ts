import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Role, SessionService, UserService } from '@app/auth';
import { FixedClock } from '@app/common';
import { directoryOwnerKeyFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { directoryEntry } from './accounts-harness';

export { directoryEntry };

/**
 * The whole service on a fresh database with an injected clock, driven as the gateway (whose system owns the
 * account directory) and an admin would.
 */
export interface AccountsApi {
  t: TestApp;
  clock: FixedClock;
  /** The producer key of the gateway's system (tthc-gateway), which owns the account directory. */
  apiKey: string;
  http(): ReturnType<typeof request>;
  /** An admin's Authorization header, signed in at the clock's time (the tests move the clock by hours). */
  admin(): Promise<string>;
  /** POST /v1/accounts/sync with the gateway's producer key (with confirm: as an admin); query e.g. { mode: 'full', dryRun: 'true' }. */
  sync(entries: Record<string, unknown>[], query?: Record<string, string>): Promise<request.Response>;
  /** Stores one login event per entry through POST /v1/ingest/events, as the gateway (or a back-fill) sends them. */
  ingestLogins(events: { accountId: string; at: string }[]): Promise<void>;
  /** POST /v1/accounts/idle-lock/run as an admin. */
  runIdleLock(query?: Record<string, string>): Promise<request.Response>;
  account(accountId: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function bootAccountsApi(clock: FixedClock, env: Record<string, string> = {}): Promise<AccountsApi> {
  const t = await bootTestApp(env, { clock });
  const apiKey = await directoryOwnerKeyFor(t.app, 'tthc-gateway');
  const { user } = await t.app
    .get(UserService)
    .create(
      { username: 't-admin', displayName: 'Test admin', email: 't-admin@test.invalid', roles: [Role.ADMIN], password: null },
      { kind: 'system', name: 'test' },
    );
  const admin = async () => `Bearer ${(await t.app.get(SessionService).startSession(user)).accessToken}`;
  const http = () => request(t.app.getHttpServer());
  return {
    t,
    clock,
    apiKey,
    http,
    admin,
    // A confirmation is an admin's (the owner's key may not confirm its own blocked plan).
    sync: async (entries, query = {}) =>
      query.confirm
        ? http().post('/v1/accounts/sync').query(query).set('Authorization', await admin()).send(entries).expect(200)
        : http().post('/v1/accounts/sync').query(query).set('X-Api-Key', apiKey).send(entries).expect(200),
    async ingestLogins(events) {
      const body = events.map((e) => ({
        schemaVersion: 1,
        eventId: `login-${randomUUID()}`,
        occurredAt: e.at,
        accountId: e.accountId,
        clientIp: '10.0.0.7',
        sourceSystem: 'tthc-gateway',
        action: 'login',
      }));
      const res = await http().post('/v1/ingest/events').set('X-Api-Key', apiKey).send(body).expect(200);
      if (res.body.accepted !== body.length) throw new Error(`ingest: ${JSON.stringify(res.body)}`);
    },
    runIdleLock: async (query = {}) =>
      http().post('/v1/accounts/idle-lock/run').query(query).set('Authorization', await admin()).expect(200),
    account: async (accountId) =>
      (await http().get(`/v1/accounts/${accountId}`).set('Authorization', await admin()).expect(200)).body,
    close: () => t.close(),
  };
}

/** Ids `${prefix}.00` … with n entries of the directory, each with the fields given. */
export function staff(prefix: string, n: number, over: Record<string, unknown> = {}): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => directoryEntry(`${prefix}.${String(i).padStart(2, '0')}`, over));
}
