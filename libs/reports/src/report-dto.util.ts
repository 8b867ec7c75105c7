import type { ReportDto } from './dto/report.dto';
import type { ReportRecord } from './report.type';

export function toReportDto(r: ReportRecord): ReportDto {
  return {
    id: r.id,
    kind: r.kind,
    period: r.period,
    documentNumber: `Số: ${r.number}/${r.symbol}`,
    createdAt: r.createdAt,
    createdBy: r.createdBy,
    pdfSha256: r.pdfSha256,
    xlsxSha256: r.xlsxSha256,
    pdfBytes: r.pdfBytes,
    xlsxBytes: r.xlsxBytes,
    summary: r.summary,
    citizenAccess: r.citizenAccess,
  };
}
