import type { Content } from 'pdfmake/interfaces';
import type { ReportOrganisation } from '@app/config';
import { LOCK_CAUSES, ReportContent, ReportDocumentNumber } from '../report.type';
import { renderAdministrativeDocument } from './administrative-document.util';
import {
  barChart,
  heading,
  limited,
  paragraph,
  sentenceCase,
  subheading,
  table,
  unit,
  who,
} from './pdf-blocks.util';
import { abnormal, alerts, sources } from './periodic-report-findings.util';
import {
  formatDateTimeVi,
  formatDayVi,
  formatNumberVi,
  formatPercentVi,
  periodVi,
} from './report-format.util';
import { ACTION_VI, KIND_VI, LOCK_CAUSE_VI } from './report-labels.constant';

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
        `Căn cứ nhật ký tra cứu Cơ sở dữ liệu quốc gia về dân cư qua hệ thống giải quyết thủ tục hành chính của tỉnh, ${sentenceCase(d.organisation.issuingBody)} báo cáo tình hình tra cứu ${periodVi(c.period)} (số liệu đến ${formatDateTimeVi(c.asOf)}) như sau:`,
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
