import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { docxAsRead } from '../utils/python-readers';
// The lifecycle's branch owns libs/incidents/src/index.ts; the notice is imported from its own folder.
import {
  BreachNoticeContent,
  draftBreachNotice,
  renderBreachNoticeDocx,
  renderBreachNoticePdf,
  renderCitizenNoticeDocx,
  renderCitizenNoticePdf,
} from '../../libs/incidents/src/notice';
import { ensurePoppler, firstPagePng, pdfFonts, pdfText } from '../reports/poppler';
import { CATALOG_FIXTURE, noticeIncidentFixture, noticeOrganisationFixture } from './notice.fixture';

const SAMPLES = join(__dirname, '..', '..', 'docs', 'samples');
const TODAY = new Date('2026-01-06T09:00:00+07:00');

/** Whitespace folded: pdftotext breaks lines where the page does. */
const flat = (text: string): string => text.replace(/\s+/g, ' ');

/** Every expected phrase is in the text; a failure lists the missing ones. */
const expectPhrases = (text: string, phrases: string[]): void =>
  expect(phrases.filter((p) => !text.includes(p))).toEqual([]);

/** The DOCX as python-docx reads it (a reader we did not write): its text, with the raw XML for the page checks. */
async function docxText(docx: Buffer): Promise<{ text: string; xml: string; page: { widthMm: number; heightMm: number; leftMm: number } }> {
  const read = docxAsRead(docx);
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return { text: flat([...read.tableParagraphs, ...read.paragraphs].join('\n')), xml, page: read.page };
}

function form08(): BreachNoticeContent {
  return draftBreachNotice(noticeIncidentFixture(), noticeOrganisationFixture(), CATALOG_FIXTURE, TODAY);
}

function form03(): BreachNoticeContent {
  const incident = noticeIncidentFixture({
    discoveredAt: new Date('2025-12-31T22:00:00+07:00'),
    occurredFrom: new Date('2025-12-30T20:00:00+07:00'),
    occurredTo: new Date('2025-12-31T21:00:00+07:00'),
    fields: ['fullName', 'dateOfBirth', 'religion'],
  });
  const content = draftBreachNotice(incident, noticeOrganisationFixture(), CATALOG_FIXTURE, TODAY);
  content.lateReason = 'Cần thời gian xác minh phạm vi tra cứu qua nhật ký của nhiều đơn vị.';
  return content;
}

