import { Role } from '@app/auth';
import { useConsole } from './console.fixture';

jest.setTimeout(120_000);

describe('The console session', () => {
  // Access tokens of 3 s: the test outlives several of them.
  const c = useConsole({ AUTH_ACCESS_TOKEN_TTL: '3s' });

  it('renews the access token silently: past its expiry the user goes on working, signed in', async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    const tokens = async () => JSON.parse(await c.page.evaluate<string>("sessionStorage.getItem('tthc.console.session')"));
    await c.page.goto(`${c.base}/overview`);
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.getByRole('heading', { name: 'Tổng quan' }).waitFor();
    const before = await tokens();

    await c.page.waitForTimeout(4_000);
    await c.page.getByTestId('main-menu').getByText('Cảnh báo').click();
    await c.page.getByRole('heading', { name: 'Hàng đợi cảnh báo' }).waitFor();
    await c.page.getByText('Không có cảnh báo nào khớp bộ lọc.').waitFor();
    const after = await tokens();
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).not.toBe(before.refreshToken);
    // The spent refresh token opens nothing any more (rotation).
    await c.http().post('/v1/auth/refresh').send({ refreshToken: before.refreshToken }).expect(401);
  });
});
