import { Role } from '@app/auth';
import { expectAccessible, expectNoHorizontalScroll, screenshot, VIEWPORT } from './console-browser';
import { NEW_PASSWORD, useConsole } from './console.fixture';

// The console in a real browser (Debian's chromium through playwright-core) against the real service and database.
jest.setTimeout(180_000);

const FIRST_ADMIN = { username: 'admin', password: 'Mat-khau-mot-lan-2026' };

describe('The console', () => {
  const c = useConsole({ BOOTSTRAP_ADMIN_USERNAME: FIRST_ADMIN.username, BOOTSTRAP_ADMIN_PASSWORD: FIRST_ADMIN.password });

  it('serves the built console at / with caching headers, its client routes, and leaves the API alone', async () => {
    const index = await c.http().get('/alerts/some-id').set('Accept', 'text/html').expect(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-security-policy']).toContain("script-src 'self'");
    expect(index.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    expect(index.text).toContain('<div id="root">');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)![1];
    const js = await c.http().get(asset).expect(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await c.http().get('/v1/alerts').set('Accept', 'text/html').expect(401);
    await c.http().get('/health').expect(200);
    await c.http().get('/assets/missing.js').expect(404);
  });

  it('signs the first admin in and makes them change the one-time password first', async () => {
    await c.page.goto(`${c.base}/`);
    await c.page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await expectAccessible(c.page, 'sign-in');
    await screenshot(c.page, 'sign-in');

    await c.signIn(FIRST_ADMIN.username, 'not-the-password');
    await c.page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.').waitFor();

    await c.signIn(FIRST_ADMIN.username, FIRST_ADMIN.password);
    await c.page.getByRole('heading', { name: 'Đổi mật khẩu' }).waitFor();
    await expectAccessible(c.page, 'change-password');
    await screenshot(c.page, 'change-password');

    await c.page.getByLabel('Mật khẩu hiện tại').fill(FIRST_ADMIN.password);
    await c.page.getByLabel('Mật khẩu mới', { exact: true }).fill('admin');
    await c.page.getByLabel('Nhập lại mật khẩu mới').fill('admin');
    await c.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    // The server's policy, shown beside the field it is about.
    await c.page.locator('#newPassword_help, .ant-form-item-has-error').first().waitFor();

    await c.page.getByLabel('Mật khẩu mới', { exact: true }).fill(NEW_PASSWORD);
    await c.page.getByLabel('Nhập lại mật khẩu mới').fill(NEW_PASSWORD);
    await c.page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await c.page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    await c.http().post('/v1/auth/login').send({ username: FIRST_ADMIN.username, password: NEW_PASSWORD }).expect(200);
    // An admin's menu has every c.page.
    const menu = c.page.getByTestId('main-menu');
    for (const name of ['Tổng quan', 'Cảnh báo', 'Tài khoản', 'Tích hợp', 'Quản trị']) await menu.getByText(name).waitFor();
  });

  it('switches to English and back, and remembers the choice', async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    await c.page.goto(`${c.base}/alerts`);
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();

    await c.page.getByTestId('language-switch').first().click();
    await c.page.getByRole('option', { name: 'English' }).click();
    await c.page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    expect(await c.page.getAttribute('html', 'lang')).toBe('en');
    await c.page.reload();
    await c.page.getByRole('heading', { name: 'Alert queue' }).waitFor();
    await c.page.getByTestId('main-menu').getByText('Overview').waitFor();

    await c.page.getByTestId('language-switch').first().click();
    await c.page.getByRole('option', { name: 'Tiếng Việt' }).click();
    await c.page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    expect(await c.page.getAttribute('html', 'lang')).toBe('vi');
  });

  it('finds an accessibility violation planted in a page (the check every page goes through can fail)', async () => {
    await c.page.goto(`${c.base}/`);
    await c.page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await c.page.evaluate(() => document.querySelector('main, #root')!.insertAdjacentHTML('beforeend', '<button data-planted></button>'));
    await expect(expectAccessible(c.page, 'planted')).rejects.toThrow(/button-name/);
  });

  it("animates menus only when the reader's system does not ask for less motion", async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    await c.page.goto(`${c.base}/alerts`);
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    // Every class an element is given while the menu opens and closes, kept by an observer in the page.
    const classesWhileOpening = async (): Promise<string[]> => {
      await c.page.evaluate(() => {
        const seen = new Set<string>();
        (window as unknown as { seenClasses: Set<string> }).seenClasses = seen;
        const keep = (node: Node) => {
          if (node instanceof Element) Array.from(node.classList).forEach((name) => seen.add(name));
        };
        new MutationObserver((records) => {
          for (const r of records) {
            keep(r.target);
            Array.from(r.addedNodes).forEach(keep);
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      });
      await c.page.getByTestId('saved-views').click();
      await c.page.getByRole('option', { name: 'Đã xử lý' }).waitFor();
      await c.page.keyboard.press('Escape');
      await c.page.getByRole('option', { name: 'Đã xử lý' }).waitFor({ state: 'hidden' });
      return c.page.evaluate(() => [...(window as unknown as { seenClasses: Set<string> }).seenClasses]);
    };
    // The classes of the animating step ("-active"); the step that only measures the menu before placing it comes either way.
    const motion = (classes: string[]) => classes.filter((name) => /slide-up-(appear|enter|leave)-active/.test(name));

    expect(motion(await classesWhileOpening())).toEqual([]);
    await c.page.emulateMedia({ reducedMotion: 'no-preference' });
    expect(motion(await classesWhileOpening())).not.toEqual([]);
  });

  it('returns to the same c.page, with the comment being written, after an expired session', async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    const id = await c.seedAlert('cb.phuong3.tranvb');
    await c.page.goto(`${c.base}/alerts/${id}`);
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.getByTestId('explanation').waitFor();
    await c.page.getByLabel('Ý kiến').fill('Đang chờ đơn vị giải trình');

    // The session ends on the server (as when it expires): its access and refresh tokens stop working.
    const { accessToken } = JSON.parse(await c.page.evaluate<string>("sessionStorage.getItem('tthc.console.session')"));
    await c.http().post('/v1/auth/logout').set('Authorization', `Bearer ${accessToken}`).expect(204);

    await c.page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await c.page.getByText('Phiên làm việc đã hết hạn').waitFor();
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.waitForURL(`**/alerts/${id}`);
    await c.page.getByTestId('explanation').waitFor();
    expect(await c.page.getByLabel('Ý kiến').inputValue()).toBe('Đang chờ đơn vị giải trình');
    await c.page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await c.page.locator('[data-action="commented"]').waitFor();
  });

  it('shows a reviewer only their pages, and a clear message on an administration page opened by URL', async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    await c.page.goto(`${c.base}/`);
    // Keyboard only: the username field has the focus, Tab goes to the password, Enter signs in.
    await c.page.getByLabel('Tên đăng nhập').waitFor();
    await c.page.keyboard.type(reviewer.username);
    await c.page.keyboard.press('Tab');
    await c.page.keyboard.type(reviewer.password);
    await c.page.keyboard.press('Enter');
    const menu = c.page.getByTestId('main-menu');
    await menu.getByText('Cảnh báo').waitFor();
    for (const hidden of ['Quản trị', 'Tích hợp']) expect(await menu.getByText(hidden).count()).toBe(0);

    // A tablet held upright: the queue still fits.
    await c.page.setViewportSize({ width: 820, height: 1180 });
    await c.page.goto(`${c.base}/alerts`);
    await c.page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    await expectNoHorizontalScroll(c.page, 'alert queue on a tablet');
    await c.page.setViewportSize(VIEWPORT);

    await c.page.goto(`${c.base}/admin`);
    await c.page.getByRole('heading', { name: 'Bạn không có quyền mở trang này' }).waitFor();
    await expectAccessible(c.page, 'forbidden');
    await screenshot(c.page, 'forbidden');
  });
});
