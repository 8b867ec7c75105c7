import type ExcelJS from 'exceljs';
import { addDays } from '@app/detection';
import { DATE, day, INT, loadExcelJs, local, sheet, TIME } from '../render/xlsx-sheet.util';
import { actionVi, fieldLabelVi } from './citizen-access-labels.constant';
import { accessPeriodVi, CITIZEN_ACCESS_SUMMARY_LINE } from './citizen-access-pdf.util';
import type { CitizenAccessContent } from './citizen-access.type';

/**
 * The report's rows and evidence as a workbook (Tổng quan, Lượt tra cứu, Lô nhật ký, Đầu chuỗi đã ký): codes beside
 * names, times in Vietnam's local time, every digest and signature in full. No personal ID, as in the PDF.
 */
export async function renderCitizenAccessXlsx(c: CitizenAccessContent): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const book: ExcelJS.Workbook = new Workbook();
  book.creator = 'TTHC Access Audit';
  book.title = CITIZEN_ACCESS_SUMMARY_LINE;
  book.created = c.asOf;
  book.modified = c.asOf;
  const s = c.summary;
  sheet(
    book,
    'Tổng quan',
    [
      { header: 'Chỉ tiêu', width: 40 },
      { header: 'Giá trị', width: 60 },
    ],
    [
      ['Báo cáo', `${CITIZEN_ACCESS_SUMMARY_LINE}, ${accessPeriodVi(c)}`],
      ['Số hồ sơ đề nghị', c.case.caseReference],
      ['Từ ngày', c.openStart ? null : day(c.period.from)],
      ['Đến hết ngày', day(addDays(c.period.to, -1))],
      ['Số liệu đến', local(c.asOf)],
      ['Lượt tra cứu, xác thực, kết xuất', s.events],
      ['Tài khoản', s.accounts],
      ['Đơn vị', s.units],
      ['Lô nhật ký', s.batches],
    ],
  );
  book.getWorksheet('Tổng quan')!.getColumn(2).alignment = { horizontal: 'left' };
  book.getWorksheet('Tổng quan')!.getCell('B3').numFmt = DATE;
  book.getWorksheet('Tổng quan')!.getCell('B4').numFmt = DATE;
  book.getWorksheet('Tổng quan')!.getCell('B5').numFmt = TIME;
  sheet(
    book,
    'Lượt tra cứu',
    [
      { header: 'Thời gian', width: 18, format: TIME },
      { header: 'Tài khoản', width: 22 },
      { header: 'Họ và tên', width: 24 },
      { header: 'Mã đơn vị', width: 16 },
      { header: 'Đơn vị', width: 28 },
      { header: 'Mã hệ thống', width: 12 },
      { header: 'Hệ thống', width: 28 },
      { header: 'Thao tác', width: 24 },
      { header: 'Hồ sơ', width: 28 },
      { header: 'Thủ tục', width: 12 },
      { header: 'Mã trường', width: 28 },
      { header: 'Thông tin được cung cấp', width: 48 },
      { header: 'Mã lượt (event id)', width: 36 },
      { header: 'Lô', width: 10 },
    ],
    c.entries.map((e) => [
      local(e.occurredAt),
      e.accountId,
      e.fullName,
      e.unitCode,
      e.unitName,
      e.sourceSystem,
      e.sourceSystemName,
      actionVi(e.action, e.result),
      e.dossierCode,
      e.procedureCode,
      e.fields.join(', '),
      e.fields.map(fieldLabelVi).join('; '),
      e.eventId,
      e.batchId,
    ]),
  );
  sheet(
    book,
    'Lô nhật ký',
    [
      { header: 'Lô', width: 10 },
      { header: 'Vị trí trong chuỗi', width: 16 },
      { header: 'Số lượt của công dân', width: 18, format: INT },
      { header: 'Mã băm chuỗi (SHA-256)', width: 70 },
    ],
    c.batches.map((b) => [b.batchId, b.chainSeq, b.events, b.digest]),
  );
  sheet(
    book,
    'Đầu chuỗi đã ký',
    [
      { header: 'Lô', width: 10 },
      { header: 'Vị trí trong chuỗi', width: 16 },
      { header: 'Mã băm chuỗi (SHA-256)', width: 70 },
      { header: 'Ký lúc (UTC)', width: 26 },
      { header: 'Khóa ký (dấu vân tay)', width: 70 },
      { header: 'Chữ ký (Ed25519, base64)', width: 100 },
    ],
    c.chain.segments.map(({ head: h }) => [
      h.batchId,
      h.chainSeq,
      h.digest,
      h.signedAt,
      h.keyId,
      h.signature,
    ]),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
