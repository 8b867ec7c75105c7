import type { Content } from 'pdfmake/interfaces';
import type { ReportOrganisation } from '@app/config';
import {
  AbnormalAccountEntry,
  AccountRef,
  LOCK_CAUSES,
  ReportContent,
  ReportDocumentNumber,
} from '../report.type';
import { renderAdministrativeDocument } from './administrative-document.util';
import { barChart, heading, paragraph, subheading, table } from './pdf-blocks.util';
import {
  formatDateTimeVi,
  formatDayVi,
  formatNumberVi,
  formatPercentVi,
  outcomeVi,
  periodVi,
} from './report-format.util';
import {
  ACTION_VI,
  ALERT_TYPE_VI,
  KIND_VI,
  LOCK_CAUSE_VI,
  OUTCOME_VI,
  SEVERITY_VI,
  SOURCE_STATUS_VI,
} from './report-labels.constant';

/** Rows listed in the PDF per table; the XLSX has them all, and the PDF says so when it cuts. */
export const PDF_LIST_LIMIT = 100;

export interface PeriodicReportDocument {
  content: ReportContent;
  organisation: ReportOrganisation;
  number: ReportDocumentNumber;
  issuedAt: Date;
  /** Printed in every page's footer. */
  footer: string[];
}

/** The summary line (trích yếu): "Tình hình tra cứu ... tháng 11/2026 (từ ngày … đến hết ngày …)". */
export function reportSummaryLine(c: ReportContent): string {
  return `Tình hình tra cứu Cơ sở dữ liệu quốc gia về dân cư qua hệ thống giải quyết thủ tục hành chính, kỳ báo cáo ${KIND_VI[c.kind]} ${periodVi(c.period)}`;
}

export function renderPeriodicReportPdf(d: PeriodicReportDocument): Promise<Buffer> {
  const c = d.content;
  return renderAdministrativeDocument({
    organisation: d.organisation,
    number: d.number,
    issuedAt: d.issuedAt,
    title: 'BÁO CÁO',
    summary: reportSummaryLine(c),
    subject: reportSummaryLine(c),
    footer: d.footer,
    body: [
      paragraph(
        `Thực hiện yêu cầu của Văn phòng Ủy ban nhân dân tỉnh về giám sát việc khai thác thông tin công dân, ${d.organisation.issuingBody.toLowerCase()} báo cáo tình hình tra cứu ${periodVi(c.period)} (số liệu đến ${formatDateTimeVi(c.asOf)}) như sau:`,
      ),
      ...lookups(c),
      ...accounts(c),
      ...abnormal(c),
      ...alerts(c),
      ...sources(c),
      paragraph(
        `Trên đây là báo cáo tình hình tra cứu thông tin công dân kỳ báo cáo ${KIND_VI[c.kind]} ${periodVi(c.period)}./.`,
      ),
    ],
  });
}

const limited = <T>(rows: T[]): { rows: T[]; note?: string } =>
  rows.length > PDF_LIST_LIMIT
    ? {
        rows: rows.slice(0, PDF_LIST_LIMIT),
        note: `(Liệt kê ${PDF_LIST_LIMIT}/${formatNumberVi(rows.length)} dòng; danh sách đầy đủ trong tệp XLSX kèm theo.)`,
      }
    : { rows };

const who = (a: AccountRef): string => `${a.accountId}${a.fullName ? ` (${a.fullName})` : ''}`;
const unit = (a: AccountRef): string => a.unitName ?? a.unitCode ?? '—';

