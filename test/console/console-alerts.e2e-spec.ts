import { Role } from '@app/auth';
import { bearerFor } from '../utils/auth';
import { expectAccessible, screenshot } from './console-browser';
import { useConsole } from './console.fixture';

jest.setTimeout(180_000);

describe('The console: alerts', () => {
  const c = useConsole();

  it('triages an alert from open to resolved with a comment, with the keyboard', async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    const accountId = 'cb.xa12.lethic';
    const id = await c.seedAlert(accountId);
    await c.seedBackground();

    await c.page.goto(`${c.base}/overview`);
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    await c.page.getByTestId('open-by-severity').getByText('Cao').waitFor();
    await c.page.getByText('Tài khoản sẽ bị khóa trong 7 ngày').waitFor();
    await expectAccessible(c.page, 'overview');

    await c.page.getByTestId('main-menu').getByText('Cảnh báo').click();
    await c.page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    await c.page.getByTestId('alert-queue').getByText(accountId).first().waitFor();
    await expectAccessible(c.page, 'alert queue');
    await screenshot(c.page, 'alerts');

    // j selects the first alert of the queue, Enter opens it.
    await c.page.keyboard.press('j');
    await c.page.keyboard.press('Enter');
    await c.page.waitForURL(`**/alerts/${id}`);
    await c.page.getByTestId('explanation').waitFor();
    await c.page.getByText('Tỷ lệ không gắn hồ sơ').waitFor();
    await expectAccessible(c.page, 'alert');
    await screenshot(c.page, 'alert', { fullPage: true });

    await c.page.keyboard.press('a');
    await c.page.getByTestId('triage-panel').getByRole('button', { name: 'Nhận xử lý' }).waitFor();
    await c.page.locator('[data-status="acknowledged"]').first().waitFor();

    await c.page.keyboard.press('c');
    await c.page.keyboard.type('Đã gọi điện cho cán bộ: tra cứu không có hồ sơ kèm theo.');
    await c.page.getByRole('button', { name: 'Gửi ý kiến' }).click();
    await c.page.locator('[data-action="commented"]').waitFor();

    await c.page.locator('body').click({ position: { x: 5, y: 700 } });
    await c.page.keyboard.press('t');
    const dialog = c.page.getByRole('dialog');
    await dialog.getByText('Kết luận: Đúng vi phạm').first().waitFor();
    await expectAccessible(c.page, 'resolve dialog');
    await dialog.getByRole('button', { name: 'Kết luận' }).click();
    await c.page.locator('[data-status="resolved"]').first().waitFor();

    const admin = await bearerFor(c.t.app, Role.ADMIN);
    const alert = (await c.http().get(`/v1/alerts/${id}`).set('Authorization', admin).expect(200)).body;
    expect(alert).toMatchObject({ status: 'resolved', outcome: 'true_positive' });
    expect(alert.comments.map((c: { text: string }) => c.text)).toEqual([
      'Đã gọi điện cho cán bộ: tra cứu không có hồ sơ kèm theo.',
    ]);
    expect(alert.actions.map((a: { action: string }) => a.action)).toEqual(['raised', 'acknowledged', 'commented', 'resolved']);

    // u goes back to the queue; a built-in view shows the resolved alerts.
    await dialog.waitFor({ state: 'hidden' });
    await c.page.keyboard.press('u');
    await c.page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    await c.page.getByTestId('saved-views').click();
    await c.page.getByRole('option', { name: 'Đã xử lý' }).click();
    await c.page.waitForURL('**/alerts?status=resolved');
    await c.page.getByTestId('alert-queue').getByText(accountId).first().waitFor();
  });

  it('lets an admin suppress alerts like this one, with a reason and an expiry', async () => {
    const officer = await c.userWithPassword(Role.ADMIN);
    const id = await c.seedAlert('cb.xa09.vuthd');
    await c.page.goto(`${c.base}/alerts/${id}`);
    await c.signIn(officer.username, officer.password);
    await c.page.getByTestId('explanation').waitFor();
    await c.page.getByRole('button', { name: 'Tạm ẩn cảnh báo tương tự' }).click();
    const dialog = c.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Tạm ẩn' }).click();
    await dialog.getByText('Vui lòng nhập lý do').waitFor();
    await dialog.getByLabel('Lý do tạm ẩn (căn cứ, văn bản)').fill('Đợt cấp đổi CCCD tại xã, theo công văn 123/UBND');
    await expectAccessible(c.page, 'suppress dialog');
    await dialog.getByRole('button', { name: 'Tạm ẩn' }).click();
    await c.page.getByText('Đã tạo quyết định tạm ẩn.').waitFor();

    const admin = await bearerFor(c.t.app, Role.ADMIN);
    const list = (await c.http().get('/v1/alerts/suppressions').set('Authorization', admin).expect(200)).body;
    const items = Array.isArray(list) ? list : list.items;
    expect(items).toEqual([
      expect.objectContaining({ accountId: 'cb.xa09.vuthd', type: 'volume_own_baseline', reason: 'Đợt cấp đổi CCCD tại xã, theo công văn 123/UBND' }),
    ]);
  });
});
