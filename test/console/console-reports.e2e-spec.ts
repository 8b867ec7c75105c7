import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { Role } from '@app/auth';
import { ensurePoppler, pdfText } from '../reports/poppler';
import { bearerFor } from '../utils/auth';
import { ingest, newPersonalId, seedEvents } from '../trace/trace.fixture';
import { expectAccessible, screenshot } from './console-browser';
import { useConsole } from './console.fixture';

jest.setTimeout(240_000);

const CASE_REF = 'Đơn 27/2026/ĐN-CD';
const PURPOSE = 'Trả lời công dân về các lượt tra cứu dữ liệu cá nhân';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** The next download the page starts, saved, and its bytes. */
async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download') as Promise<Download>, click()]);
  return { name: download.suggestedFilename(), data: readFileSync((await download.path())!) };
}

describe('The console: Báo cáo', () => {
  const c = useConsole({
    SUBJECT_HASH_KEY: 'console-reports-subject-key-0123456789abcdef',
    SUBJECT_HASH_KEY_ID: 'k1',
  });
  const [citizen, other] = [newPersonalId(), newPersonalId()];
  const events = seedEvents(60, [citizen, other]);
  const mine = events.filter((e) => e.subjectId === citizen);

  beforeAll(async () => {
    ensurePoppler();
    await ingest(c.t.app, events);
  }, 120_000);

  it("generates a report for a period, makes a citizen's access report from a masked ID, and downloads both from the archive", async () => {
    const admin = await c.userWithPassword(Role.ADMIN);
    c.page.setDefaultTimeout(30_000);
    await c.page.goto(`${c.base}/reports`);
    await c.signIn(admin.username, admin.password);
    await c.page.getByRole('heading', { name: 'Báo cáo', exact: true }).waitFor();

    // Tạo báo cáo: October 2026, the last day included (the API's [from, to) ends on 1 November).
    const generate = c.page.getByTestId('generate-report');
    await generate.getByPlaceholder('Từ ngày').click();
    await generate.getByPlaceholder('Từ ngày').fill('01/10/2026');
    await generate.getByPlaceholder('Từ ngày').press('Enter');
    await generate.getByPlaceholder('Đến ngày').fill('31/10/2026');
    // Tab, not Enter: an Enter in the picker submits the form, and the click below would make a second report.
    await generate.getByPlaceholder('Đến ngày').press('Tab');
    await generate.getByRole('button', { name: 'Tạo báo cáo' }).click();
    const made = c.page.getByTestId('generate-done');
    await made.waitFor();
    const periodicId = (await made.getAttribute('data-report-id'))!;
    const periodic = (
      await c
        .http()
        .get(`/v1/reports/${periodicId}`)
        .set('Authorization', await bearerFor(c.t.app, Role.ADMIN))
        .expect(200)
    ).body;
    expect(periodic).toMatchObject({ kind: 'on_demand', period: { from: '2026-10-01', to: '2026-11-01' } });

    // The citizen's access report: no case reference, refused beside the field; the ID is a password field.
    const access = c.page.getByTestId('citizen-access');
    const id = access.getByLabel('Số định danh cá nhân của công dân');
    expect(await id.getAttribute('type')).toBe('password');
    await id.fill('12345');
    await access.getByRole('button', { name: 'Tạo báo cáo cho công dân' }).click();
    await access.getByText('Số định danh cá nhân gồm đúng 12 chữ số').waitFor();
    await access.getByText('Vui lòng nhập số hồ sơ đề nghị').waitFor();
    await id.fill(citizen);
    await access.getByLabel('Số hồ sơ đề nghị').fill(CASE_REF);
    await access.getByLabel('Mục đích').fill(PURPOSE);
    await access.getByLabel('Họ và tên công dân (in sau "Kính gửi")').fill('Trần Thị Mai');
    await access.getByRole('button', { name: 'Tạo báo cáo cho công dân' }).click();
    const done = c.page.getByTestId('access-done');
    await done.waitFor();
    expect(await done.getAttribute('data-events')).toBe(String(mine.length));
    // The ID does not stay in the form once the report is made.
    expect(await id.inputValue()).toBe('');

    const pdf = await downloaded(c.page, () => done.getByRole('button', { name: 'Tải PDF' }).click());
    const accessId = (await done.getAttribute('data-report-id'))!;
    const entry = (
      await c
        .http()
        .get(`/v1/reports/${accessId}`)
        .set('Authorization', await bearerFor(c.t.app, Role.ADMIN))
        .expect(200)
    ).body;
    expect(sha256(pdf.data)).toBe(entry.pdfSha256);
    const text = pdfText(pdf.data).replace(/\s+/g, ' ');
    expect(text).toContain('Kính gửi: Ông/Bà Trần Thị Mai');
    expect(text).toContain(`hồ sơ số ${CASE_REF}`);
    expect(text).not.toContain(citizen);

    // The archive lists both, newest first, with their sums; the workbook downloads as archived.
    const archive = c.page.getByTestId('report-archive');
    const rows = archive.locator('tr[data-report-id]');
    await archive.locator(`tr[data-report-id="${accessId}"]`).waitFor();
    expect(
      await rows.evaluateAll((trs) =>
        trs.map((tr) => `${tr.getAttribute('data-report-id')}:${tr.getAttribute('data-kind')}`),
      ),
    ).toEqual([`${accessId}:citizen_access`, `${periodicId}:on_demand`]);
    await archive.getByText(`Hồ sơ: ${CASE_REF}`).waitFor();
    await archive.getByText(`PDF ${entry.pdfSha256.slice(0, 16)}…`).waitFor();
    const xlsx = await downloaded(c.page, () =>
      archive.getByRole('button', { name: `Tải XLSX của báo cáo ${periodic.documentNumber}` }).click(),
    );
    expect(sha256(xlsx.data)).toBe(periodic.xlsxSha256);

    // Filtered by kind.
    await archive.getByLabel('Loại báo cáo').click();
    await c.page.locator('.ant-select-item-option', { hasText: 'Truy cập dữ liệu của công dân' }).click();
    await archive.locator(`tr[data-report-id="${periodicId}"]`).waitFor({ state: 'detached' });
    await archive.locator(`tr[data-report-id="${accessId}"]`).waitFor();
    expect(await rows.count()).toBe(1);

    // The personal ID is in no address and no storage.
    expect(c.page.url()).not.toContain(citizen);
    const storage = await c.page.evaluate<string>(
      'JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } })',
    );
    expect(storage).not.toContain(citizen);
    await expectAccessible(c.page, 'reports');
    await c.page.evaluate('window.scrollTo(0, 0)');
    await c.page.mouse.move(0, 0);
    await screenshot(c.page, 'reports', { fullPage: true });
  });

  it('shows auditors the archive without the forms', async () => {
    const auditor = await c.userWithPassword(Role.AUDITOR);
    await c.page.goto(`${c.base}/reports`);
    await c.signIn(auditor.username, auditor.password);
    await c.page.getByRole('heading', { name: 'Báo cáo', exact: true }).waitFor();
    await c.page.getByTestId('report-archive').waitFor();
    expect(await c.page.getByTestId('generate-report').count()).toBe(0);
    expect(await c.page.getByTestId('citizen-access').count()).toBe(0);
    await expectAccessible(c.page, 'reports (auditor)');
  });

  it('is not for reviewers: no menu entry, and the page says "no permission"', async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    await c.page.goto(`${c.base}/reports`);
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.getByRole('heading', { name: 'Bạn không có quyền mở trang này' }).waitFor();
    expect(await c.page.getByRole('menuitem', { name: 'Báo cáo' }).count()).toBe(0);
  });
});