function lookups(c: ReportContent): Content[] {
  const t = c.totals;
  return [
    heading('I. TÌNH HÌNH TRA CỨU THÔNG TIN CÔNG DÂN'),
    paragraph(
      `Trong kỳ, hệ thống ghi nhận ${formatNumberVi(t.lookups)} lượt tra cứu, xác thực thông tin công dân của ${formatNumberVi(t.activeAccounts)} tài khoản thuộc ${formatNumberVi(t.units)} đơn vị; ` +
        `${formatNumberVi(t.explained)} lượt (${formatPercentVi(t.share)}) được giải thích bởi hồ sơ thủ tục hành chính của đơn vị, đúng thủ tục và đúng các trường dữ liệu thủ tục cần; ` +
        `${formatNumberVi(t.lookups - t.explained)} lượt còn lại không gắn hồ sơ hoặc nhận thêm trường dữ liệu ngoài nhu cầu của thủ tục.`,
    ),
    subheading('1. Theo loại thao tác'),
    table(
      [
        { header: 'Thao tác', width: '*' },
        { header: 'Số lượt', width: 90, numeric: true },
      ],
      c.byAction.map((a) => [ACTION_VI[a.action], a.events]),
    ),
    subheading('2. Theo đơn vị'),
    table(
      [
        { header: 'Đơn vị', width: '*' },
        { header: 'Số tài khoản', width: 52, numeric: true },
        { header: 'Lượt tra cứu', width: 66, numeric: true },
        { header: 'Được giải thích', width: 66, numeric: true },
        { header: 'Tỷ lệ', width: 44, numeric: true },
      ],
      c.byUnit.map((u) => [
        u.unitName ? `${u.unitName} (${u.unitCode})` : (u.unitCode ?? '(không rõ đơn vị)'),
        u.accounts,
        u.lookups,
        u.explained,
        formatPercentVi(u.share),
      ]),
    ),
    subheading('3. Theo hệ thống kết nối'),
    table(
      [
        { header: 'Hệ thống', width: '*' },
        { header: 'Lượt tra cứu', width: 70, numeric: true },
        { header: 'Được giải thích', width: 70, numeric: true },
        { header: 'Tỷ lệ', width: 44, numeric: true },
      ],
      c.bySourceSystem.map((s) => [
        s.name ? `${s.name} (${s.sourceSystem})` : `${s.sourceSystem} (chưa đăng ký)`,
        s.lookups,
        s.explained,
        formatPercentVi(s.share),
      ]),
    ),
    // The heading stays with its chart: never alone at the foot of a page.
    {
      unbreakable: true,
      stack: [
        subheading('4. Diễn biến theo ngày'),
        barChart('Biểu đồ 1. Lượt tra cứu mỗi ngày', dayLabels(c), [
          { label: 'Được giải thích bởi hồ sơ', color: '#1f4e79', values: c.trend.map((p) => p.explained) },
          {
            label: 'Chưa được giải thích',
            color: '#e0a040',
            values: c.trend.map((p) => p.lookups - p.explained),
          },
        ]),
      ],
    },
    barChart(
      'Biểu đồ 2. Cảnh báo phát sinh mỗi ngày',
      dayLabels(c),
      [{ label: 'Cảnh báo', color: '#a83232', values: c.trend.map((p) => p.alerts) }],
      80,
    ),
  ];
}

/** Days of the month alone when the period is a month or less, else day/month. */
function dayLabels(c: ReportContent): string[] {
  return c.trend.map((p) =>
    c.trend.length <= 31 ? p.day.slice(8, 10) : `${p.day.slice(8, 10)}/${p.day.slice(5, 7)}`,
  );
}

function accounts(c: ReportContent): Content[] {
  const byCause = LOCK_CAUSES.map(
    (cause) => [LOCK_CAUSE_VI[cause], c.locks.filter((l) => l.cause === cause).length] as [string, number],
  ).filter(([, n]) => n > 0);
  const locks = limited(c.locks);
  const warnings = limited(c.warnings);
  const unlocks = limited(c.unlocks);
  return [
    heading('II. QUẢN LÝ TÀI KHOẢN'),
    paragraph(
      `Trong kỳ, ${formatNumberVi(c.locks.length)} tài khoản bị khóa, ${formatNumberVi(new Set(c.warnings.map((w) => w.accountId)).size)} tài khoản được cảnh báo sắp bị khóa do không sử dụng, ${formatNumberVi(c.unlocks.length)} lượt mở khóa.`,
    ),
    subheading('1. Tài khoản bị khóa, theo lý do'),
    table(
      [
        { header: 'Lý do khóa', width: '*' },
        { header: 'Số tài khoản', width: 90, numeric: true },
      ],
      byCause,
    ),
    subheading('2. Danh sách tài khoản bị khóa'),
    table(
      [
        { header: 'Tài khoản', width: '*' },
        { header: 'Đơn vị', width: 100 },
        { header: 'Thời điểm', width: 78 },
        { header: 'Lý do', width: 112 },
      ],
      locks.rows.map((l) => [who(l), unit(l), formatDateTimeVi(l.at), LOCK_CAUSE_VI[l.cause]]),
      locks.note,
    ),
    subheading('3. Tài khoản được cảnh báo sắp bị khóa'),
    table(
      [
        { header: 'Tài khoản', width: '*' },
        { header: 'Đơn vị', width: 120 },
        { header: 'Ngày cảnh báo', width: 70 },
        { header: 'Ngày sẽ khóa', width: 64 },
      ],
      warnings.rows.map((w) => [who(w), unit(w), formatDateTimeVi(w.sentAt), formatDayVi(w.lockDueOn)]),
      warnings.note,
    ),
    subheading('4. Tài khoản được mở khóa'),
    table(
      [
        { header: 'Tài khoản', width: '*' },
        { header: 'Đơn vị', width: 100 },
        { header: 'Thời điểm', width: 78 },
        { header: 'Người mở khóa', width: 90 },
      ],
      unlocks.rows.map((u) => [who(u), unit(u), formatDateTimeVi(u.at), u.actor.replace(/^user:/, '')]),
      unlocks.note,
    ),
  ];
}

/** What was done: the reviewer's conclusion, and the lock when the account is locked now. */
export function actionTakenVi(a: AbnormalAccountEntry): string {
  const review = outcomeVi(a.status, a.outcome);
  const person = a.status === 'resolved' ? a.resolvedBy : a.assigneeName;
  const by = person ? ` (người xử lý: ${person})` : '';
  const lock = a.lockedAt ? `; tài khoản đã bị khóa từ ${formatDateTimeVi(a.lockedAt)}` : '';
  return `${review}${by}${lock}.`;
}