describe('the breach notice forms', () => {
  beforeAll(() => ensurePoppler());

  it('prints Form 08 of Decree 356 with the tax code, the lead’s email, both addressees and the sensitive data named', async () => {
    const content = form08();
    const pdf = await renderBreachNoticePdf(content);
    const text = flat(pdfText(pdf));
    expectPhrases(text, [
      'Mẫu số 08 ban hành kèm theo Nghị định số 356/2025/NĐ-CP',
      'UBND TỈNH QUẢNG TRỊ',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Quảng Trị, ngày 06 tháng 01 năm 2026',
      'THÔNG BÁO VI PHẠM QUY ĐỊNH VỀ BẢO VỆ DỮ LIỆU CÁ NHÂN',
      'Kính gửi:',
      'Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao - A05',
      'Ủy ban nhân dân tỉnh Quảng Trị (qua Công an tỉnh)',
      'I. THÔNG TIN VỀ CƠ QUAN, TỔ CHỨC',
      'Mã số thuế: 3200123456',
      'thư điện tử: baovedulieu@example.gov.vn',
      'II. MÔ TẢ VI PHẠM',
      'Thời gian xảy ra: từ 21:00 03/01/2026 đến 23:00 04/01/2026; thời điểm phát hiện: 09:30 05/01/2026',
      'Tôn giáo: dữ liệu cá nhân nhạy cảm',
      'Ảnh chân dung: dữ liệu cá nhân nhạy cảm (dữ liệu sinh trắc học)',
      'Họ, chữ đệm và tên khai sinh: dữ liệu cá nhân cơ bản',
      '312 chủ thể dữ liệu (công dân); 340 bản ghi (lượt tra cứu)',
      'III. TÀI LIỆU GỬI KÈM',
      'IV. CAM KẾT',
      'Nơi nhận:',
      'Nguyễn Văn An',
      'Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân',
      'DỰ THẢO: chưa cấp số',
    ]);
    expect(text).not.toContain('13/2023');
    expect(text).not.toContain('Lý do thông báo sau 72 giờ');
    expect(pdfFonts(pdf).every((f) => f.embedded)).toBe(true);

    const docx = await docxText(await renderBreachNoticeDocx(content));
    expectPhrases(docx.text, [
      'Mẫu số 08 ban hành kèm theo Nghị định số 356/2025/NĐ-CP',
      'THÔNG BÁO VI PHẠM QUY ĐỊNH VỀ BẢO VỆ DỮ LIỆU CÁ NHÂN',
      'Quảng Trị, ngày 06 tháng 01 năm 2026',
      '5. Mã số thuế: 3200123456',
      'thư điện tử: baovedulieu@example.gov.vn',
      'Ủy ban nhân dân tỉnh Quảng Trị (qua Công an tỉnh).',
      'Ảnh chân dung: dữ liệu cá nhân nhạy cảm (dữ liệu sinh trắc học)',
      'Nơi nhận:',
      '- Như trên;',
    ]);
    expect(docx.xml).toMatch(/<w:pgSz w:w="1190\d" w:h="1683\d"/);
    // A4 with the decree's 30 mm left margin, as python-docx reads the section.
    expect([Math.round(docx.page.widthMm), Math.round(docx.page.heightMm), Math.round(docx.page.leftMm)]).toEqual([210, 297, 30]);
    expect(docx.xml).toContain('w:ascii="Times New Roman"');

    if (process.env.UPDATE_SAMPLES === '1') {
      mkdirSync(SAMPLES, { recursive: true });
      writeFileSync(join(SAMPLES, 'thong-bao-vi-pham-mau-08.pdf'), pdf);
      writeFileSync(join(SAMPLES, 'thong-bao-vi-pham-mau-08.docx'), await renderBreachNoticeDocx(content));
      writeFileSync(join(SAMPLES, 'thong-bao-vi-pham-mau-08.png'), firstPagePng(pdf, 110));
      writeFileSync(join(SAMPLES, 'thong-bao-cong-dan.pdf'), await renderCitizenNoticePdf(content));
    }
  });

  it('prints Form 03 of Decree 13 for a violation discovered before 2026: no tax code, no lead’s email, the delay’s reason', async () => {
    const content = form03();
    expect(content.form).toBe('decree-13-form-03');
    const text = flat(pdfText(await renderBreachNoticePdf(content)));
    expect(text).toContain('Mẫu số 03 ban hành kèm theo Nghị định số 13/2023/NĐ-CP');
    expect(text).toContain('ngày 17/4/2023 của Chính phủ về bảo vệ dữ liệu cá nhân');
    expect(text).toContain('Tôn giáo: dữ liệu cá nhân nhạy cảm');
    expect(text).toContain('10. Lý do thông báo sau 72 giờ: Cần thời gian xác minh');
    expect(text).toContain('5. Số điện thoại: 0233 3852 111');
    expect(text).not.toContain('Mã số thuế');
    expect(text).not.toContain('3200123456');
    expect(text).not.toContain('baovedulieu@example.gov.vn');
    expect(text).not.toContain('356/2025');

    const docx = await docxText(await renderBreachNoticeDocx(content));
    expect(docx.text).toContain('Mẫu số 03 ban hành kèm theo Nghị định số 13/2023/NĐ-CP');
    expect(docx.text).not.toContain('Mã số thuế');
    expect(docx.text).not.toContain('baovedulieu@example.gov.vn');
  });

  it('prints the number once finalised, and never a personal ID', async () => {
    const content = form08();
    content.number = '7/TB-VP';
    content.violation.act = 'Tra cứu công dân có số định danh 001203004567 nhiều lần ngoài giờ.';
    const pdf = flat(pdfText(await renderBreachNoticePdf(content)));
    expect(pdf).toContain('Số: 7/TB-VP');
    expect(pdf).not.toContain('DỰ THẢO');
    expect(pdf).not.toContain('001203004567');
    expect(pdf).toContain('số định danh [đã ẩn]');
    const docx = await docxText(await renderBreachNoticeDocx(content));
    expect(docx.text).toContain('Số: 7/TB-VP');
    expect(docx.text).not.toContain('001203004567');
  });

  it('writes the citizens a plain letter when biometric data was involved, and none otherwise', async () => {
    const content = form08();
    content.violation.measuresTaken = 'Khóa tài khoản; đã rà soát hồ sơ của công dân 001203004567.';
    const pdf = await renderCitizenNoticePdf(content);
    const text = flat(pdfText(pdf));
    expectPhrases(text, [
      'THÔNG BÁO',
      'Về việc dữ liệu cá nhân của công dân bị xâm phạm',
      'Kính gửi: Các công dân có dữ liệu cá nhân liên quan.',
      '1. Sự việc đã xảy ra',
      '2. Dữ liệu của ông/bà có liên quan',
      'Ảnh chân dung: dữ liệu cá nhân nhạy cảm (dữ liệu sinh trắc học)',
      '3. Những việc chúng tôi đã làm',
      '4. Ông/bà nên làm gì',
      'khuôn mặt hoặc vân tay',
      '5. Liên hệ',
      'Trần Thị Bình',
      '0233 3852 222',
    ]);
    expect(text).not.toContain('001203004567');
    expect(text).not.toMatch(/(?<!\d)\d{12}(?!\d)/);
    const docx = await docxText(await renderCitizenNoticeDocx(content));
    expect(docx.text).toContain('Kính gửi: Các công dân có dữ liệu cá nhân liên quan.');
    expect(docx.text).toContain('4. Ông/bà nên làm gì');
    expect(docx.text).not.toContain('001203004567');

    await expect(renderCitizenNoticePdf(form03())).rejects.toThrow(/no biometric or location data/);
  });
});
