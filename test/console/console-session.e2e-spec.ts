import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { consoleBuild, launchBrowser, VIEWPORT } from './console-browser';

jest.setTimeout(120_000);

describe('The console session', () => {
  let t: TestApp;
  let browser: Browser;
  let consoleDir: string;

  beforeAll(async () => {
    consoleDir = consoleBuild();
    // Access tokens of 3 s: the test outlives several of them.
    t = await bootTestApp({ CONSOLE_DIR: consoleDir, AUTH_ACCESS_TOKEN_TTL: '3s', AUTH_SIGN_IN_RATE_LIMIT: '1000' });
    await t.app.listen(0, '127.0.0.1');
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (consoleDir) rmSync(consoleDir, { recursive: true, force: true });
  });

  it('renews the access token silently: past its expiry the user goes on working, signed in', async () => {
    const http = () => request(t.app.getHttpServer());
    const admin = await bearerFor(t.app, Role.ADMIN);
    const created = await http()
      .post('/v1/users')
      .set('Authorization', admin)
      .send({ username: 'reviewer.session', displayName: 'Phạm Thị D', email: 'ptd@so.gov.vn', roles: [Role.REVIEWER] })
      .expect(201);
    const first = await http().post('/v1/auth/login').send({ username: 'reviewer.session', password: created.body.oneTimePassword }).expect(200);
    const password = 'Mat-khau-phien-lam-viec-2026';
    await http()
      .post('/v1/auth/change-password')
      .set('Authorization', `Bearer ${first.body.accessToken}`)
      .send({ currentPassword: created.body.oneTimePassword, newPassword: password })
      .expect(204);

    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const page = await (await browser.newContext({ viewport: VIEWPORT })).newPage();
    page.setDefaultTimeout(15_000);
    const tokens = async () => JSON.parse(await page.evaluate<string>("sessionStorage.getItem('tthc.console.session')"));
    await page.goto(`${base}/overview`);
    await page.getByLabel('Tên đăng nhập').fill('reviewer.session');
    await page.getByLabel('Mật khẩu').fill(password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    const before = await tokens();

    await page.waitForTimeout(4_000);
    await page.getByTestId('main-menu').getByText('Cảnh báo').click();
    await page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    await page.getByText('Không có cảnh báo nào khớp bộ lọc.').waitFor();
    const after = await tokens();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The spent refresh token opens nothing any more (rotation).
    await http().post('/v1/auth/refresh').send({ refreshToken: before.refreshToken }).expect(401);
  });
});
