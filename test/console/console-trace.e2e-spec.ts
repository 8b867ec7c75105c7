import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { csvRecords } from '@app/audit-trail';
import { Role } from '@app/auth';
import { verifyOffline } from '../trace/export.fixture';
import { ENCRYPTION_KEY, ingest, newPersonalId, SeedEvent, seedEvents } from '../trace/trace.fixture';
import { expectAccessible, expectNoHorizontalScroll, screenshot } from './console-browser';
import { useConsole } from './console.fixture';

jest.setTimeout(240_000);

const HASH_KEY = 'console-trace-subject-key-0123456789abcdef';
const CASE_REF = 'QĐ-45/TTr-2026';
const PURPOSE = 'Thanh tra việc tra cứu thông tin công dân của Sở Tư pháp';

/** The test's own order: newest first, ties by source system then event id (the API's order). */
const newestFirst = (a: SeedEvent, b: SeedEvent) =>
  Date.parse(b.occurredAt) - Date.parse(a.occurredAt) || (a.sourceSystem < b.sourceSystem ? 1 : a.sourceSystem > b.sourceSystem ? -1 : a.eventId < b.eventId ? 1 : -1);
const localDay = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 10);

describe('The console: Tra cứu (auditors)', () => {
  const c = useConsole({ SUBJECT_HASH_KEY: HASH_KEY, SUBJECT_HASH_KEY_ID: 'k1', SUBJECT_ENCRYPTION_KEY: ENCRYPTION_KEY });
  const [citizen, other] = [newPersonalId(), newPersonalId()];
  // October 2026: 150 events of four accounts, two citizens; the citizen's are more than one page (50).
  const events = seedEvents(150, [citizen, other]);
  const mine = events.filter((e) => e.subjectId === citizen).sort(newestFirst);

  beforeAll(async () => {
    await ingest(c.t.app, events);
  }, 120_000);

  it("searches a citizen under a case, opens the citizen's and an account's timelines, and finds the search in their own history", async () => {
    const auditor = await c.userWithPassword(Role.AUDITOR);
    c.page.setDefaultTimeout(30_000); // a long journey, on a machine the other suites share
    await c.page.goto(`${c.base}/trace`);
    await c.signIn(auditor.username, auditor.password);
    await c.page.getByRole('heading', { name: 'Tra cứu nhật ký', exact: true }).waitFor();
    const form = c.page.getByTestId('trace-form');

    // No case reference: refused beside the field, nothing sent.
    await form.getByLabel('Mục đích tra cứu').fill(PURPOSE);
    await form.getByLabel('Số định danh cá nhân').fill(citizen);
    await form.getByRole('button', { name: 'Tra cứu' }).click();
    await form.getByText('Vui lòng nhập số hồ sơ vụ việc').waitFor();
    // October in the date pickers (typed as dd/mm/yyyy), while the case is still missing: an Enter that submits
    // the form is refused too, so the only search is the one below.
    await c.page.getByPlaceholder('Từ ngày').click();
    await c.page.getByPlaceholder('Từ ngày').fill('01/10/2026');
    await c.page.getByPlaceholder('Từ ngày').press('Enter');
    await c.page.getByPlaceholder('Đến ngày').fill('31/10/2026');
    await c.page.getByPlaceholder('Đến ngày').press('Enter');
    // A personal ID that is not 12 digits: refused too.
    await form.getByLabel('Số định danh cá nhân').fill('12345');
    await form.getByText('Mỗi số định danh cá nhân gồm đúng 12 chữ số').waitFor();

    await form.getByLabel('Số hồ sơ vụ việc').fill(CASE_REF);
    await form.getByLabel('Số định danh cá nhân').fill(citizen);
    await form.getByRole('button', { name: 'Tra cứu' }).click();

    const results = c.page.getByTestId('trace-results');
    await results.locator('tr[data-event-id]').first().waitFor();
    const total = c.page.getByTestId('trace-total');
    expect(await total.getAttribute('data-total')).toBe(String(mine.length));
    expect(await total.getAttribute('data-exact')).toBe('true');
    const shown = () => results.locator('tr[data-event-id]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-event-id')));
    expect(await shown()).toEqual(mine.slice(0, 50).map((e) => e.eventId));
    await c.page.getByRole('button', { name: 'Tải thêm' }).click();
    await results.locator('tr[data-event-id]').nth(50).waitFor();
    expect(await shown()).toEqual(mine.map((e) => e.eventId));
    await c.page.getByRole('button', { name: 'Tải thêm' }).waitFor({ state: 'detached' });
    // The citizen appears as the keyed hash, shortened.
    const hash = createHmac('sha256', HASH_KEY).update(citizen).digest('hex');
    await results.getByText(`${hash.slice(0, 10)}…`).first().waitFor();

    // The personal ID is in no address and no storage; the criteria that are not personal are in the address.
    const url = c.page.url();
    expect(url).not.toContain(citizen);
    expect(url).toContain('case=');
    expect(url).toContain('from=2026-10-01');
    const storage = await c.page.evaluate<string>('JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })');
    expect(storage).not.toContain(citizen);
    await expectAccessible(c.page, 'trace');
    await c.page.getByTestId('trace-total').scrollIntoViewIfNeeded();
    await c.page.evaluate('window.scrollBy(0, -80)');
    await c.page.mouse.move(0, 0);
    await screenshot(c.page, 'trace');

    // Evidence export: the file and its manifest, which verify offline with the public key alone.
    const downloads: Download[] = [];
    c.page.on('download', (d) => downloads.push(d));
    await c.page.getByRole('button', { name: 'Xuất CSV' }).click();
    const done = c.page.getByTestId('export-done');
    await done.waitFor();
    await expect(done.innerText()).resolves.toContain('npm run cli -- verify-export');
    for (let i = 0; downloads.length < 2 && i < 100; i++) await c.page.waitForTimeout(100);
    expect(downloads).toHaveLength(2);
    const dir = mkdtempSync(join(tmpdir(), 'console-trace-'));
    const saved: string[] = [];
    for (const d of downloads) {
      const path = join(dir, d.suggestedFilename());
      await d.saveAs(path);
      saved.push(path);
    }
    const [file, manifest] = saved;
    expect(manifest).toMatch(/\.manifest\.json$/);
    writeFileSync(join(dir, 'public-key.json'), JSON.stringify((await c.http().get('/v1/integrity/public-key').expect(200)).body));
    const verified = await verifyOffline(manifest, file, ['--public-key', join(dir, 'public-key.json')]);
    expect(verified.stdout).toMatch(/^OK: the export verifies/);

    await expectAccessible(c.page, 'export done');

    await c.page.getByRole('tab', { name: 'Dòng thời gian công dân' }).click();
    const timeline = c.page.getByTestId('citizen-timeline');
    await timeline.waitFor();
    expect(await timeline.getAttribute('data-total')).toBe(String(mine.length));
    const days = new Set(mine.map((e) => localDay(e.occurredAt)));
    expect(await c.page.getByTestId('citizen-days-chart').getAttribute('data-points')).toBe(String(days.size));
    const accounts = new Set(mine.map((e) => e.accountId));
    expect(await c.page.getByTestId('citizen-accounts-chart').getAttribute('data-points')).toBe(String(accounts.size));
    expect(await c.page.getByTestId('citizen-days-chart').getAttribute('aria-label')).toContain(`tổng ${mine.length} lượt`);
    await expectAccessible(c.page, "citizen's timeline");
    await timeline.scrollIntoViewIfNeeded();
    await c.page.evaluate('window.scrollBy(0, -80)');
    await c.page.mouse.move(0, 0);
    await screenshot(c.page, 'trace-timeline');

    await c.page.getByRole('tab', { name: 'Kết quả' }).click();
    const account = mine[0].accountId;
    await results.getByRole('button', { name: `Xem dòng thời gian của tài khoản ${account}` }).first().click();
    const accountTimeline = c.page.getByTestId('account-timeline');
    await accountTimeline.waitFor();
    expect(await accountTimeline.getAttribute('data-account')).toBe(account);
    const lookups = events.filter((e) => e.accountId === account && (e.action === 'lookup' || e.action === 'verify')).length;
    expect(await c.page.getByTestId('account-days-chart').getAttribute('data-lookups')).toBe(String(lookups));
    expect(await c.page.getByTestId('account-days-chart').getAttribute('data-points')).toBe('31');
    await expectAccessible(c.page, "account's timeline");
    await expectNoHorizontalScroll(c.page, "account's timeline");

    await c.page.getByRole('tab', { name: 'Lịch sử tra cứu của tôi' }).click();
    const history = c.page.getByTestId('trace-history');
    const rows = history.locator('tbody tr.ant-table-row');
    // Newest first: the account's timeline, the citizen's, the export (its end, then its start, whose row count was
    // not known yet), the second page, the first page.
    await rows.nth(5).waitFor();
    const kinds = await rows.evaluateAll((trs) => trs.map((tr) => `${tr.children[1]?.textContent}: ${tr.children[6]?.textContent}`));
    expect(kinds).toEqual([
      `Xem dòng thời gian: ${events.filter((e) => e.accountId === account).length}`,
      `Xem dòng thời gian: ${mine.length}`,
      `Xuất dữ liệu: ${mine.length}`,
      'Bắt đầu xuất dữ liệu: —',
      `Tra cứu: ${mine.length - 50}`,
      'Tra cứu: 50',
    ]);
    await expect(rows.nth(5).innerText()).resolves.toContain(CASE_REF);
    await expect(rows.nth(5).innerText()).resolves.toContain(`${hash.slice(0, 10)}…`);
    await expectAccessible(c.page, 'my searches');
    expect(c.page.url()).not.toContain(citizen);
  });

  it('returns to the same search after signing in again; a search that had a personal ID asks for it again after a reload', async () => {
    const auditor = await c.userWithPassword(Role.AUDITOR);
    const address = `${c.base}/trace?case=${encodeURIComponent(CASE_REF)}&purpose=${encodeURIComponent(PURPOSE)}&accountId=cb.trace.1&from=2026-10-01&to=2026-10-31`;
    await c.page.goto(address);
    await c.signIn(auditor.username, auditor.password);
    const results = c.page.getByTestId('trace-results');
    await results.locator('tr[data-event-id]').first().waitFor();
    const expected = events.filter((e) => e.accountId === 'cb.trace.1').length;
    expect(await c.page.getByTestId('trace-total').getAttribute('data-total')).toBe(String(expected));
    expect(await c.page.getByTestId('trace-form').getByLabel('Tài khoản').inputValue()).toBe('cb.trace.1');

    await c.page.goto(`${address}&subject=1`);
    await c.page.getByText('Lần tra cứu này có số định danh cá nhân, vốn không được lưu lại.').waitFor();
    expect(await results.count()).toBe(0);
  });

  it('shows a personal ID to a revealer, with a reason, and exports the IDs in the file only when asked, with a reason', async () => {
    const revealer = await c.userWithPassword([Role.AUDITOR, Role.REVEALER]);
    await c.page.goto(`${c.base}/trace`);
    await c.signIn(revealer.username, revealer.password);
    const form = c.page.getByTestId('trace-form');
    await form.getByLabel('Số hồ sơ vụ việc').fill(CASE_REF);
    await form.getByLabel('Mục đích tra cứu').fill(PURPOSE);
    await form.getByLabel('Số định danh cá nhân').fill(citizen);
    await form.getByRole('button', { name: 'Tra cứu' }).click();
    const results = c.page.getByTestId('trace-results');
    await results.locator('tr[data-event-id]').first().waitFor();

    await results.getByRole('button', { name: 'Xem số định danh' }).first().click();
    const dialog = c.page.getByRole('dialog');
    await dialog.getByText('Xem số định danh cá nhân').waitFor();
    await dialog.getByLabel('Lý do', { exact: true }).fill('Đối chiếu hồ sơ giấy');
    await dialog.getByRole('button', { name: 'Xem', exact: true }).click();
    await expect(results.getByTestId('revealed-id').first().innerText()).resolves.toBe(citizen);

    const exportPanel = c.page.getByTestId('trace-export');
    await exportPanel.getByText('Kèm số định danh cá nhân trong tệp').click();
    // Without a reason the export cannot start.
    expect(await exportPanel.getByRole('button', { name: 'Xuất CSV' }).isDisabled()).toBe(true);
    await exportPanel.getByLabel('Lý do cần số định danh (ghi vào nhật ký bảo mật)').fill('Cung cấp cho cơ quan điều tra');
    const downloads: Download[] = [];
    c.page.on('download', (d) => downloads.push(d));
    await exportPanel.getByRole('button', { name: 'Xuất CSV' }).click();
    await c.page.getByTestId('export-done').waitFor();
    for (let i = 0; downloads.length < 2 && i < 100; i++) await c.page.waitForTimeout(100);
    const path = join(mkdtempSync(join(tmpdir(), 'console-revealed-')), downloads[0].suggestedFilename());
    await downloads[0].saveAs(path);
    const [header, ...rows] = [...csvRecords(readFileSync(path, 'utf8'))];
    expect(header[header.length - 1]).toBe('subject_id');
    expect(rows).toHaveLength(mine.length);
    expect(new Set(rows.map((r) => r[r.length - 1]))).toEqual(new Set([citizen]));
    await expectAccessible(c.page, 'export with personal IDs');
  });

  it('is not for reviewers: no menu entry, and the page says "no permission"', async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    await c.page.goto(`${c.base}/trace`);
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.getByRole('heading', { name: 'Bạn không có quyền mở trang này' }).waitFor();
    expect(await c.page.getByRole('menuitem', { name: 'Tra cứu' }).count()).toBe(0);
  });
});
