import type ExcelJS from 'exceljs';
import { addDays } from '@app/detection';
import type { ReportContent } from '../report.type';
import { actionTakenVi } from './periodic-report-findings.util';
import { reportSummaryLine } from './periodic-report-pdf.util';
import {
  ACTION_VI,
  ALERT_TYPE_VI,
  KIND_VI,
  LOCK_CAUSE_VI,
  OUTCOME_VI,
  SEVERITY_VI,
  SOURCE_STATUS_VI,
} from './report-labels.constant';
import { DATE, day, INT, loadExcelJs, local, SHARE, sheet, TIME } from './xlsx-sheet.util';

/**
 * The report's figures, one sheet per section, headers in Vietnamese, numbers as numbers (shares as fractions
 * formatted as percentages, times as dates in Vietnam's local time), codes beside names for a reader's own sums.
 */
export async function renderPeriodicReportXlsx(
  c: ReportContent,
  createdAt: Date,
  title: string,
): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const book: ExcelJS.Workbook = new Workbook();
  book.creator = 'TTHC Access Audit';
  book.title = title;
  book.created = createdAt;
  book.modified = createdAt;
  const t = c.totals;
  sheet(
    book,
    'Tổng quan',
    [
      { header: 'Chỉ tiêu', width: 48 },
      { header: 'Giá trị', width: 30 },
    ],
    [
      ['Báo cáo', reportSummaryLine(c)],
      ['Kỳ báo cáo', KIND_VI[c.kind]],
      ['Từ ngày', day(c.period.from)],
      ['Đến hết ngày', day(addDays(c.period.to, -1))],
      ['Số liệu đến', local(c.asOf)],
      ['Lượt tra cứu, xác thực', t.lookups],
      ['Lượt được giải thích bởi hồ sơ', t.explained],
      ['Tỷ lệ được giải thích', t.share],
      ['Tài khoản có hoạt động', t.activeAccounts],
      ['Đơn vị có tra cứu', t.units],
      ['Tài khoản bị khóa', c.locks.length],
      ['Tài khoản tra cứu bất thường (cảnh báo)', c.abnormal.length],
      ['Cảnh báo mức cao chưa xử lý quá hạn', c.overdueAlerts.length],
    ],
  );
  const overview = book.getWorksheet('Tổng quan')!;
  overview.getCell('B4').numFmt = DATE;
  overview.getCell('B5').numFmt = DATE;
  overview.getCell('B6').numFmt = TIME;
  overview.getCell('B9').numFmt = SHARE;
  sheet(
    book,
    'Theo thao tác',
    [
      { header: 'Mã', width: 10 },
      { header: 'Thao tác', width: 40 },
      { header: 'Số lượt', width: 14, format: INT },
    ],
    c.byAction.map((a) => [a.action, ACTION_VI[a.action], a.events]),
  );
  sheet(
    book,
    'Theo đơn vị',
    [
      { header: 'Mã đơn vị', width: 16 },
      { header: 'Tên đơn vị', width: 40 },
      { header: 'Số tài khoản', width: 12, format: INT },
      { header: 'Lượt tra cứu', width: 14, format: INT },
      { header: 'Được giải thích', width: 14, format: INT },
      { header: 'Tỷ lệ', width: 10, format: SHARE },
    ],
    c.byUnit.map((u) => [u.unitCode, u.unitName, u.accounts, u.lookups, u.explained, u.share]),
  );
  sheet(
    book,
    'Theo hệ thống',
    [
      { header: 'Mã hệ thống', width: 20 },
      { header: 'Tên hệ thống', width: 40 },
      { header: 'Lượt tra cứu', width: 14, format: INT },
      { header: 'Được giải thích', width: 14, format: INT },
      { header: 'Tỷ lệ', width: 10, format: SHARE },
    ],
    c.bySourceSystem.map((s) => [s.sourceSystem, s.name, s.lookups, s.explained, s.share]),
  );
  sheet(
    book,
    'Theo ngày',
    [
      { header: 'Ngày', width: 12, format: DATE },
      { header: 'Lượt tra cứu', width: 14, format: INT },
      { header: 'Được giải thích', width: 14, format: INT },
      { header: 'Cảnh báo', width: 10, format: INT },
    ],
    c.trend.map((p) => [day(p.day), p.lookups, p.explained, p.alerts]),
  );
  const account = [
    { header: 'Tài khoản', width: 24 },
    { header: 'Họ tên', width: 24 },
    { header: 'Mã đơn vị', width: 14 },
    { header: 'Đơn vị', width: 32 },
  ];
  sheet(
    book,
    'Tài khoản bị khóa',
    [
      ...account,
      { header: 'Thời điểm', width: 17, format: TIME },
      { header: 'Mã lý do', width: 12 },
      { header: 'Lý do', width: 30 },
      { header: 'Người/tác vụ khóa', width: 24 },
    ],
    c.locks.map((l) => [
      l.accountId,
      l.fullName,
      l.unitCode,
      l.unitName,
      local(l.at),
      l.cause,
      LOCK_CAUSE_VI[l.cause],
      l.actor,
    ]),
  );
  sheet(
    book,
    'Cảnh báo sắp khóa',
    [
      ...account,
      { header: 'Ngày cảnh báo', width: 17, format: TIME },
      { header: 'Ngày sẽ khóa', width: 12, format: DATE },
      { header: 'Trước (ngày)', width: 10, format: INT },
    ],
    c.warnings.map((w) => [
      w.accountId,
      w.fullName,
      w.unitCode,
      w.unitName,
      local(w.sentAt),
      day(w.lockDueOn),
      w.daysBefore,
    ]),
  );
  sheet(
    book,
    'Mở khóa',
    [...account, { header: 'Thời điểm', width: 17, format: TIME }, { header: 'Người mở khóa', width: 24 }],
    c.unlocks.map((u) => [u.accountId, u.fullName, u.unitCode, u.unitName, local(u.at), u.actor]),
  );
  sheet(
    book,
    'Tra cứu bất thường',
    [
      { header: 'Số cảnh báo', width: 10, format: INT },
      { header: 'Tài khoản', width: 24 },
      { header: 'Đơn vị', width: 28 },
      { header: 'Loại', width: 28 },
      { header: 'Mức độ', width: 12 },
      { header: 'Từ', width: 17, format: TIME },
      { header: 'Đến', width: 17, format: TIME },
      { header: 'Diễn giải bằng chứng', width: 80 },
      { header: 'Kết quả xử lý', width: 50 },
    ],
    c.abnormal.map((a) => [
      Number(a.alertId),
      a.accounts.map((x) => x.accountId).join(', '),
      a.accounts[0]?.unitName ?? a.accounts[0]?.unitCode ?? null,
      ALERT_TYPE_VI[a.type] ?? a.type,
      SEVERITY_VI[a.severity] ?? a.severity,
      local(a.windowStart),
      local(a.windowEnd),
      a.evidenceVi,
      actionTakenVi(a),
    ]),
  );
  sheet(
    book,
    'Cảnh báo',
    [
      { header: 'Phân loại', width: 14 },
      { header: 'Mã', width: 26 },
      { header: 'Tên', width: 40 },
      { header: 'Số cảnh báo', width: 12, format: INT },
    ],
    [
      ...c.alertsByType.map((a) => ['Loại', a.key, ALERT_TYPE_VI[a.key] ?? a.key, a.alerts]),
      ...c.alertsBySeverity.map((a) => ['Mức độ', a.key, SEVERITY_VI[a.key] ?? a.key, a.alerts]),
      ...c.alertsByOutcome.map((a) => ['Kết quả', a.key, OUTCOME_VI[a.key] ?? a.key, a.alerts]),
    ],
  );
  sheet(
    book,
    'Cảnh báo quá hạn',
    [
      { header: 'Số cảnh báo', width: 10, format: INT },
      { header: 'Loại', width: 28 },
      { header: 'Mức độ', width: 12 },
      { header: 'Tài khoản', width: 30 },
      { header: 'Phát sinh', width: 17, format: TIME },
      { header: 'Trạng thái', width: 14 },
      { header: 'Số ngày', width: 10, format: INT },
    ],
    c.overdueAlerts.map((a) => [
      Number(a.alertId),
      ALERT_TYPE_VI[a.type] ?? a.type,
      SEVERITY_VI[a.severity] ?? a.severity,
      a.accountIds.join(', '),
      local(a.createdAt),
      OUTCOME_VI[a.status] ?? a.status,
      a.ageDays,
    ]),
  );
  sheet(
    book,
    'Hệ thống vi phạm',
    [
      { header: 'Mã hệ thống', width: 20 },
      { header: 'Tên', width: 30 },
      { header: 'Đã đăng ký', width: 10 },
      { header: 'Số lượt', width: 12, format: INT },
      { header: 'Trường chưa khai báo', width: 40 },
      { header: 'Lần đầu', width: 17, format: TIME },
      { header: 'Lần cuối', width: 17, format: TIME },
    ],
    c.flaggedSources.map((f) => [
      f.sourceSystem,
      f.name,
      f.registered ? 'Có' : 'Không',
      f.events,
      f.fields.join(', '),
      local(f.firstAt),
      local(f.lastAt),
    ]),
  );
  sheet(
    book,
    'Hệ thống kết nối',
    [
      { header: 'Mã hệ thống', width: 20 },
      { header: 'Tên hệ thống', width: 36 },
      { header: 'Đơn vị vận hành', width: 28 },
      { header: 'Trạng thái', width: 16 },
      { header: 'Căn cứ pháp lý', width: 30 },
      { header: 'Mã trường', width: 22 },
      { header: 'Tên trường dữ liệu', width: 36 },
      { header: 'Nhạy cảm', width: 10 },
    ],
    c.connectedSystems.flatMap((s) =>
      (s.fields.length ? s.fields : [null]).map((f) => [
        s.code,
        s.name,
        s.operatorOrg,
        SOURCE_STATUS_VI[s.status] ?? s.status,
        s.legalBasis,
        f?.code ?? null,
        f?.label ?? null,
        f ? (f.sensitive ? 'Có' : 'Không') : null,
      ]),
    ),
  );
  return Buffer.from(await book.xlsx.writeBuffer());
}
