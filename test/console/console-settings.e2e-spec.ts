import { Role } from '@app/auth';
import { dayOfLookups, ingest, workingDays } from '../detection/volume.fixture';
import { TEST_SUBJECT_KEY, TestEvent } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { expectAccessible, expectNoHorizontalScroll, screenshot, VIEWPORT } from './console-browser';
import { useConsole } from './console.fixture';

jest.setTimeout(240_000);

/** The Ha Noi day `n` days before today, YYYY-MM-DD. */
const daysAgo = (n: number): string => new Date(Date.now() + 7 * 3_600_000 - n * 86_400_000).toISOString().slice(0, 10);

describe('The console: administration (detection settings, security log, days off, units)', () => {
  const c = useConsole({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY });

  it('previews a lower threshold, saves it with a reason (the server refusing a bad value beside its field), finds it in the security log, and resets it to the file', async () => {
    // Five accounts at 14-18 lookups a working day for four weeks; on the last day cb.set.a looks up 40, cb.set.b 70.
    const operator = await bearerFor(c.t.app, Role.OPERATOR);
    const accounts = ['cb.set.a', 'cb.set.b', 'cb.set.c', 'cb.set.d', 'cb.set.e'];
    const days = workingDays(daysAgo(30), 20);
    const events: TestEvent[] = [];
    days.forEach((day, d) =>
      accounts.forEach((a, i) => {
        const n = d === 19 && i === 0 ? 40 : d === 19 && i === 1 ? 70 : 14 + ((i * 3 + d) % 5);
        events.push(...dayOfLookups(a, 'UBND-XA-31', day, n, Math.min(n, 14)));
      }),
    );
    await ingest(c.t.app, operator, events);

    const officer = await c.userWithPassword(Role.ADMIN);
    await c.page.goto(`${c.base}/admin/detection`);
    await c.signIn(officer.username, officer.password);
    await c.page.getByRole('heading', { name: 'Thiết lập phát hiện', exact: true }).waitFor();
    const list = c.page.getByTestId('detection-settings');
    await list.getByText('Khối lượng tra cứu').waitFor();
    await expectAccessible(c.page, 'detection settings');
    await screenshot(c.page, 'admin-detection');

    await list.getByRole('button', { name: 'Sửa thiết lập Khối lượng tra cứu' }).click();
    const editor = c.page.getByTestId('setting-editor-volume');
    await editor.getByLabel('ownBaseline.multiple', { exact: true }).fill('2');
    await editor.getByLabel('ownBaseline.floor', { exact: true }).fill('20');
    await editor.getByLabel('peers.multiple', { exact: true }).fill('2');
    await editor.getByLabel('peers.floor', { exact: true }).fill('20');
    // Every key is a number, but a median of no peers is no rule: the server says so beside the field.
    await editor.getByLabel('peers.minPeers', { exact: true }).fill('0');
    await editor.getByRole('button', { name: 'Xem trước' }).click();
    await editor.getByText('volume.peers.minPeers: at least 1').waitFor();
    await editor.getByLabel('peers.minPeers', { exact: true }).fill('4');

    await editor.getByRole('button', { name: 'Xem trước' }).click();
    const preview = c.page.getByTestId('settings-preview');
    await preview.getByTestId('preview-added').getByText('cb.set.a').waitFor();
    expect(Number(await preview.getByTestId('preview-proposed').innerText())).toBe(Number(await preview.getByTestId('preview-current').innerText()) + 1);
    await expectAccessible(c.page, 'detection settings preview');
    await screenshot(c.page, 'admin-detection-preview');
    await c.page.setViewportSize({ width: 820, height: 1180 });
    await c.page.locator('.ant-layout-sider-collapsed').waitFor(); // the menu gives way to its icons
    await expectAccessible(c.page, 'detection settings on a tablet'); // (at rest: once the menu has folded)
    await expectNoHorizontalScroll(c.page, 'detection settings on a tablet');
    await c.page.setViewportSize(VIEWPORT);

    // The reason is required before anything is sent.
    await editor.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await editor.getByText('Vui lòng nhập lý do (ít nhất 5 ký tự)').waitFor();
    await editor.getByLabel('Lý do').fill('Thử ngưỡng thấp hơn cho cấp xã');
    await editor.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await c.page.getByText('Đã lưu thiết lập. Áp dụng ngay.').waitFor();
    await list.locator('[data-source="saved"]').waitFor();
    const admin = await bearerFor(c.t.app, Role.ADMIN);
    const saved = (await c.http().get('/v1/detection/settings/volume').set('Authorization', admin).expect(200)).body;
    expect(saved).toMatchObject({ source: 'saved', reason: 'Thử ngưỡng thấp hơn cho cấp xã', changedBy: `user:${officer.username}`, value: { ownBaseline: { multiple: 2, floor: 20, k: 6 }, peers: { minPeers: 4 } } });

    await c.page.getByTestId('admin-menu').getByText('Nhật ký bảo mật').click();
    await c.page.getByRole('heading', { name: 'Nhật ký bảo mật', exact: true }).waitFor();
    await c.page.getByLabel('Loại sự kiện').click();
    await c.page.keyboard.type('thiết lập phát hiện');
    await c.page.locator('.ant-select-item-option', { hasText: 'Đổi thiết lập phát hiện' }).click();
    const log = c.page.getByTestId('security-log');
    const row = log.locator('tr', { has: c.page.locator('[data-event-type="detection.settings-changed"]') });
    await c.page.waitForURL(/type=detection\.settings-changed/);
    // The filtered list holds the change only (sign-ins and the user's creation are left out).
    await log.locator('[data-event-type="sign-in.succeeded"]').first().waitFor({ state: 'detached' });
    await row.getByText('volume', { exact: true }).waitFor();
    expect(await log.locator('[data-event-type]').count()).toBe(1);
    await row.getByRole('button').first().click(); // expands the row: the details
    await log.getByText('Thử ngưỡng thấp hơn cho cấp xã').waitFor();
    await expectAccessible(c.page, 'security log');
    await screenshot(c.page, 'admin-security-log');

    // Back to the file's values, with a reason too.
    await c.page.getByTestId('admin-menu').getByText('Thiết lập phát hiện').click();
    await list.getByRole('button', { name: 'Sửa thiết lập Khối lượng tra cứu' }).click();
    await editor.getByLabel('Lý do').fill('Hết thời gian thử nghiệm');
    await editor.getByRole('button', { name: 'Về giá trị tệp cấu hình' }).click();
    await c.page.getByRole('tooltip').getByRole('button', { name: 'Về giá trị tệp cấu hình' }).click();
    await c.page.getByText('Đã dùng lại giá trị trong tệp cấu hình.').waitFor();
    await list.locator('tr', { hasText: 'Khối lượng tra cứu' }).locator('[data-source="file"]').waitFor();
    const reset = (await c.http().get('/v1/detection/settings/volume').set('Authorization', admin).expect(200)).body;
    expect(reset).toMatchObject({ source: 'file', value: { ownBaseline: { multiple: 3, floor: 30 } } });
    expect(reset.changes.map((ch: { reason: string }) => ch.reason)).toEqual(['Hết thời gian thử nghiệm', 'Thử ngưỡng thấp hơn cho cấp xã']);
  });

  it('declares a day off, which the calendar lists as an admin declaration, and removes it with a reason', async () => {
    const officer = await c.userWithPassword(Role.ADMIN);
    await c.page.goto(`${c.base}/admin/calendar?year=2027`);
    await c.signIn(officer.username, officer.password);
    await c.page.getByRole('heading', { name: 'Ngày nghỉ, ngày làm bù', exact: true }).waitFor();
    const days = c.page.getByTestId('calendar-days');
    await days.getByText('Tết Dương lịch').first().waitFor();

    await c.page.getByRole('button', { name: 'Khai báo', exact: true }).click();
    await c.page.getByText('Chọn ngày', { exact: true }).waitFor();
    await c.page.getByLabel('Ngày', { exact: true }).fill('31/12/2027');
    await c.page.getByLabel('Ngày', { exact: true }).press('Enter');
    await c.page.getByLabel('Tên ngày').fill('Nghỉ tổng kết cuối năm');
    await c.page.getByLabel('Lý do').fill('Thông báo 123/TB-UBND');
    await c.page.getByRole('button', { name: 'Khai báo', exact: true }).click();
    await c.page.getByText('Đã khai báo ngày 31/12/2027.').waitFor();
    const row = days.locator('tr', { hasText: 'Nghỉ tổng kết cuối năm' });
    await row.locator('[data-source="admin"]').waitFor();
    await row.locator('[data-kind="day_off"]').waitFor();
    const admin = await bearerFor(c.t.app, Role.ADMIN);
    const year = (await c.http().get('/v1/detection/calendar/days?year=2027').set('Authorization', admin).expect(200)).body;
    expect(year.days).toContainEqual(expect.objectContaining({ day: '2027-12-31', kind: 'day_off', source: 'admin', reason: 'Thông báo 123/TB-UBND' }));
    await expectAccessible(c.page, 'calendar');
    await screenshot(c.page, 'admin-calendar');

    // Removing the declaration asks why first.
    await row.getByRole('button', { name: 'Xóa khai báo ngày 31/12/2027' }).click();
    const dialog = c.page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Xóa' }).click();
    await dialog.getByText('Vui lòng nhập lý do (ít nhất 3 ký tự)').waitFor();
    await dialog.getByLabel('Lý do').fill('Nhập nhầm ngày');
    await dialog.getByRole('button', { name: 'Xóa' }).click();
    await c.page.getByText('Đã xóa khai báo; lịch theo luật áp dụng lại.').waitFor();
    await row.waitFor({ state: 'detached' });
    const after = (await c.http().get('/v1/detection/calendar/days?year=2027').set('Authorization', admin).expect(200)).body;
    expect(after.days.map((d: { day: string }) => d.day)).not.toContain('2027-12-31');
    expect(after.changes).toContainEqual(expect.objectContaining({ day: '2027-12-31', action: 'delete', reason: 'Nhập nhầm ngày' }));
  });

  it("sets a unit's networks (an invalid network refused beside its field, before and by the server) and its own hours", async () => {
    const officer = await c.userWithPassword(Role.ADMIN);
    await c.page.goto(`${c.base}/admin/units`);
    await c.signIn(officer.username, officer.password);
    await c.page.getByRole('heading', { name: 'Giờ làm việc và mạng đơn vị', exact: true }).waitFor();
    await c.page.getByLabel('Mã đơn vị').fill('UBND-XA-12');
    await c.page.getByLabel('Mã đơn vị').press('Enter');
    const networks = c.page.getByTestId('unit-networks');
    await networks.getByText('Đơn vị chưa đăng ký mạng nào.').waitFor();

    await networks.getByRole('button', { name: 'Thêm dải mạng' }).click();
    await networks.getByLabel('Dải mạng 1', { exact: true }).fill('10.12.3.4/16');
    await networks.getByRole('button', { name: 'Lưu danh sách mạng' }).click();
    await networks.getByText('Dải mạng có phần địa chỉ máy; ý bạn là 10.12.0.0/16?').waitFor();
    await networks.getByLabel('Dải mạng 1', { exact: true }).fill('10.12.999.0/24');
    await networks.getByText('Không phải dải mạng IPv4 hoặc IPv6 (ví dụ 10.12.0.0/16, 2001:db8:12::/48)').waitFor();
    await networks.getByLabel('Dải mạng 1', { exact: true }).fill('10.12.0.0/16');
    await networks.getByLabel('Ghi chú 1', { exact: true }).fill('LAN trụ sở');
    // The same network twice passes the browser's check; the server refuses it beside the second.
    await networks.getByRole('button', { name: 'Thêm dải mạng' }).click();
    await networks.getByLabel('Dải mạng 2', { exact: true }).fill('10.12.0.0/16');
    await networks.getByRole('button', { name: 'Lưu danh sách mạng' }).click();
    await networks.getByText('10.12.0.0/16 is listed twice for this unit').waitFor();
    await networks.getByLabel('Dải mạng 2', { exact: true }).fill('2001:db8:12::/48');
    await networks.getByRole('button', { name: 'Lưu danh sách mạng' }).click();
    await c.page.getByText('Đã lưu.').first().waitFor();
    const admin = await bearerFor(c.t.app, Role.ADMIN);
    const stored = (await c.http().get('/v1/detection/units/UBND-XA-12/networks').set('Authorization', admin).expect(200)).body;
    expect(stored.map((n: { cidr: string; label: string | null }) => [n.cidr, n.label])).toEqual(expect.arrayContaining([['10.12.0.0/16', 'LAN trụ sở'], ['2001:db8:12::/48', null]]));

    const hours = c.page.getByTestId('working-hours');
    await hours.locator('[data-hours-source="default"]').waitFor();
    await hours.getByLabel('Thứ Bảy').fill('7:30-11:30');
    await hours.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    await hours.getByText(/Nhập các khoảng GG:PP-GG:PP/).waitFor();
    await hours.getByLabel('Thứ Bảy').fill('07:30-11:30');
    await hours.getByLabel('Lý do', { exact: true }).fill('Quyết định 12/QĐ-UBND: tiếp nhận hồ sơ sáng thứ Bảy');
    await hours.getByRole('button', { name: 'Lưu giờ làm việc' }).click();
    await hours.locator('[data-hours-source="unit"]').waitFor();
    const set = (await c.http().get('/v1/detection/units/UBND-XA-12/working-hours').set('Authorization', admin).expect(200)).body;
    expect(set).toMatchObject({ source: 'unit', schedule: { sat: ['07:30-11:30'] } });
    await expectAccessible(c.page, 'units');
    await screenshot(c.page, 'admin-units');
    await c.page.setViewportSize({ width: 820, height: 1180 });
    await c.page.locator('.ant-layout-sider-collapsed').waitFor(); // the menu gives way to its icons
    await expectAccessible(c.page, 'units on a tablet'); // (at rest: once the menu has folded)
    await expectNoHorizontalScroll(c.page, 'units on a tablet');
    await c.page.setViewportSize(VIEWPORT);
  });

  it('a reviewer opening an administration page by its address gets the "no permission" page', async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    for (const path of ['/admin/detection', '/admin/security-log']) {
      await c.page.goto(`${c.base}${path}`);
      if (path === '/admin/detection') await c.signIn(reviewer.username, reviewer.password);
      await c.page.getByRole('heading', { name: 'Bạn không có quyền mở trang này' }).waitFor();
      expect(await c.page.getByTestId('admin-menu').count()).toBe(0);
    }
  });
});
