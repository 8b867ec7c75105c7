import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import request from 'supertest';
import { AlertsService } from '@app/alerts';
import { Role } from '@app/auth';
import { bearerFor, producerKeyFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { consoleBuild, expectAccessible, expectNoHorizontalScroll, launchBrowser, screenshot, VIEWPORT } from './console-browser';

// The console in a real browser (Debian's chromium through playwright-core) against the real service and database.
jest.setTimeout(180_000);

const FIRST_ADMIN = { username: 'admin', password: 'Mat-khau-mot-lan-2026' };
const NEW_PASSWORD = 'Mat-khau-moi-cua-van-phong-2026';

let t: TestApp;
let base: string;
let browser: Browser;
let context: BrowserContext;
let page: Page;

let consoleDir: string;

beforeAll(async () => {
  consoleDir = consoleBuild();
  t = await bootTestApp({
    CONSOLE_DIR: consoleDir,
    BOOTSTRAP_ADMIN_USERNAME: FIRST_ADMIN.username,
    BOOTSTRAP_ADMIN_PASSWORD: FIRST_ADMIN.password,
    // Every test signs in from 127.0.0.1; the limit itself is tested in test/auth.
    AUTH_SIGN_IN_RATE_LIMIT: '1000',
  });
  await t.app.listen(0, '127.0.0.1');
  base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await t?.close();
  if (consoleDir) rmSync(consoleDir, { recursive: true, force: true });
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: VIEWPORT, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
});

afterEach(async () => {
  await context.close();
});

const http = () => request(t.app.getHttpServer());

/** A user with a known password already changed (created by an admin through the API, as the Office would). */
async function userWithPassword(role: Role): Promise<{ username: string; password: string; id: string }> {
  const admin = await bearerFor(t.app, Role.ADMIN);
  const username = `${role}.${Math.random().toString(36).slice(2, 8)}`;
  const created = await http()
    .post('/v1/users')
    .set('Authorization', admin)
    .send({ username, displayName: `Nguyễn Thị ${role}`, email: `${username}@so.gov.vn`, roles: [role] })
    .expect(201);
  const login = await http().post('/v1/auth/login').send({ username, password: created.body.oneTimePassword }).expect(200);
  await http()
    .post('/v1/auth/change-password')
    .set('Authorization', `Bearer ${login.body.accessToken}`)
    .send({ currentPassword: created.body.oneTimePassword, newPassword: NEW_PASSWORD })
    .expect(204);
  return { username, password: NEW_PASSWORD, id: created.body.user?.id ?? created.body.id };
}

async function signIn(username: string, password: string): Promise<void> {
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
}

let seq = 0;
/** An alert as the volume detector raises it, through the alerts service. */
async function seedAlert(accountId: string): Promise<string> {
  seq += 1;
  const day = `2026-11-${String(10 + seq).padStart(2, '0')}`;
  const raised = await t.app.get(AlertsService).raise({
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
}

/** Older alerts of other types and severities, so that the queue and the overview look like a working day. */
async function seedBackground(): Promise<void> {
  const alerts = t.app.get(AlertsService);
  const at = (d: string) => new Date(`2026-10-${d}T09:30:00+07:00`);
  await alerts.raise({ type: 'locked_account_in_use', severity: 'critical', accountId: 'cb.so-tn.phamvd', unitCode: 'SO-TNMT', occurredAt: at('28'), evidence: { lockedAt: '2026-10-01' } });
  await alerts.raise({ type: 'volume_peers', severity: 'medium', score: 4.1, accountId: 'cb.xa07.hoangtt', unitCode: 'UBND-XA-07', occurredAt: at('27'), evidence: { observed: { lookups: 96, subjects: 90, value: 90 }, expected: { peers: 21, threshold: 63 }, withDossierShare: 0.81 } });
  await alerts.raise({ type: 'unit_surge', severity: 'low', accountIds: ['cb.xa05.a', 'cb.xa05.b', 'cb.xa05.c'], unitCode: 'UBND-XA-05', occurredAt: at('26'), evidence: { members: 3, rising: 3 } });
  await alerts.raise({ type: 'volume_hourly', severity: 'medium', score: 5.5, accountId: 'cb.phuong2.dangnl', unitCode: 'UBND-P2', occurredAt: at('25'), evidence: { observed: { value: 100, dayLookups: 150 }, expected: { baseline: 12, threshold: 40 } } });
}

describe('The console', () => {
  it('serves the built console at / with caching headers, its client routes, and leaves the API alone', async () => {
    const index = await http().get('/alerts/some-id').set('Accept', 'text/html').expect(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(index.text).toContain('<div id="root">');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const js = await http().get(asset).expect(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await http().get('/v1/alerts').set('Accept', 'text/html').expect(401);
    await http().get('/health').expect(200);
    await http().get('/assets/missing.js').expect(404);
  });

  it('signs the first admin in and makes them change the one-time password first', async () => {
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');

    await signIn(FIRST_ADMIN.username, 'not-the-password');
    await page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();

    await signIn(FIRST_ADMIN.username, FIRST_ADMIN.password);
    await page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await expectAccessible(page, 'change-password');
    await screenshot(page, 'change-password');

    await page.getByLabel('Mật khẩu hiện tại').fill(FIRST_ADMIN.password);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('admin');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('admin');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    // The server's policy, shown beside the field it is about.
    await page.locator('#newPassword_help, .ant-form-item-has-error').first().waitFor();

    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    await http().post('/v1/auth/login').send({ username: FIRST_ADMIN.username, password: NEW_PASSWORD }).expect(200);
    // An admin's menu has every page.
    const menu = page.getByTestId('main-menu');
    for (const name of ['Tổng quan', 'Cảnh báo', 'Tài khoản', 'Tích hợp', 'Quản trị']) await menu.getByText(name).waitFor();
  });

  it('triages an alert from open to resolved with a comment, with the keyboard', async () => {
    const reviewer = await userWithPassword(Role.REVIEWER);
    const accountId = 'cb.xa12.lethic';
    const id = await seedAlert(accountId);
    await seedBackground();

    await page.goto(`${base}/overview`);
    await signIn(reviewer.username, reviewer.password);
    await page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    await page.getByTestId('open-by-severity').getByText('Cao').waitFor();
    await page.getByText('Tài khoản sẽ bị khóa trong 7 ngày').waitFor();
    await expectAccessible(page, 'overview');
    await screenshot(page, 'overview');

    await page.getByTestId('main-menu').getByText('Cảnh báo').click();
    await page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    await page.getByTestId('alert-queue').getByText(accountId).first().waitFor();
    await expectAccessible(page, 'alert queue');
    await screenshot(page, 'alerts');

    // j selects the first alert of the queue, Enter opens it.
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/alerts/${id}`);
    await page.getByTestId('explanation').waitFor();
    await page.getByText('Tỷ lệ không gắn hồ sơ').waitFor();
    await expectAccessible(page, 'alert');
    await screenshot(page, 'alert', { fullPage: true });

    await page.keyboard.press('a');
    await page.getByTestId('triage-panel').getByRole('button', { name: 'Nhận xử lý' }).waitFor();
    await page.locator('[data-status="acknowledged"]').first().waitFor();

    await page.keyboard.press('c');
    await page.keyboard.type('Đã gọi điện cho cán bộ: tra cứu không có hồ sơ kèm theo.');
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await page.locator('[data-action="commented"]').waitFor();

    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('t');
    const dialog = page.getByRole('dialog');
    await dialog.getByText('Kết luận: Đúng vi phạm').first().waitFor();
    await expectAccessible(page, 'resolve dialog');
    await dialog.getByRole('button', { name: 'Kết luận' }).click();
    await page.locator('[data-status="resolved"]').first().waitFor();

    const admin = await bearerFor(t.app, Role.ADMIN);
    const alert = (await http().get(`/v1/alerts/${id}`).set('Authorization', admin).expect(200)).body;
    expect(alert).toMatchObject({ status: 'resolved', outcome: 'true_positive' });
    expect(alert.comments.map((c: { text: string }) => c.text)).toEqual([
      'Đã gọi điện cho cán bộ: tra cứu không có hồ sơ kèm theo.',
    ]);
    expect(alert.actions.map((a: { action: string }) => a.action)).toEqual(['raised', 'acknowledged', 'commented', 'resolved']);

    // u goes back to the queue; a built-in view shows the resolved alerts.
    await dialog.waitFor({ state: 'hidden' });
    await page.keyboard.press('u');
    await page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    await page.getByTestId('saved-views').click();
    await page.getByRole('option', { name: 'Đã xử lý' }).click();
    await page.waitForURL('**/alerts?status=resolved');
    await page.getByTestId('alert-queue').getByText(accountId).first().waitFor();
  });

  it('lets an admin suppress alerts like this one, with a reason and an expiry', async () => {
    const officer = await userWithPassword(Role.ADMIN);
    const id = await seedAlert('cb.xa09.vuthd');
    await page.goto(`${base}/alerts/${id}`);
    await signIn(officer.username, officer.password);
    await page.getByTestId('explanation').waitFor();
    await page.getByRole('button', { name: 'Tạm ẩn cảnh báo tương tự' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Tạm ẩn' }).click();
    await dialog.getByText('Vui lòng nhập lý do').waitFor();
    await dialog.getByLabel('Lý do tạm ẩn (căn cứ, văn bản)').fill('Đợt cấp đổi CCCD tại xã, theo công văn 123/UBND');
    await expectAccessible(page, 'suppress dialog');
    await dialog.getByRole('button', { name: 'Tạm ẩn' }).click();
    await page.getByText('Đã tạo quyết định tạm ẩn.').waitFor();

    const admin = await bearerFor(t.app, Role.ADMIN);
    const list = (await http().get('/v1/alerts/suppressions').set('Authorization', admin).expect(200)).body;
    const items = Array.isArray(list) ? list : list.items;
    expect(items).toEqual([
      expect.objectContaining({ accountId: 'cb.xa09.vuthd', type: 'volume_own_baseline', reason: 'Đợt cấp đổi CCCD tại xã, theo công văn 123/UBND' }),
    ]);
  });

  it('switches to English and back, and remembers the choice', async () => {
    const reviewer = await userWithPassword(Role.REVIEWER);
    await page.goto(`${base}/alerts`);
    await signIn(reviewer.username, reviewer.password);
    await page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();

    await page.getByTestId('language-switch').first().click();
    await page.getByRole('option', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    await page.getByTestId('main-menu').getByText('Overview').waitFor();

    await page.getByTestId('language-switch').first().click();
    await page.getByRole('option', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('returns to the same page, with the comment being written, after an expired session', async () => {
    const reviewer = await userWithPassword(Role.REVIEWER);
    const id = await seedAlert('cb.phuong3.tranvb');
    await page.goto(`${base}/alerts/${id}`);
    await signIn(reviewer.username, reviewer.password);
    await page.getByTestId('explanation').waitFor();
    await page.getByLabel('Ý kiến').fill('Đang chờ đơn vị giải trình');

    // The session ends on the server (as when it expires): its access and refresh tokens stop working.
    const { accessToken } = JSON.parse(await page.evaluate<string>("sessionStorage.getItem('tthc.console.session')"));
    await http().post('/v1/auth/logout').set('Authorization', `Bearer ${accessToken}`).expect(204);

    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await page.getByText('Phiên làm việc đã hết hạn').waitFor();
    await signIn(reviewer.username, reviewer.password);
    await page.waitForURL(`**/alerts/${id}`);
    await page.getByTestId('explanation').waitFor();
    expect(await page.getByLabel('Ý kiến').inputValue()).toBe('Đang chờ đơn vị giải trình');
    await page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await page.locator('[data-action="commented"]').waitFor();
  });

  it('locks and unlocks an account with a reason', async () => {
    const admin = await bearerFor(t.app, Role.ADMIN);
    await http()
      .post('/v1/accounts/sync')
      .set('Authorization', admin)
      .send([
        { accountId: 'cb.tuphap.nguyenvana', fullName: 'Nguyễn Văn A', unitCode: 'STP', unitName: 'Sở Tư pháp', role: 'Chuyên viên', status: 'active' },
        { accountId: 'cb.xa12.lethic', fullName: 'Lê Thị C', unitCode: 'UBND-XA-12', role: 'Công chức tư pháp - hộ tịch', status: 'active' },
      ])
      .expect(200);
    const officer = await userWithPassword(Role.ADMIN);
    await page.goto(`${base}/accounts`);
    await signIn(officer.username, officer.password);
    await page.getByRole('heading', { name: 'Tài khoản', exact: true }).waitFor();
    await page.getByTestId('account-list').getByText('Nguyễn Văn A').waitFor();
    await expectAccessible(page, 'accounts');
    await screenshot(page, 'accounts');

    await page.getByRole('link', { name: 'cb.tuphap.nguyenvana' }).click();
    const panel = page.getByTestId('lock-panel');
    await panel.getByLabel('Lý do').fill('abc');
    await panel.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await panel.getByText('Vui lòng nhập lý do (ít nhất 5 ký tự)').waitFor();
    await panel.getByLabel('Lý do').fill('Chuyển công tác theo Quyết định số 123/QĐ-UBND');
    await panel.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await page.locator('[data-state="locked"]').first().waitFor();
    await page.locator('[data-change="locked"]').waitFor();
    await expectAccessible(page, 'account');
    await screenshot(page, 'account');

    await panel.getByLabel('Lý do').fill('Quyết định điều chuyển đã thu hồi');
    await panel.getByRole('button', { name: 'Mở khóa tài khoản' }).click();
    await page.locator('[data-state="active"]').first().waitFor();
    const history = (await http().get('/v1/accounts/cb.tuphap.nguyenvana/history').set('Authorization', admin).expect(200)).body;
    expect(history).toEqual(expect.arrayContaining([
      expect.objectContaining({ changeKind: 'locked', reason: 'Chuyển công tác theo Quyết định số 123/QĐ-UBND', actor: `user:${officer.username}` }),
      expect.objectContaining({ changeKind: 'unlocked', reason: 'Quyết định điều chuyển đã thu hồi' }),
    ]));
  });

  it('creates an API key for a source system, shows it once, and revokes it', async () => {
    await producerKeyFor(t.app, 'dvc-buudien');
    const officer = await userWithPassword(Role.ADMIN);
    await page.goto(`${base}/integration`);
    await signIn(officer.username, officer.password);
    await page.getByRole('heading', { name: 'Tích hợp', exact: true }).waitFor();
    const keys = page.getByTestId('api-keys');
    await keys.getByText('test key').waitFor();

    await keys.getByRole('button', { name: 'Tạo khóa' }).click();
    await keys.getByText('Chọn hệ thống kết nối').waitFor();
    await keys.getByLabel('Hệ thống').click();
    await page.locator('.ant-select-item-option', { hasText: 'dvc-buudien' }).click();
    await keys.getByLabel('Mục đích của khóa').fill('Bưu điện – gửi nhật ký');
    await keys.getByRole('button', { name: 'Tạo khóa' }).click();
    const issued = page.getByTestId('issued-key');
    await issued.waitFor();
    const key = (await issued.innerText()).trim();
    expect(key).toMatch(/^tthc_/);
    await expectAccessible(page, 'new API key');
    await page.getByRole('button', { name: 'Đã sao chép xong' }).click();
    await keys.getByText('Bưu điện – gửi nhật ký').waitFor();
    await expectAccessible(page, 'integration');
    await screenshot(page, 'integration');
    await http().get('/v1/accounts/cb.any/status').set('X-Api-Key', key).expect(200);

    await keys.getByRole('button', { name: 'Thu hồi khóa Bưu điện – gửi nhật ký' }).click();
    await page.getByRole('tooltip').getByRole('button', { name: 'Thu hồi' }).click();
    await page.getByText('Đã thu hồi khóa.').waitFor();
    await keys.getByText('Bưu điện – gửi nhật ký').waitFor({ state: 'detached' });
    await http().get('/v1/accounts/cb.any/status').set('X-Api-Key', key).expect(401);
  });

  it('shows a reviewer only their pages, and a clear message on an administration page opened by URL', async () => {
    const reviewer = await userWithPassword(Role.REVIEWER);
    await page.goto(`${base}/`);
    // Keyboard only: the username field has the focus, Tab goes to the password, Enter signs in.
    await page.getByLabel('Tên đăng nhập').waitFor();
    await page.keyboard.type(reviewer.username);
    await page.keyboard.press('Tab');
    await page.keyboard.type(reviewer.password);
    await page.keyboard.press('Enter');
    const menu = page.getByTestId('main-menu');
    await menu.getByText('Cảnh báo').waitFor();
    for (const hidden of ['Quản trị', 'Tích hợp']) expect(await menu.getByText(hidden).count()).toBe(0);

    // A tablet held upright: the queue still fits.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${base}/alerts`);
    await page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    await expectNoHorizontalScroll(page, 'alert queue on a tablet');
    await page.setViewportSize(VIEWPORT);

    await page.goto(`${base}/admin`);
    await page.getByRole('heading', { name: 'Bạn không có quyền mở trang này' }).waitFor();
    await expectAccessible(page, 'forbidden');
    await screenshot(page, 'forbidden');
  });
});
