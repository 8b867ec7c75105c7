import type { Alert } from '@app/alerts';
import type { MailAttachment, MailMessage } from '@app/notifications';
import { formatDateTimeEn } from '@app/alerts';
import { maskPersonalIds } from '@app/ingestion';
import { formatDateTimeVi, formatNumberVi, formatPercentVi, periodVi } from '../render/report-format.util';
import { ALERT_TYPE_VI, KIND_VI, SEVERITY_VI } from '../render/report-labels.constant';
import type { ReportRecord } from '../report.type';
import type { ReportDelivery } from './report-delivery.type';

const MEDIA = {
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function reportFileName(r: ReportRecord, format: 'pdf' | 'xlsx'): string {
  return `bao-cao-${r.year}-${r.number}.${format}`;
}

/** The links a receiver downloads the files from (with a token that may read reports); paths without publicUrl. */
export function reportLinks(r: ReportRecord, publicUrl: string | undefined): { report: string; pdf: string; xlsx: string } {
  const base = `${publicUrl ?? ''}/v1/reports/${r.id}`;
  return { report: base, pdf: `${base}/pdf`, xlsx: `${base}/xlsx` };
}

/** The report by email: Vietnamese, with an English line, the PDF and XLSX attached with their SHA-256. */
export function reportMail(d: ReportDelivery, r: ReportRecord, files: { pdf: Buffer; xlsx: Buffer }, publicUrl?: string): MailMessage {
  const number = `Số: ${r.number}/${r.symbol}`;
  const period = periodVi(r.period);
  // Only periodic reports are delivered (ReportDeliveryService.deliveriesOf): they all have their figures.
  const s = r.summary!;
  const text = [
    `Kính gửi: Văn phòng Ủy ban nhân dân tỉnh`,
    ``,
    `Gửi kèm thư này báo cáo ${KIND_VI[r.kind]} về tình hình tra cứu Cơ sở dữ liệu quốc gia về dân cư qua hệ thống giải quyết thủ tục hành chính, ${period} (${number}, lập lúc ${formatDateTimeVi(r.createdAt)}).`,
    ``,
    `Tóm tắt: ${formatNumberVi(s.lookups)} lượt tra cứu, ${formatPercentVi(s.explainedShare)} gắn hồ sơ TTHC; ${formatNumberVi(s.locks)} tài khoản bị khóa; ${formatNumberVi(s.abnormalAccounts)} cảnh báo tần suất bất thường; ${formatNumberVi(s.alerts)} cảnh báo; ${formatNumberVi(s.overdueAlerts)} cảnh báo mức cao chưa xử lý quá hạn.`,
    ``,
    `Tệp đính kèm và mã kiểm tra SHA-256 (đối chiếu với sổ lưu báo cáo, ${reportLinks(r, publicUrl).report}):`,
    `- ${reportFileName(r, 'pdf')}: ${r.pdfSha256}`,
    `- ${reportFileName(r, 'xlsx')}: ${r.xlsxSha256}`,
    ``,
    `English: the ${r.kind.replace('_', '-')} report for ${r.period.from} to ${r.period.to} (excluded), No. ${r.number}/${r.symbol}, is attached as PDF and XLSX; check their SHA-256 above against the archive.`,
    ``,
    `Thư gửi tự động từ hệ thống giám sát tra cứu (mã gửi ${d.idempotencyKey}).`,
  ].join('\n');
  const attachments: MailAttachment[] = (['pdf', 'xlsx'] as const).map((f) => ({ filename: reportFileName(r, f), content: files[f], contentType: MEDIA[f] }));
  return {
    to: [d.recipient],
    subject: `Báo cáo ${KIND_VI[r.kind]} tình hình tra cứu CSDLQG về dân cư, ${number} (${r.kind.replace('_', '-')} report)`,
    text,
    attachments,
    messageId: `${d.idempotencyKey}@tthc-access-audit`,
  };
}

/** The webhook's body: the report's metadata, the sums and where to download the files (not the files). */
export function reportWebhookBody(d: ReportDelivery, r: ReportRecord, publicUrl?: string): string {
  const links = reportLinks(r, publicUrl);
  return JSON.stringify({
    schemaVersion: 1,
    event: 'report.issued',
    deliveryId: d.id,
    idempotencyKey: d.idempotencyKey,
    report: {
      id: r.id,
      kind: r.kind,
      period: r.period,
      documentNumber: `Số: ${r.number}/${r.symbol}`,
      createdAt: new Date(r.createdAt).toISOString(),
      createdBy: r.createdBy,
      summary: r.summary,
      url: links.report,
      files: {
        pdf: { fileName: reportFileName(r, 'pdf'), mediaType: MEDIA.pdf, bytes: r.pdfBytes, sha256: r.pdfSha256, url: links.pdf },
        xlsx: { fileName: reportFileName(r, 'xlsx'), mediaType: MEDIA.xlsx, bytes: r.xlsxBytes, sha256: r.xlsxSha256, url: links.xlsx },
      },
    },
  });
}

/** The urgent notice of a critical alert: the alert's own explanation, never a personal ID in clear. */
export function urgentNoticeMail(d: ReportDelivery, a: Alert, publicUrl?: string): MailMessage {
  const typeVi = ALERT_TYPE_VI[a.type] ?? a.type;
  const accounts = a.accountIds.length ? a.accountIds.join(', ') : 'không gắn với tài khoản cụ thể';
  const text = [
    `Kính gửi: Văn phòng Ủy ban nhân dân tỉnh`,
    ``,
    `Hệ thống giám sát tra cứu Cơ sở dữ liệu quốc gia về dân cư vừa phát hiện một cảnh báo mức ${SEVERITY_VI[a.severity] ?? a.severity}, cần xem xét ngay (không chờ báo cáo định kỳ):`,
    ``,
    `Loại cảnh báo: ${typeVi}`,
    `Mã cảnh báo: ${a.id}`,
    `Tài khoản: ${accounts}${a.unitCode ? ` (đơn vị ${a.unitCode})` : ''}`,
    `Thời điểm xảy ra: ${formatDateTimeVi(a.occurredAt)}`,
    ``,
    `Nội dung: ${maskPersonalIds(a.explanationVi)}`,
    ``,
    `Xem chi tiết và xử lý: ${publicUrl ?? ''}/alerts/${a.id}`,
    ``,
    `English: urgent ${a.severity} alert ${a.id} (${a.type}) at ${formatDateTimeEn(a.occurredAt)}: ${maskPersonalIds(a.explanationEn)}`,
    ``,
    `Thư gửi tự động, một lần cho mỗi cảnh báo (mã gửi ${d.idempotencyKey}).`,
  ].join('\n');
  return {
    to: [d.recipient],
    subject: `[KHẨN] Cảnh báo ${SEVERITY_VI[a.severity]?.toLowerCase() ?? a.severity}: ${typeVi}, mã ${a.id} (urgent alert)`,
    text,
    messageId: `${d.idempotencyKey}@tthc-access-audit`,
  };
}
