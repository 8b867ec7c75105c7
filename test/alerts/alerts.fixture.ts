import { Test, TestingModule } from '@nestjs/testing';
import request from 'supertest';
import { Client } from 'pg';
import { AlertsModule, AlertsService, RaiseAlertInput } from '@app/alerts';
import { Role } from '@app/auth';
import { Clock, FixedClock } from '@app/common';
import { ConfigModule, loadConfig } from '@app/config';
import { DatabaseModule } from '@app/database';
import { ObservabilityModule } from '@app/observability';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';

/** The whole service (API role) on a fresh database, with a clock the tests move. */
export interface AlertsApi {
  t: TestApp;
  clock: FixedClock;
  http(): ReturnType<typeof request>;
  /** A fresh user's Authorization header, signed in at the clock's current time. */
  as(role: Role): Promise<string>;
  raise(input: Partial<RaiseAlertInput> & { accountId?: string | null }): ReturnType<AlertsService['raise']>;
  sql<T = Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

export const DAY_MS = 86_400_000;

/** A local (Ha Noi) day as a window: [00:00, 24:00) +07:00. */
export function localDay(date: string): { windowStart: Date; windowEnd: Date } {
  const windowStart = new Date(`${date}T00:00:00+07:00`);
  return { windowStart, windowEnd: new Date(windowStart.getTime() + DAY_MS - 1) };
}

export async function bootAlertsApi(now = '2026-11-15T09:00:00+07:00'): Promise<AlertsApi> {
  const clock = new FixedClock(new Date(now));
  const t = await bootTestApp({}, { clock });
  const client = new Client({ connectionString: t.db.url });
  await client.connect();
  return {
    t,
    clock,
    http: () => request(t.app.getHttpServer()),
    as: (role) => bearerFor(t.app, role),
    raise: (input) =>
      t.app.get(AlertsService).raise({
        type: 'subject_volume',
        severity: 'high',
        occurredAt: clock.now(),
        evidence: { observed: { subjects: 212 }, expected: { baseline: 19 } },
        ...input,
      } as RaiseAlertInput),
    sql: async (text, params = []) => (await client.query(text, params)).rows,
    async close() {
      await client.end();
      await t.close();
    },
  };
}

/** The alerts feature alone on an existing database, as one replica of several; the caller closes it. */
export async function bootAlertsReplica(databaseUrl: string, clock: FixedClock): Promise<TestingModule> {
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'warn', ROLES: 'api', DATABASE_URL: databaseUrl });
  const moduleRef = await Test.createTestingModule({
    imports: [ConfigModule.forRoot(config), ObservabilityModule.forRoot(config), DatabaseModule.forRoot(databaseUrl), AlertsModule],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  await moduleRef.init();
  return moduleRef;
}