function abnormal(c: ReportContent): Content[] {
  const { rows, note } = limited(c.abnormal);
  const entries: Content[] = rows.map((a, i) => ({
    stack: [
      {
        text: [
          { text: `${i + 1}. ${a.accounts.map(who).join(', ') || '(không rõ tài khoản)'}`, bold: true },
          {
            text: ` — ${a.accounts[0] ? unit(a.accounts[0]) : '—'}; ${ALERT_TYPE_VI[a.type] ?? a.type}, mức độ ${SEVERITY_VI[a.severity]?.toLowerCase() ?? a.severity}.`,
          },
        ],
      },
      paragraph(a.evidenceVi),
      paragraph([{ text: 'Kết quả xử lý: ', italics: true }, { text: actionTakenVi(a) }]),
    ],
    margin: [0, 0, 0, 4],
  }));
  return [
    heading('III. TÀI KHOẢN CÓ TẦN SUẤT TRA CỨU BẤT THƯỜNG'),
    paragraph(
      `Các bộ phát hiện theo khối lượng tra cứu ghi nhận ${formatNumberVi(c.abnormal.length)} trường hợp trong kỳ:`,
    ),
    ...(entries.length ? entries : [paragraph('Không có.')]),
    ...(note ? [{ text: note, italics: true, fontSize: 10.5 } as Content] : []),
  ];
}

function alerts(c: ReportContent): Content[] {
  const overdue = limited(c.overdueAlerts);
  const total = c.alertsByType.reduce((t, a) => t + a.alerts, 0);
  return [
    heading('IV. CẢNH BÁO'),
    paragraph(`Trong kỳ phát sinh ${formatNumberVi(total)} cảnh báo.`),
    subheading('1. Theo loại cảnh báo'),
    table(
      [
        { header: 'Loại cảnh báo', width: '*' },
        { header: 'Số cảnh báo', width: 90, numeric: true },
      ],
      c.alertsByType.map((a) => [ALERT_TYPE_VI[a.key] ?? a.key, a.alerts]),
    ),
    subheading('2. Theo mức độ'),
    table(
      [
        { header: 'Mức độ', width: '*' },
        { header: 'Số cảnh báo', width: 90, numeric: true },
      ],
      c.alertsBySeverity.map((a) => [SEVERITY_VI[a.key] ?? a.key, a.alerts]),
    ),
    subheading('3. Theo kết quả xử lý'),
    table(
      [
        { header: 'Kết quả', width: '*' },
        { header: 'Số cảnh báo', width: 90, numeric: true },
      ],
      c.alertsByOutcome.map((a) => [OUTCOME_VI[a.key] ?? a.key, a.alerts]),
    ),
    subheading(`4. Cảnh báo mức cao, nghiêm trọng chưa xử lý quá ${formatNumberVi(c.openAlertAgeDays)} ngày`),
    table(
      [
        { header: 'Số', width: 36, numeric: true },
        { header: 'Loại, mức độ', width: 130 },
        { header: 'Tài khoản', width: '*' },
        { header: 'Phát sinh', width: 78 },
        { header: 'Số ngày', width: 40, numeric: true },
      ],
      overdue.rows.map((a) => [
        Number(a.alertId),
        `${ALERT_TYPE_VI[a.type] ?? a.type} (${SEVERITY_VI[a.severity] ?? a.severity})`,
        a.accountIds.join(', ') || '—',
        formatDateTimeVi(a.createdAt),
        a.ageDays,
      ]),
      overdue.note,
    ),
  ];
}

function sources(c: ReportContent): Content[] {
  return [
    heading('V. HỆ THỐNG KẾT NỐI'),
    subheading('1. Hệ thống chưa đăng ký hoặc nhận trường dữ liệu chưa khai báo'),
    table(
      [
        { header: 'Hệ thống', width: '*' },
        { header: 'Vi phạm', width: 150 },
        { header: 'Số lượt', width: 56, numeric: true },
        { header: 'Lần cuối', width: 78 },
      ],
      c.flaggedSources.map((f) => [
        f.name ? `${f.name} (${f.sourceSystem})` : f.sourceSystem,
        f.registered ? `Nhận trường chưa khai báo: ${f.fields.join(', ') || '—'}` : 'Chưa đăng ký kết nối',
        f.events,
        formatDateTimeVi(f.lastAt),
      ]),
    ),
    subheading('2. Danh sách hệ thống kết nối và trường dữ liệu trao đổi'),
    table(
      [
        { header: 'Hệ thống', width: 120 },
        { header: 'Đơn vị vận hành, căn cứ', width: 110 },
        { header: 'Trường dữ liệu được nhận', width: '*' },
      ],
      c.connectedSystems.map((s) => [
        `${s.name} (${s.code})\n${SOURCE_STATUS_VI[s.status] ?? s.status}`,
        [s.operatorOrg, s.legalBasis, s.approvalDocNo].filter(Boolean).join('; '),
        s.fields.map((f) => (f.sensitive ? `${f.label} (nhạy cảm)` : f.label)).join('; ') || '—',
      ]),
    ),
  ];
}
