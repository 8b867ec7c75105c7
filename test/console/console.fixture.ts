import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { AlertsService } from '@app/alerts';
import { Role } from '@app/auth';
import type { Clock } from '@app/common';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { consoleBuild, launchBrowser, VIEWPORT } from './console-browser';

export const NEW_PASSWORD = 'Mat-khau-moi-cua-van-phong-2026';

/** The service (in-process, throwaway database, serving the built console on a loopback port) and a browser. */
export interface ConsoleHarness {
  t: TestApp;
  base: string;
  browser: Browser;
  /** A fresh page (its own browser context: no session, no storage) for the running test. */
  page: Page;
  http(): ReturnType<typeof request>;
  /** A user with a known password already changed (created by an admin through the API, as the Office would). */
  userWithPassword(role: Role | Role[]): Promise<{ username: string; password: string }>;
  signIn(username: string, password: string): Promise<void>;
  /** An alert as the volume detector raises it, through the alerts service; each on its own day, newest last. */
  seedAlert(accountId: string): Promise<string>;
  /** Older alerts of other types and severities, so that the queue and the overview look like a working day. */
  seedBackground(): Promise<void>;
}

/**
 * Sets the harness up for the describe block it is called in (before all, each, after each, after all). `env` may
 * be a function, read when the service boots (after the before-all hooks registered earlier); `options.clock`
 * is the service's clock.
 */
export function useConsole(env: Record<string, string> | (() => Record<string, string>) = {}, options: { clock?: Clock } = {}): ConsoleHarness {
  let consoleDir: string;
  let context: BrowserContext;
  let seq = 0;
  const h = {} as ConsoleHarness;
  h.http = () => request(h.t.app.getHttpServer());

  beforeAll(async () => {
    consoleDir = consoleBuild();
    // Every test signs in from 127.0.0.1; the limit itself is tested in test/auth.
    h.t = await bootTestApp({ CONSOLE_DIR: consoleDir, AUTH_SIGN_IN_RATE_LIMIT: '1000', ...(typeof env === 'function' ? env() : env) }, { clock: options.clock });
    await h.t.app.listen(0, '127.0.0.1');
    h.base = `http://127.0.0.1:${(h.t.app.getHttpServer().address() as AddressInfo).port}`;
    h.browser = await launchBrowser();
    // A machine without chromium installs it first (apt), and a fresh checkout builds the console.
  }, 600_000);
  afterAll(async () => {
    await h.browser?.close();
    await h.t?.close();
    if (consoleDir) rmSync(consoleDir, { recursive: true, force: true });
  });
  beforeEach(async () => {
    // Reduced motion: menus and dialogs open at once, so a click never lands on an option still sliding in.
    context = await h.browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', reducedMotion: 'reduce' });
    h.page = await context.newPage();
    h.page.setDefaultTimeout(15_000);
  });
  afterEach(async () => {
    await context?.close();
  });

  h.userWithPassword = async (role) => {
    const roles = Array.isArray(role) ? role : [role];
    const admin = await bearerFor(h.t.app, Role.ADMIN);
    const username = `${roles.join('-')}.${Math.random().toString(36).slice(2, 8)}`;
    const created = await h
      .http()
      .post('/v1/users')
      .set('Authorization', admin)
      .send({ username, displayName: `Nguyễn Thị ${role}`, email: `${username}@so.gov.vn`, roles })
      .expect(201);
    const login = await h.http().post('/v1/auth/login').send({ username, password: created.body.oneTimePassword }).expect(200);
    await h
      .http()
      .post('/v1/auth/change-password')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .send({ currentPassword: created.body.oneTimePassword, newPassword: NEW_PASSWORD })
      .expect(204);
    return { username, password: NEW_PASSWORD };
  };

  h.signIn = async (username, password) => {
    await h.page.getByLabel('Tên đăng nhập').fill(username);
    await h.page.getByLabel('Mật khẩu').fill(password);
    await h.page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  };

  h.seedAlert = async (accountId) => {
    seq += 1;
    const day = `2026-11-${String(10 + seq).padStart(2, '0')}`;
    const raised = await h.t.app.get(AlertsService).raise({
      type: 'volume_own_baseline',
      severity: 'high',
      score: 11.2,
      accountId,
      unitCode: 'UBND-XA-12',
      sourceSystems: ['igate'],
      occurredAt: new Date(`${day}T08:15:00+07:00`),
      windowStart: new Date(`${day}T00:00:00+07:00`),
      windowEnd: new Date(`${day}T23:59:59.999+07:00`),
      evidence: {
        metric: 'subjects',
        observed: { lookups: 1035, subjects: 212, value: 212 },
        expected: { baseline: 19, peers: 23, threshold: 57 },
        withDossierShare: 0.36,
        ownUnitDossierShare: 0.3,
        withoutDossierShare: 0.64,
        sampleEventIds: ['0b6f8f3e-6a1d-4a53-9d0e-1c2b3a4d5e6f', '7c1e2d3f-4a5b-4c6d-8e9f-0a1b2c3d4e5f'],
        rule: "observed > max(median + k * MAD * 1.4826, multiple * median, floor) over the account's own recent working days",
      },
    });
    return raised.id;
  };

  h.seedBackground = async () => {
    const alerts = h.t.app.get(AlertsService);
    const at = (d: string) => new Date(`2026-10-${d}T09:30:00+07:00`);
    await alerts.raise({ type: 'locked_account_in_use', severity: 'critical', accountId: 'cb.so-tn.phamvd', unitCode: 'SO-TNMT', occurredAt: at('28'), evidence: { lockedAt: '2026-10-01' } });
    await alerts.raise({ type: 'volume_peers', severity: 'medium', score: 4.1, accountId: 'cb.xa07.hoangtt', unitCode: 'UBND-XA-07', occurredAt: at('27'), evidence: { observed: { lookups: 96, subjects: 90, value: 90 }, expected: { peers: 21, threshold: 63 }, withDossierShare: 0.81 } });
    await alerts.raise({ type: 'unit_surge', severity: 'low', accountIds: ['cb.xa05.a', 'cb.xa05.b', 'cb.xa05.c'], unitCode: 'UBND-XA-05', occurredAt: at('26'), evidence: { members: 3, rising: 3 } });
    await alerts.raise({ type: 'volume_hourly', severity: 'medium', score: 5.5, accountId: 'cb.phuong2.dangnl', unitCode: 'UBND-P2', occurredAt: at('25'), evidence: { observed: { value: 100, dayLookups: 150 }, expected: { baseline: 12, threshold: 40 } } });
  };

  return h;
}
