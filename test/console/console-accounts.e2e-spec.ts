import { Role } from '@app/auth';
import { SourceSystemRegistry } from '@app/source-systems';
import { lookupEvent, TEST_SUBJECT_KEY, TestEvent } from '../ingestion/ingest.fixture';
import { dayOfLookups, ingest, workingDays } from '../detection/volume.fixture';
import { bearerFor, producerKeyFor } from '../utils/auth';
import { expectAccessible, screenshot } from './console-browser';
import { useConsole } from './console.fixture';

jest.setTimeout(180_000);

const MONTH_MS = 30 * 86_400_000;

/** An instant that makes the idle lock (3 months after the last activity) fall due in `days` days from now. */
function activeAtDueIn(days: number): string {
  const d = new Date();
  d.setMonth(d.getMonth() - 3);
  return new Date(d.getTime() + days * 86_400_000).toISOString();
}

describe('The console: account activity, queue sorting, accounts', () => {
  const c = useConsole({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY });
  const admin = () => bearerFor(c.t.app, Role.ADMIN);
  const sync = async (entries: Record<string, unknown>[]) => c.http().post('/v1/accounts/sync').set('Authorization', await admin()).send(entries).expect(200);
  /**
   * The account's last lookup at that instant, before the directory lists it: an account the directory adds later
   * did not exist before (its idle count would start at the listing), one already seen in the logs did.
   */
  const lastActiveAt = async (accountId: string, occurredAt: string) => {
    // Through the key of a registered system: its events count as activity.
    const key = await producerKeyFor(c.t.app, 'igate');
    await c.t.app.get(SourceSystemRegistry).refresh();
    const res = await c.http().post('/v1/ingest/events').set('X-Api-Key', key).send([lookupEvent(0, { accountId, unitCode: 'UBND-XA-09', occurredAt })]).expect(200);
    expect(res.body).toMatchObject({ accepted: 1 });
  };

  it("charts an alert's account day by day against its baseline and peers, with the same numbers as the API", async () => {
    const accountId = 'cb.xa12.chart';
    const unit = 'UBND-XA-12';
    const events: TestEvent[] = [];
    // Six weeks of ordinary days up to the alert's day (2026-11-11), then the spike on it.
    for (const day of workingDays('2026-09-28', 34)) {
      events.push(...dayOfLookups(accountId, unit, day, day === '2026-11-11' ? 180 : 18, 12));
      for (const peer of ['a', 'b', 'c', 'd']) events.push(...dayOfLookups(`cb.xa12.peer-${peer}`, unit, day, 20, 15));
    }
    await ingest(c.t.app, await bearerFor(c.t.app, Role.OPERATOR), events);
    const id = await c.seedAlert(accountId);
    const reviewer = await c.userWithPassword(Role.REVIEWER);

    await c.page.goto(`${c.base}/alerts/${id}`);
    await c.signIn(reviewer.username, reviewer.password);
    const chart = c.page.getByTestId('activity-chart');
    await chart.locator('.recharts-line-dots').waitFor();
    // The period the page asked for: 60 days ending a fortnight after the window.
    const api = (await c.http().get(`/v1/accounts/${accountId}/activity?from=2026-09-27&to=2026-11-25`).set('Authorization', await admin()).expect(200)).body;
    expect(await chart.locator('.recharts-line-dots .recharts-line-dot').count()).toBe(api.days.length);
    const lookups = new Intl.NumberFormat('vi-VN').format(api.totals.lookups);
    await chart.getByTestId('activity-summary').getByText(`Từ 27/09/2026 đến 25/11/2026: ${lookups} lượt tra cứu`, { exact: false }).waitFor();
    await chart.locator('.recharts-reference-area').waitFor();

    // The table says it in words: the spike day with its lookups, its baseline median and the peers' median.
    await chart.getByText('Xem bảng số liệu theo ngày').click();
    const spike = api.days.find((d: { day: string }) => d.day === '2026-11-11');
    expect(spike).toMatchObject({ lookups: 180, baseline: { median: 18 }, peers: { median: 20, count: 4 } });
    await chart.getByTestId('activity-table').getByRole('row', { name: /11\/11\/2026 180 .* 18 .* 20/ }).waitFor();
    await expectAccessible(c.page, 'alert with its activity chart');
    await chart.scrollIntoViewIfNeeded();
    await screenshot(c.page, 'alert-activity');
  });

  it('sorts the queue by a column through the API, kept in the address', async () => {
    await c.seedBackground();
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    await c.page.goto(`${c.base}/alerts`);
    await c.signIn(reviewer.username, reviewer.password);
    const queue = c.page.getByTestId('alert-queue');
    await queue.locator('tr.ant-table-row').first().waitFor();
    const ids = async () => (await queue.locator('[data-row-link]').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).map((h) => h!.split('/').pop());
    const apiIds = async (q: string) =>
      (await c.http().get(`/v1/alerts?${q}`).set('Authorization', await admin()).expect(200)).body.items.map((a: { id: string }) => a.id);

    const showsOrderOf = async (q: string) => {
      const want = await apiIds(q);
      await queue.locator(`[data-row-link="0"][href$="/${want[0]}"]`).waitFor();
      expect(await ids()).toEqual(want);
    };

    await queue.locator('th', { hasText: 'Mức độ' }).click();
    await c.page.waitForURL(/sort=severity$/);
    await showsOrderOf('sort=severity');
    await queue.locator('tr.ant-table-row').first().getByText('Nghiêm trọng').waitFor();

    await queue.locator('th', { hasText: 'Mức độ' }).click();
    await c.page.waitForURL(/sort=severity&order=asc$/);
    await showsOrderOf('sort=severity&order=asc');
    await expectAccessible(c.page, 'queue sorted by severity');
    await screenshot(c.page, 'alerts-sorted');

    // Reopened from its address, the same order.
    await c.page.reload();
    await showsOrderOf('sort=severity&order=asc');
    await expect(queue.locator('th[aria-sort="ascending"]', { hasText: 'Mức độ' }).count()).resolves.toBe(1);
  });

  it('adds an exemption from the idle lock with its reason and expiry, and revokes it', async () => {
    const accountId = 'cb.stp.tranthid';
    await sync([{ accountId, fullName: 'Trần Thị D', unitCode: 'STP', role: 'Chuyên viên', status: 'active' }]);
    const officer = await c.userWithPassword(Role.ADMIN);
    await c.page.goto(`${c.base}/accounts/${accountId}`);
    await c.signIn(officer.username, officer.password);
    const card = c.page.getByTestId('exemptions');
    await card.getByText('Chưa có miễn khóa nào.').waitFor();

    await card.getByRole('button', { name: 'Thêm miễn khóa' }).click();
    const dialog = c.page.getByRole('dialog');
    await dialog.getByLabel('Lý do', { exact: true }).fill('Nghỉ thai sản theo Quyết định 45/QĐ-STP');
    await dialog.getByLabel('Người phê duyệt').fill('Giám đốc Sở Tư pháp');
    await dialog.getByLabel('Áp dụng đến ngày').fill('31/12/2027');
    await dialog.getByLabel('Áp dụng đến ngày').press('Enter');
    await dialog.getByRole('button', { name: 'Thêm miễn khóa' }).click();
    await card.locator('[data-exemption="active"]').getByText('Nghỉ thai sản theo Quyết định 45/QĐ-STP', { exact: false }).waitFor();
    const granted = (await c.http().get(`/v1/accounts/${accountId}/exemptions`).set('Authorization', await admin()).expect(200)).body;
    expect(granted).toEqual([
      expect.objectContaining({ kind: 'leave', approver: 'Giám đốc Sở Tư pháp', active: true, validUntil: '2027-12-31T16:59:59.000Z', createdBy: `user:${officer.username}` }),
    ]);
    await expectAccessible(c.page, 'account with an exemption');
    await screenshot(c.page, 'account-exemptions', { fullPage: true });

    await card.getByRole('button', { name: 'Thu hồi miễn khóa Nghỉ phép có đăng ký đến 31/12/2027' }).click();
    await c.page.getByRole('dialog').getByLabel('Lý do thu hồi').fill('Đã đi làm lại từ 01/12/2026');
    await c.page.getByRole('dialog').getByRole('button', { name: 'Thu hồi' }).click();
    await card.locator('[data-exemption="revoked"]').waitFor();
    const [revoked] = (await c.http().get(`/v1/accounts/${accountId}/exemptions`).set('Authorization', await admin()).expect(200)).body;
    expect(revoked).toMatchObject({ active: false, revokedAt: expect.any(String) });
    const history = (await c.http().get(`/v1/accounts/${accountId}/history`).set('Authorization', await admin()).expect(200)).body;
    expect(history).toEqual(expect.arrayContaining([expect.objectContaining({ changeKind: 'exemption_revoked', reason: 'Đã đi làm lại từ 01/12/2026' })]));
  });

  it('lists an account about to be locked with the warning sent for it', async () => {
    const accountId = 'cb.xa09.soonlock';
    await lastActiveAt(accountId, activeAtDueIn(10));
    await sync([{ accountId, fullName: 'Võ Văn S', unitCode: 'UBND-XA-09', status: 'active', email: 'vvs@xa09.gov.vn' }]);
    // The nightly run sends the 14-day warning (mail is off here: logged).
    await c.http().post('/v1/accounts/idle-lock/run').set('Authorization', await admin()).expect(200);
    const [warning] = (await c.http().get(`/v1/accounts/lock-warnings?accountId=${accountId}`).set('Authorization', await admin()).expect(200)).body;
    expect(warning).toMatchObject({ offsetDays: 14, delivery: 'logged' });

    const reviewer = await c.userWithPassword(Role.REVIEWER);
    await c.page.goto(`${c.base}/accounts?tab=upcoming`);
    await c.signIn(reviewer.username, reviewer.password);
    const row = c.page.getByTestId('upcoming-locks').getByRole('row', { name: new RegExp(accountId) });
    await row.getByText('(còn 10 ngày)', { exact: false }).waitFor();
    await row.getByTestId(`warnings-${accountId}`).getByText('14 ngày trước hạn', { exact: false }).waitFor();
    await row.getByText('đã ghi nhận (chưa cấu hình thư)', { exact: false }).waitFor();
    // A reviewer reads; the dry runs are for those who may lock or sync.
    await expect(c.page.getByRole('tab', { name: 'Chạy thử' }).count()).resolves.toBe(0);
    await expectAccessible(c.page, 'upcoming locks');
    await screenshot(c.page, 'accounts-upcoming');
  });

  it('dry-runs the idle lock and a directory sync, showing what would change while nothing does', async () => {
    const overdue = 'cb.xa03.overdue';
    await lastActiveAt(overdue, new Date(Date.now() - 4 * MONTH_MS).toISOString());
    await sync([{ accountId: overdue, fullName: 'Đỗ Thị O', unitCode: 'UBND-XA-03', status: 'active' }]);
    const officer = await c.userWithPassword(Role.ADMIN);
    await c.page.goto(`${c.base}/accounts`);
    await c.signIn(officer.username, officer.password);
    await c.page.getByRole('tab', { name: 'Chạy thử' }).click();
    await c.page.waitForURL(/tab=dry-run/);

    const idle = c.page.getByTestId('idle-lock-dry-run');
    await idle.getByRole('button', { name: 'Chạy thử khóa tự động' }).click();
    await idle.getByTestId('idle-lock-result').getByText('Chưa có thay đổi nào.', { exact: false }).waitFor();
    await idle.getByTestId('would-lock').getByRole('link', { name: overdue }).waitFor();

    const syncCard = c.page.getByTestId('sync-dry-run');
    const directory = [
      { accountId: 'cb.xa03.newcomer', fullName: 'Lý Văn N', unitCode: 'UBND-XA-03', status: 'active' },
      { accountId: overdue, fullName: 'Đỗ Thị O', unitCode: 'UBND-XA-03', status: 'retired' },
    ];
    await syncCard.locator('input[type=file]').setInputFiles({ name: 'danh-ba.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(directory)) });
    await syncCard.getByRole('button', { name: 'Chạy thử đồng bộ' }).click();
    const plan = syncCard.getByTestId('sync-plan');
    await plan.getByText('Đọc 2 bản ghi: thêm 1, cập nhật 1', { exact: false }).waitFor();
    await plan.getByTestId('sync-would-lock').getByText('theo trạng thái trong danh bạ', { exact: false }).waitFor();
    await expectAccessible(c.page, 'dry runs');
    await screenshot(c.page, 'accounts-dry-run', { fullPage: true });

    // Nothing changed: the overdue account is still active with no lock in its history, the newcomer unknown.
    const token = await admin();
    expect((await c.http().get(`/v1/accounts/${overdue}`).set('Authorization', token).expect(200)).body).toMatchObject({ state: 'active', directoryStatus: 'active' });
    const history = (await c.http().get(`/v1/accounts/${overdue}/history`).set('Authorization', token).expect(200)).body;
    expect(history.map((h: { changeKind: string }) => h.changeKind)).not.toContain('locked');
    await c.http().get('/v1/accounts/cb.xa03.newcomer').set('Authorization', token).expect(404);
  });
});
