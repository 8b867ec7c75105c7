import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { bearerFor } from '../utils/auth';
import { completed, HOUR, latestNotice, openIncident } from '../incidents/incidents.fixture';
import { expectAccessible, expectNoHorizontalScroll, screenshot } from './console-browser';
import { useConsole } from './console.fixture';

jest.setTimeout(240_000);

/**
 * Sự cố: an admin opens an incident from an alert's page, sees the 72-hour countdown, finalises the notice and
 * downloads it, and records its sending; the list shows urgent and late incidents as such. The service's clock is
 * fixed (the countdown runs from the API's figure in the browser's own time).
 */
describe('The console: Sự cố (breach incidents)', () => {
  // Now, fixed: the open form's default discovery time is the browser's now, which the service checks against its own.
  const clock = new FixedClock(new Date());
  const c = useConsole({}, { clock });

  it('opens an incident from an alert, finalises its notice, downloads it and records the sending', async () => {
    const alertId = await c.seedAlert('cb.xa12.tranthib');
    const admin = await c.userWithPassword(Role.ADMIN);
    c.page.setDefaultTimeout(30_000);
    await c.page.goto(`${c.base}/alerts/${alertId}`);
    await c.signIn(admin.username, admin.password);
    await c.page.getByRole('button', { name: 'Mở sự cố' }).click();
    const form = c.page.getByTestId('open-incident-form');
    await form.getByLabel('Tên sự cố').fill('Tra cứu hàng loạt của tài khoản cb.xa12.tranthib');
    await form.getByLabel('Người được giao').fill('dpo@so.gov.vn');
    await form.getByLabel('Người được giao').press('Enter');
    await c.page.getByRole('button', { name: 'Mở sự cố', exact: true }).last().click();

    await c.page.getByRole('heading', { level: 1, name: /Tra cứu hàng loạt của tài khoản/ }).waitFor();
    const id = /\/incidents\/(\d+)$/.exec(c.page.url())![1];
    const facts = c.page.getByTestId('incident-facts');
    await facts.getByText('cb.xa12.tranthib').waitFor();
    await facts.getByText('212').waitFor();
    await facts.getByText('dpo@so.gov.vn').waitFor();
    const countdown = c.page.getByTestId('countdown');
    expect(await countdown.getAttribute('data-state')).toBe('running');
    const first = await countdown.textContent();
    expect(first).toMatch(/^Còn (72:00:00|71:5\d:\d\d)$/);
    await c.page.waitForTimeout(1500);
    expect(await countdown.textContent()).not.toBe(first);

    // Incomplete: the server's list of what is missing, beside the editor.
    await c.page.getByRole('button', { name: 'Hoàn tất và tạo văn bản' }).click();
    await c.page.getByTestId('notice-problems').waitFor();
    await expectAccessible(c.page, 'the incident page');
    await expectNoHorizontalScroll(c.page, 'the incident page');

    // Another admin completes the form (a version through the API); the page shows it after a reload.
    const token = await bearerFor(c.t.app, Role.ADMIN);
    const { content } = await latestNotice(c.t.app, token, id);
    await c.http().post(`/v1/incidents/${id}/notice/versions`).set('Authorization', token).send({ content: completed(content) }).expect(201);
    await c.page.reload();
    await c.page.getByRole('heading', { name: 'Thông báo vi phạm (phiên bản 2)' }).waitFor();
    await c.page.getByLabel('Hành vi vi phạm, cách thức thực hiện').fill('Tài khoản tra cứu 212 công dân trong một ngày, 64% không gắn hồ sơ.');
    await c.page.getByRole('button', { name: 'Hoàn tất và tạo văn bản' }).click();
    await c.page.getByText(/^Đã hoàn tất · Số \d+\//).waitFor();
    const versions = c.page.getByTestId('notice-versions');
    expect(await versions.locator('tr[data-version]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-version')))).toEqual(['4', '3', '2', '1']);
    await c.page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(c.page, 'incident');

    const finalised = (await c.http().get(`/v1/incidents/${id}/notice/versions/4`).set('Authorization', token).expect(200)).body;
    expect(finalised.content.violation.act).toBe('Tài khoản tra cứu 212 công dân trong một ngày, 64% không gắn hồ sơ.');
    const download = c.page.waitForEvent('download');
    await versions.getByRole('button', { name: 'PDF' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`thong-bao-vi-pham-${id}-v4.pdf`);
    expect(createHash('sha256').update(readFileSync((await file.path())!)).digest('hex')).toBe(finalised.pdfSha256);

    await c.page.getByRole('button', { name: 'Ghi nhận đã gửi' }).click();
    const record = c.page.getByTestId('record-form');
    await record.getByLabel('Hình thức gửi').fill('Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân');
    await record.getByLabel('Số tiếp nhận / số công văn').fill('A05-2026-0173');
    await c.page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await c.page.getByTestId('incident-records').getByText('A05-2026-0173').waitFor();
    await c.page.getByText('Đã thông báo đúng hạn').waitFor();
  });

  it('lists incidents with a countdown, red under 12 hours and "Quá hạn" once passed', async () => {
    const token = await bearerFor(c.t.app, Role.ADMIN);
    const ago = (h: number) => new Date(clock.now().getTime() - h * HOUR).toISOString();
    const fresh = await openIncident(c.t.app, token, { title: 'Lộ danh sách công dân qua email', discoveredAt: ago(2) });
    const urgent = await openIncident(c.t.app, token, { title: 'Tài khoản dùng chung tra cứu ngoài giờ', discoveredAt: ago(65) });
    const late = await openIncident(c.t.app, token, { title: 'Xuất dữ liệu vượt mức cho phép', discoveredAt: ago(80) });
    const admin = await c.userWithPassword(Role.ADMIN);
    await c.page.goto(`${c.base}/incidents`);
    await c.signIn(admin.username, admin.password);
    const list = c.page.getByTestId('incident-list');
    await list.locator(`tr[data-incident-id="${late.id}"]`).waitFor();
    const state = (id: string) => list.locator(`tr[data-incident-id="${id}"] [data-testid="countdown"]`).getAttribute('data-state');
    expect(await state(fresh.id)).toBe('running');
    expect(await state(urgent.id)).toBe('urgent');
    expect(await state(late.id)).toBe('late');
    await list.locator(`tr[data-incident-id="${late.id}"]`).getByText('Quá hạn').waitFor();
    expect(await list.locator(`tr[data-incident-id="${urgent.id}"] [data-testid="countdown"]`).textContent()).toMatch(/^Còn 0[67]:\d\d:\d\d$/);
    await expectAccessible(c.page, 'the incident list');
    await screenshot(c.page, 'incidents');
  });

  it('shows the page read-only to an auditor', async () => {
    const token = await bearerFor(c.t.app, Role.ADMIN);
    const incident = await openIncident(c.t.app, token, { title: 'Chỉ xem' });
    const auditor = await c.userWithPassword(Role.AUDITOR);
    await c.page.goto(`${c.base}/incidents/${incident.id}`);
    await c.signIn(auditor.username, auditor.password);
    await c.page.getByRole('heading', { level: 1, name: /Chỉ xem/ }).waitFor();
    expect(await c.page.getByRole('button', { name: 'Hoàn tất và tạo văn bản' }).count()).toBe(0);
    expect(await c.page.getByRole('button', { name: 'Ghi nhận đã gửi' }).count()).toBe(0);
    await c.page.getByRole('menuitem', { name: 'Sự cố' }).waitFor();
  });

  it('keeps the menu entry from a reviewer, and says so when the page is opened by its address', async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    await c.page.goto(`${c.base}/incidents`);
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.getByText('Bạn không có quyền mở trang này').waitFor();
    expect(await c.page.getByRole('menuitem', { name: 'Sự cố' }).count()).toBe(0);
    expect(await c.page.getByTestId('incident-list').count()).toBe(0);
  });
});
