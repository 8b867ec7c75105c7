import { Role } from '@app/auth';
import { bearerFor, producerKeyFor } from '../utils/auth';
import { expectAccessible, screenshot } from './console-browser';
import { useConsole } from './console.fixture';

jest.setTimeout(180_000);

describe('The console: accounts and integration', () => {
  const c = useConsole();

  it('locks and unlocks an account with a reason', async () => {
    const admin = await bearerFor(c.t.app, Role.ADMIN);
    await c.http()
      .post('/v1/accounts/sync')
      .set('Authorization', admin)
      .send([
        { accountId: 'cb.tuphap.nguyenvana', fullName: 'Nguyễn Văn A', unitCode: 'STP', unitName: 'Sở Tư pháp', role: 'Chuyên viên', status: 'active' },
        { accountId: 'cb.xa12.lethic', fullName: 'Lê Thị C', unitCode: 'UBND-XA-12', role: 'Công chức tư pháp - hộ tịch', status: 'active' },
      ])
      .expect(200);
    const officer = await c.userWithPassword(Role.ADMIN);
    await c.page.goto(`${c.base}/accounts`);
    await c.signIn(officer.username, officer.password);
    await c.page.getByRole('heading', { name: 'Tài khoản', exact: true }).waitFor();
    await c.page.getByTestId('account-list').getByText('Nguyễn Văn A').waitFor();
    await expectAccessible(c.page, 'accounts');
    await screenshot(c.page, 'accounts');

    await c.page.getByRole('link', { name: 'cb.tuphap.nguyenvana' }).click();
    const panel = c.page.getByTestId('lock-panel');
    await panel.getByLabel('Lý do').fill('abc');
    await panel.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await panel.getByText('Vui lòng nhập lý do (ít nhất 5 ký tự)').waitFor();
    await panel.getByLabel('Lý do').fill('Chuyển công tác theo Quyết định số 123/QĐ-UBND');
    await panel.getByRole('button', { name: 'Khóa tài khoản' }).click();
    await c.page.locator('[data-state="locked"]').first().waitFor();
    await c.page.locator('[data-change="locked"]').waitFor();
    await expectAccessible(c.page, 'account');
    await screenshot(c.page, 'account');

    await panel.getByLabel('Lý do').fill('Quyết định điều chuyển đã thu hồi');
    await panel.getByRole('button', { name: 'Mở khóa tài khoản' }).click();
    await c.page.locator('[data-state="active"]').first().waitFor();
    const history = (await c.http().get('/v1/accounts/cb.tuphap.nguyenvana/history').set('Authorization', admin).expect(200)).body;
    expect(history).toEqual(expect.arrayContaining([
      expect.objectContaining({ changeKind: 'locked', reason: 'Chuyển công tác theo Quyết định số 123/QĐ-UBND', actor: `user:${officer.username}` }),
      expect.objectContaining({ changeKind: 'unlocked', reason: 'Quyết định điều chuyển đã thu hồi' }),
    ]));
  });

  it('creates an API key for a source system, shows it once, and revokes it', async () => {
    await producerKeyFor(c.t.app, 'dvc-buudien');
    const officer = await c.userWithPassword(Role.ADMIN);
    await c.page.goto(`${c.base}/integration`);
    await c.signIn(officer.username, officer.password);
    await c.page.getByRole('heading', { name: 'Tích hợp', exact: true }).waitFor();
    const keys = c.page.getByTestId('api-keys');
    await keys.getByText('test key').waitFor();

    await keys.getByRole('button', { name: 'Tạo khóa' }).click();
    await keys.getByText('Chọn hệ thống kết nối').waitFor();
    await keys.getByLabel('Hệ thống').click();
    await c.page.locator('.ant-select-item-option', { hasText: 'dvc-buudien' }).click();
    await keys.getByLabel('Mục đích của khóa').fill('Bưu điện – gửi nhật ký');
    await keys.getByRole('button', { name: 'Tạo khóa' }).click();
    const issued = c.page.getByTestId('issued-key');
    await issued.waitFor();
    const key = (await issued.innerText()).trim();
    expect(key).toMatch(/^tthc_/);
    await expectAccessible(c.page, 'new API key');
    await c.page.getByRole('button', { name: 'Đã sao chép xong' }).click();
    await keys.getByText('Bưu điện – gửi nhật ký').waitFor();
    await expectAccessible(c.page, 'integration');
    await screenshot(c.page, 'integration');
    await c.http().get('/v1/accounts/cb.any/status').set('X-Api-Key', key).expect(200);

    await keys.getByRole('button', { name: 'Thu hồi khóa Bưu điện – gửi nhật ký' }).click();
    await c.page.getByRole('tooltip').getByRole('button', { name: 'Thu hồi' }).click();
    await c.page.getByText('Đã thu hồi khóa.').waitFor();
    await keys.getByText('Bưu điện – gửi nhật ký').waitFor({ state: 'detached' });
    await c.http().get('/v1/accounts/cb.any/status').set('X-Api-Key', key).expect(401);
  });

  it('adds a user, whose one-time password opens only the first password change', async () => {
    const officer = await c.userWithPassword(Role.ADMIN);
    await c.page.goto(`${c.base}/admin`);
    await c.signIn(officer.username, officer.password);
    await c.page.getByRole('heading', { name: 'Quản trị' }).waitFor();
    await c.page.getByTestId('user-list').getByText(officer.username).waitFor();
    await c.page.getByRole('button', { name: 'Thêm người dùng' }).click();
    const dialog = c.page.getByRole('dialog');
    await dialog.getByLabel('Tên đăng nhập').fill('Tran Van E');
    await dialog.getByLabel('Họ và tên').fill('Trần Văn E');
    await dialog.getByLabel('Thư điện tử').fill('tve@so.gov.vn');
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    // The server's refusal, beside the field.
    await dialog.getByText(/username must be/).waitFor();
    await dialog.getByLabel('Tên đăng nhập').fill('tran.van.e');
    await dialog.getByRole('button', { name: 'Tạo' }).click();
    const otp = (await dialog.getByTestId('one-time-password').innerText()).trim();
    await expectAccessible(c.page, 'new user');
    await dialog.getByRole('button', { name: 'Đã sao chép xong' }).click();
    await c.page.getByTestId('user-list').getByText('tran.van.e').waitFor();
    await expectAccessible(c.page, 'users');
    await screenshot(c.page, 'admin-users');

    const login = await c.http().post('/v1/auth/login').send({ username: 'tran.van.e', password: otp }).expect(200);
    expect(login.body.mustChangePassword).toBe(true);
    const me = await c.http().get('/v1/auth/me').set('Authorization', `Bearer ${login.body.accessToken}`).expect(200);
    expect(me.body.user.roles).toEqual(['reviewer']);
  });
});
