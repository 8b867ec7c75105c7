import { ApiProperty } from '@nestjs/swagger';
import { REPORT_KINDS } from '../report.type';

export class ReportPeriodDto {
  @ApiProperty({ example: '2026-11-01', description: 'First local day (Vietnam) of the period, included' })
  from: string;

  @ApiProperty({
    example: '2026-12-01',
    description: 'The local day after the period: not included ([from, to))',
  })
  to: string;
}

export class ReportSummaryDto {
  @ApiProperty({ description: 'Lookups and identity checks in the period' }) lookups: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'Share explained by dossiers (3 decimals); null without lookups',
    example: 0.812,
  })
  explainedShare: number | null;
  @ApiProperty({ description: 'Accounts locked in the period' }) locks: number;
  @ApiProperty({ description: 'Alerts of abnormal lookup frequency in the period' }) abnormalAccounts: number;
  @ApiProperty({ description: 'Alerts whose finding starts in the period' }) alerts: number;
  @ApiProperty({
    description: 'High and critical alerts still open past REPORTS_OPEN_ALERT_AGE when the report was made',
  })
  overdueAlerts: number;
}

export class CitizenAccessSummaryDto {
  @ApiProperty({
    example: 'Đơn 15/2026 của công dân',
    description: "The case the report answers (the citizen's request)",
  })
  caseReference: string;
  @ApiProperty({ description: "The citizen's lookups, identity checks and exports listed" }) events: number;
  @ApiProperty({ description: 'Accounts that looked the citizen up' }) accounts: number;
  @ApiProperty({ description: 'Units of those accounts' }) units: number;
  @ApiProperty({ description: 'Stored batches the events come from (cited with their chained digests)' })
  batches: number;
  @ApiProperty({ type: String, nullable: true, description: 'The first event listed (ISO 8601)' })
  firstAt: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'The last event listed (ISO 8601)' })
  lastAt: string | null;
}

export class ReportDto {
  @ApiProperty({ example: '12' }) id: string;
  @ApiProperty({ enum: REPORT_KINDS }) kind: string;
  @ApiProperty({ type: ReportPeriodDto }) period: ReportPeriodDto;
  @ApiProperty({
    example: 'Số: 12/BC-VP',
    description: 'Number and symbol printed on the document (numbers restart each year)',
  })
  documentNumber: string;
  @ApiProperty() createdAt: Date;
  @ApiProperty({
    example: 'system:report-schedule',
    description: 'user:<username>, or system:report-schedule for a scheduled report',
  })
  createdBy: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the PDF file as served by /pdf' }) pdfSha256: string;
  @ApiProperty({
    description: "SHA-256 (hex) of the XLSX file as served by /xlsx: the sum printed in the PDF's footer",
  })
  xlsxSha256: string;
  @ApiProperty() pdfBytes: number;
  @ApiProperty() xlsxBytes: number;
  @ApiProperty({
    type: ReportSummaryDto,
    nullable: true,
    description: "A periodic report's headline figures; null for a citizen's access report",
  })
  summary: ReportSummaryDto | null;
  @ApiProperty({
    type: CitizenAccessSummaryDto,
    nullable: true,
    description:
      "A citizen's access report's case and figures (no personal data); null for a periodic report",
  })
  citizenAccess: CitizenAccessSummaryDto | null;
}

export class ReportPageDto {
  @ApiProperty({ type: [ReportDto] }) items: ReportDto[];
  @ApiProperty({ type: String, nullable: true, description: 'Pass as cursor for the next (older) page' })
  nextCursor: string | null;
}
