import { Role } from '@app/auth';
import { SourceSystemRegistry } from '@app/source-systems';
import { lookupEvent, TEST_SUBJECT_KEY } from '../ingestion/ingest.fixture';
import { bearerFor, producerKeyFor } from '../utils/auth';
import { expectAccessible, expectNoHorizontalScroll, screenshot, VIEWPORT } from './console-browser';
import { useConsole } from './console.fixture';

jest.setTimeout(180_000);

describe('The console: integration (declared fields, traffic outside the registrations, rejected records)', () => {
  const c = useConsole({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY });

  it('shows a rejected record with its reason, an unregistered system and an undeclared sensitive field, and registers the system', async () => {
    const admin = await bearerFor(c.t.app, Role.ADMIN);
    await c.http()
      .post('/v1/source-systems')
      .set('Authorization', admin)
      .send({ code: 'igate', name: 'iGate tỉnh', operatorOrg: 'VNPT tỉnh', allowedFields: ['fullName', 'dateOfBirth', 'ethnicity'] })
      .expect(201);
    await c.t.app.get(SourceSystemRegistry).refresh();
    const key = await producerKeyFor(c.t.app, 'igate');
    // One good event, one without its accountId (refused), one returning religion, which igate did not declare.
    const sent = await c.http()
      .post('/v1/ingest/events')
      .set('X-Api-Key', key)
      .send([lookupEvent(1), lookupEvent(2, { accountId: undefined }), lookupEvent(3, { fields: ['fullName', 'religion'] })])
      .expect(200);
    expect(sent.body).toMatchObject({ accepted: 2, rejected: 1 });
    // A system nobody registered, sent by an operator's own sign-in.
    const operator = await bearerFor(c.t.app, Role.OPERATOR);
    await c.http().post('/v1/ingest/events').set('Authorization', operator).send([lookupEvent(4, { sourceSystem: 'mot-cua-xa' }), lookupEvent(5, { sourceSystem: 'mot-cua-xa' })]).expect(200);

    const officer = await c.userWithPassword(Role.OPERATOR);
    await c.page.goto(`${c.base}/integration`);
    await c.signIn(officer.username, officer.password);
    await c.page.getByRole('heading', { name: 'Tích hợp', exact: true }).waitFor();

    // Declared fields, by the catalog's labels; the sensitive one says so in words.
    const systems = c.page.getByTestId('source-systems');
    const igate = systems.locator('tr', { hasText: 'iGate tỉnh' });
    await igate.getByText('3 trường').waitFor();
    await igate.getByText('1 nhạy cảm').waitFor();
    await igate.getByRole('button').first().click();
    const fields = c.page.getByTestId('fields-of-igate');
    await fields.getByText('Họ, chữ đệm và tên khai sinh').waitFor();
    await fields.locator('[data-field="ethnicity"][data-field-class="sensitive"]', { hasText: 'Dân tộc · nhạy cảm' }).waitFor();

    // Ingest health: 4 events stored (2 of igate, 2 of the unregistered system) within the hour, the refusal in words.
    const ingest = c.page.getByTestId('ingest-card');
    await ingest.getByTestId('ingest-last-hour').filter({ hasText: /^4$/ }).waitFor();
    await ingest.getByText('Không dùng Kafka (nhận qua HTTP, tệp)').or(ingest.getByText(/bản ghi chưa lưu/)).waitFor();
    await ingest.locator('.reason-tag', { hasText: 'Sai cấu trúc: 1' }).waitFor();

    // The rejected record: which line, which field, why; counted by reason and filtered by it.
    const rejections = c.page.getByTestId('rejections');
    const rejected = rejections.getByTestId('rejection-list').locator('tr', { hasText: 'accountId' });
    await rejected.getByText('Sai cấu trúc').waitFor();
    await rejected.getByText('dòng 2').waitFor();
    await rejections.getByTestId('rejection-counts').locator('[data-reason="schema_violation"]', { hasText: 'Sai cấu trúc: 1' }).waitFor();
    await rejections.getByLabel('Lý do', { exact: true }).click();
    await c.page.locator('.ant-select-item-option', { hasText: 'Sai hệ thống của khóa' }).click();
    await rejections.getByText('Không có bản ghi bị từ chối.').waitFor();
    expect(c.page.url()).toContain('rejReason=source_mismatch');
    await rejections.locator('.ant-select-clear').first().click();
    await rejected.waitFor();

    // Traffic outside the registrations: the undeclared sensitive field, and the unregistered system with its count.
    const seen = c.page.getByTestId('traffic-seen');
    await seen.getByTestId('undeclared-fields').locator('[data-field="religion"]', { hasText: 'Tôn giáo · nhạy cảm' }).waitFor();
    const unregistered = seen.getByTestId('unregistered-systems').locator('tr', { hasText: 'mot-cua-xa' });
    await unregistered.getByRole('cell', { name: '2', exact: true }).waitFor();
    await expectAccessible(c.page, 'integration, traffic seen and rejections');
    await screenshot(c.page, 'integration-traffic', { fullPage: true });
    // A tablet held upright: the tables give way, nothing scrolls sideways.
    await c.page.setViewportSize({ width: 820, height: 1180 });
    await c.page.locator('.ant-layout-sider-collapsed').waitFor(); // the menu gives way to its icons
    await expectAccessible(c.page, 'integration on a tablet'); // (at rest: once the menu has folded)
    await expectNoHorizontalScroll(c.page, 'integration on a tablet');
    await c.page.setViewportSize(VIEWPORT);

    await unregistered.getByRole('button', { name: 'Đăng ký hệ thống mot-cua-xa' }).click();
    const dialog = c.page.getByRole('dialog');
    expect(await dialog.getByLabel('Mã', { exact: true }).inputValue()).toBe('mot-cua-xa');
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    await dialog.getByText('Vui lòng nhập thông tin này').first().waitFor();
    await dialog.getByLabel('Tên hệ thống').fill('Một cửa điện tử cấp xã');
    await dialog.getByLabel('Đơn vị vận hành').fill('Viettel tỉnh');
    await dialog.getByLabel('Trường dữ liệu đã khai báo').click();
    await c.page.keyboard.type('năm sinh');
    await c.page.locator('.ant-select-item-option-active', { hasText: 'Ngày, tháng, năm sinh' }).waitFor();
    await c.page.keyboard.press('Enter');
    await dialog.getByTitle('Ngày, tháng, năm sinh (dateOfBirth)').waitFor();
    await dialog.getByText('Đăng ký hệ thống kết nối').click(); // closes the list, not the dialog
    await expectAccessible(c.page, 'register a system');
    await dialog.getByRole('button', { name: 'Đăng ký' }).click();
    await c.page.getByText('Đã đăng ký hệ thống mot-cua-xa.').waitFor();
    await systems.getByText('Một cửa điện tử cấp xã').waitFor();
    const registered = (await c.http().get('/v1/source-systems/mot-cua-xa').set('Authorization', admin).expect(200)).body;
    expect(registered).toMatchObject({ name: 'Một cửa điện tử cấp xã', operatorOrg: 'Viettel tỉnh', allowedFields: ['dateOfBirth'], status: 'active' });
  });

  it('a reviewer sees neither the integration page nor its data', async () => {
    const reviewer = await c.userWithPassword(Role.REVIEWER);
    await c.page.goto(`${c.base}/integration`);
    await c.signIn(reviewer.username, reviewer.password);
    await c.page.getByRole('heading', { name: 'Bạn không có quyền mở trang này' }).waitFor();
    expect(await c.page.getByTestId('rejections').count()).toBe(0);
  });
});
