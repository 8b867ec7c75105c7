import { createHash } from 'node:crypto';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { Role } from '@app/auth';
import { FixedClock } from '@app/common';
import { sql, TEST_SUBJECT_KEY } from '../ingestion/ingest.fixture';
import { bearerFor } from '../utils/auth';
import { bootTestApp, TestApp } from '../utils/test-app';
import { ensurePoppler, firstPagePng, pdfFonts, pdfText } from './poppler';
import { BIG_LOOKUPS, seedNovember, UNIT_A, UNIT_NAMES, UNIT_POST } from './reports.fixture';

const binary = (res: request.Response, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
};

/** The periodic report: its content from the database, the PDF as a Vietnamese administrative document, the XLSX. */
describe('periodic reports', () => {
  const clock = new FixedClock(new Date('2026-12-02T08:00:00+07:00'));
  let sut: TestApp;
  let admin: string;
  let auditor: string;
  let reviewer: string;
  let report: { id: string; pdfSha256: string; xlsxSha256: string; documentNumber: string };
  let pdf: Buffer;
  let xlsx: Buffer;
  const http = () => request(sut.app.getHttpServer());

  beforeAll(async () => {
    ensurePoppler();
    sut = await bootTestApp({ SUBJECT_HASH_KEY: TEST_SUBJECT_KEY, REPORTS_OPEN_ALERT_AGE: '7d' }, { clock });
    const operator = await bearerFor(sut.app, Role.OPERATOR);
    await seedNovember(sut.app, sut.db.url, clock, operator);
    // Signed in after the seeding moved the clock to the report's day (tokens follow the clock).
    [admin, auditor, reviewer] = await Promise.all([
      bearerFor(sut.app, Role.ADMIN),
      bearerFor(sut.app, Role.AUDITOR),
      bearerFor(sut.app, Role.REVIEWER),
    ]);
    const created = await http()
      .post('/v1/reports')
      .set('Authorization', admin)
      .send({ from: '2026-11-01', to: '2026-12-01' })
      .expect(201);
    report = created.body;
    pdf = (
      await http()
        .get(`/v1/reports/${report.id}/pdf`)
        .set('Authorization', auditor)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body;
    xlsx = (
      await http()
        .get(`/v1/reports/${report.id}/xlsx`)
        .set('Authorization', auditor)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body;
  }, 120_000);
  afterAll(() => sut?.close());

  it('lays the PDF out as an administrative document: issuing body, national title and motto, number, place and date, title, signature, recipients', () => {
    const text = pdfText(pdf);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    for (const line of [
      'UBND TỈNH QUẢNG TRỊ',
      'VĂN PHÒNG',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Quảng Trị, ngày 02 tháng 12 năm 2026',
      'BÁO CÁO',
      'Nơi nhận:',
      'KT. CHÁNH VĂN PHÒNG',
      'Nguyễn Văn An',
      'Lưu: VT, HCTC.',
    ]) {
      expect(text).toContain(line);
    }
    expect(report.documentNumber).toBe('Số: 1/BC-VP');
    expect(text).toContain('Số: 1/BC-VP');
    expect(text.replace(/\s+/g, ' ')).toContain('từ ngày 01/11/2026 đến hết ngày 30/11/2026');
    const fonts = pdfFonts(pdf);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded && /Tinos/.test(f.name))).toBe(true);
    const png = firstPagePng(pdf);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('says the figures in Vietnamese: units by name, numbers as 1.035.379, locks by cause, abnormal accounts with their evidence and outcome', async () => {
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    const [totals] = await sql<{ lookups: number }>(
      sut.db.url,
      `SELECT sum(lookups)::int AS lookups FROM account_day WHERE day >= '2026-11-01' AND day < '2026-12-01'`,
    );
    expect(totals.lookups).toBe(BIG_LOOKUPS + 72);
    expect(text).toContain(`${(BIG_LOOKUPS + 72).toLocaleString('de-DE')} lượt tra cứu`); // 1.035.451
    expect(text).toContain('1.035.379');
    for (const name of Object.values(UNIT_NAMES)) expect(text).toContain(name);
    for (const cause of [
      'Không sử dụng quá 3 tháng',
      'Chuyển công tác',
      'Nghỉ hưu, thôi việc',
      'Bị xóa khỏi danh bạ tài khoản',
      'Quản trị viên khóa',
    ])
      expect(text).toContain(cause);
    expect(text).toContain('TÀI KHOẢN CÓ TẦN SUẤT TRA CỨU BẤT THƯỜNG');
    expect(text).toContain('gấp 10 lần mức thường ngày');
    expect(text).toContain('Kết luận: đúng vi phạm (người xử lý: Trần Văn Duyệt)');
    expect(text).toContain('Chưa đăng ký kết nối');
    expect(text).toContain('Nhận trường chưa khai báo: religion');
    expect(text).toContain('Hệ thống thông tin giải quyết TTHC tỉnh (igate)');
    expect(text).toContain('Họ, chữ đệm và tên khai sinh; Ngày, tháng, năm sinh');
    expect(text).toContain('Biểu đồ 1. Lượt tra cứu mỗi ngày');
    // The critical alert raised 12 days before the report and still open is overdue (REPORTS_OPEN_ALERT_AGE 7d).
    expect(text).toContain('chưa xử lý quá 7 ngày');
    expect(text).toContain('Dò tìm số định danh liên tiếp (Nghiêm trọng)');
  });

  it('prints the SHA-256 of the XLSX in the footer; the archive records both files', async () => {
    const text = pdfText(pdf);
    const xlsxSum = createHash('sha256').update(xlsx).digest('hex');
    expect(report.xlsxSha256).toBe(xlsxSum);
    expect(report.pdfSha256).toBe(createHash('sha256').update(pdf).digest('hex'));
    expect(text).toContain(`SHA-256 của tệp XLSX số liệu kèm theo: ${xlsxSum}`);
    const [row] = await sql<{ pdf: string; xlsx: string }>(
      sut.db.url,
      `SELECT encode(pdf_sha256, 'hex') AS pdf, encode(xlsx_sha256, 'hex') AS xlsx FROM report WHERE id = $1`,
      [report.id],
    );
    expect(row).toEqual({ pdf: report.pdfSha256, xlsx: xlsxSum });
  });

  it('writes one XLSX sheet per section, numbers as numbers that equal the database', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as never);
    expect(book.worksheets.map((w) => w.name)).toEqual([
      'Tổng quan',
      'Theo thao tác',
      'Theo đơn vị',
      'Theo hệ thống',
      'Theo ngày',
      'Tài khoản bị khóa',
      'Cảnh báo sắp khóa',
      'Mở khóa',
      'Tra cứu bất thường',
      'Cảnh báo',
      'Cảnh báo quá hạn',
      'Hệ thống vi phạm',
      'Hệ thống kết nối',
    ]);
    const rows = (name: string) =>
      book
        .getWorksheet(name)!
        .getSheetValues()
        .slice(2)
        .map((r) => (r as unknown[]).slice(1));
    const units = await sql<{ unit_code: string; lookups: number; explained: number; accounts: number }>(
      sut.db.url,
      `SELECT unit_code, sum(lookups)::int AS lookups, sum(explained)::int AS explained, count(DISTINCT account_id) FILTER (WHERE lookups > 0)::int AS accounts
       FROM account_day WHERE day >= '2026-11-01' AND day < '2026-12-01' GROUP BY unit_code ORDER BY sum(lookups) DESC`,
    );
    const sheet = rows('Theo đơn vị');
    expect(sheet.map((r) => [r[0], r[2], r[3], r[4]])).toEqual(
      units.map((u) => [u.unit_code, u.accounts, u.lookups, u.explained]),
    );
    expect(sheet.every((r) => typeof r[3] === 'number' && typeof r[5] === 'number')).toBe(true);
    expect(sheet[0][1]).toBe(UNIT_NAMES[UNIT_POST]);
    expect(sheet.find((r) => r[0] === UNIT_A)![1]).toBe(UNIT_NAMES[UNIT_A]);

    const locks = await sql<{ n: number }>(
      sut.db.url,
      `SELECT count(*)::int AS n FROM account_history WHERE change_kind = 'locked' AND at >= '2026-11-01T00:00:00+07:00' AND at < '2026-12-01T00:00:00+07:00'`,
    );
    expect(rows('Tài khoản bị khóa')).toHaveLength(locks[0].n);
    expect(
      rows('Tài khoản bị khóa')
        .map((r) => r[5])
        .sort(),
    ).toEqual(['idle', 'idle', 'manual', 'removed', 'retired', 'transferred']);
    const bySystem = await sql<{ source_system: string; lookups: number }>(
      sut.db.url,
      `SELECT source_system, sum(lookups)::int AS lookups FROM source_system_day WHERE day >= '2026-11-01' AND day < '2026-12-01' GROUP BY 1 ORDER BY 2 DESC, 1`,
    );
    expect(rows('Theo hệ thống').map((r) => [r[0], r[2]])).toEqual(
      bySystem.map((s) => [s.source_system, s.lookups]),
    );
    const days = rows('Theo ngày');
    expect(days).toHaveLength(30);
    expect(days.reduce((t, r) => t + (r[1] as number), 0)).toBe(BIG_LOOKUPS + 72);
    const alertCount = await sql<{ n: number }>(
      sut.db.url,
      `SELECT count(*)::int AS n FROM alert WHERE window_start >= '2026-11-01T00:00:00+07:00' AND window_start < '2026-12-01T00:00:00+07:00'`,
    );
    expect(
      rows('Cảnh báo')
        .filter((r) => r[0] === 'Loại')
        .reduce((t, r) => t + (r[3] as number), 0),
    ).toBe(alertCount[0].n);
    expect(rows('Tra cứu bất thường').map((r) => r[1])).toEqual(['cb.xa31.lethic', 'cb.ph32.tranvc']);
    expect(rows('Hệ thống vi phạm').map((r) => [r[0], r[2], r[4]])).toEqual([
      ['app-la', 'Không', ''],
      ['igate', 'Có', 'religion'],
    ]);
  });

  it('lets an auditor read the archive but not generate; a reviewer neither; nobody without a token', async () => {
    const list = await http().get('/v1/reports').set('Authorization', auditor).expect(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: report.id,
        kind: 'on_demand',
        period: { from: '2026-11-01', to: '2026-12-01' },
        createdBy: expect.stringMatching(/^user:t-admin-/),
      }),
    ]);
    expect(list.body.items[0].summary).toMatchObject({
      lookups: BIG_LOOKUPS + 72,
      locks: 6,
      abnormalAccounts: 2,
    });
    await http()
      .post('/v1/reports')
      .set('Authorization', auditor)
      .send({ from: '2026-11-01', to: '2026-12-01' })
      .expect(403);
    await http()
      .post('/v1/reports')
      .set('Authorization', reviewer)
      .send({ from: '2026-11-01', to: '2026-12-01' })
      .expect(403);
    await http().get('/v1/reports').set('Authorization', reviewer).expect(403);
    await http().get(`/v1/reports/${report.id}/pdf`).set('Authorization', reviewer).expect(403);
    await http().get(`/v1/reports/${report.id}/xlsx`).expect(401);
    await http().get('/v1/reports/999999/pdf').set('Authorization', auditor).expect(404);
  });

  it('refuses a period that is not one, saying which field and why', async () => {
    const backwards = await http()
      .post('/v1/reports')
      .set('Authorization', admin)
      .send({ from: '2026-11-10', to: '2026-11-10' })
      .expect(400);
    expect(backwards.body.error.details).toEqual([
      expect.objectContaining({ field: 'to', message: expect.stringContaining('after from') }),
    ]);
    const long = await http()
      .post('/v1/reports')
      .set('Authorization', admin)
      .send({ from: '2025-01-01', to: '2026-11-10' })
      .expect(400);
    expect(long.body.error.details).toEqual([
      expect.objectContaining({ field: 'to', message: expect.stringContaining('366 days') }),
    ]);
    await http()
      .post('/v1/reports')
      .set('Authorization', admin)
      .send({ from: '2026-02-30', to: '2026-03-10' })
      .expect(400);
  });
});
