import type { Content } from 'pdfmake/interfaces';
import type { AbnormalAccountEntry, ReportContent } from '../report.type';
import { heading, limited, paragraph, subheading, table, unit, who } from './pdf-blocks.util';
import { formatDateTimeVi, formatNumberVi, outcomeVi } from './report-format.util';
import { ALERT_TYPE_VI, OUTCOME_VI, SEVERITY_VI, SOURCE_STATUS_VI } from './report-labels.constant';

/** Sections III to V of the periodic report: abnormal accounts, alerts, connected systems. */

/** What was done: the reviewer's conclusion, and the lock when the account is locked now. */
export function actionTakenVi(a: AbnormalAccountEntry): string {
  const review = outcomeVi(a.status, a.outcome);
  const person = a.status === 'resolved' ? a.resolvedBy : a.assigneeName;
  const by = person ? ` (người xử lý: ${person})` : '';
  const lock = a.lockedAt ? `; tài khoản đã bị khóa từ ${formatDateTimeVi(a.lockedAt)}` : '';
  return `${review}${by}${lock}.`;
}

export function abnormal(c: ReportContent): Content[] {
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

export function alerts(c: ReportContent): Content[] {
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
        a.alertId,
        `${ALERT_TYPE_VI[a.type] ?? a.type} (${SEVERITY_VI[a.severity] ?? a.severity})`,
        a.accountIds.join(', ') || '—',
        formatDateTimeVi(a.createdAt),
        a.ageDays,
      ]),
      overdue.note,
    ),
  ];
}

export function sources(c: ReportContent): Content[] {
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
