import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { localDay } from '@app/detection';
import { ReportContentService } from '../content/report-content.service';
import { ReportDeliveryService } from '../delivery/report-delivery.service';
import { renderPeriodicReportPdf, reportSummaryLine } from '../render/periodic-report-pdf.util';
import { renderPeriodicReportXlsx } from '../render/report-xlsx.util';
import type { ReportContent, ReportKind, ReportPeriod, ReportRecord, ReportSummary } from '../report.type';
import { ReportRepository } from './report.repository';

/** Serialises report generation across replicas: one document number at a time, one report per scheduled period. */
export const REPORT_GENERATION_LOCK = 7_281_004_700;

export interface GeneratedReport {
  report: ReportRecord;
  /** false: a report of this scheduled period already existed, and it is returned instead. */
  created: boolean;
}

const sha256 = (b: Buffer): Buffer => createHash('sha256').update(b).digest();

/**
 * Makes, archives and serves the periodic reports. The PDF's footer prints the SHA-256 of the XLSX issued with it
 * (a file cannot carry its own hash); the PDF's own SHA-256 is in the archive row (docs/reports.md, "Check sums").
 */
@Injectable()
export class ReportArchiveService {
  private readonly logger = new Logger(ReportArchiveService.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly content: ReportContentService,
    private readonly reports: ReportRepository,
    private readonly delivery: ReportDeliveryService,
  ) {}

  /**
   * Generates the report of a period. For a scheduled kind, at most one per period: a second call (a restart, a
   * second replica) returns the one made. The figures are read and the XLSX made before the transaction (the
   * embedded database has one connection, which the transaction holds); the number is reserved, the PDF made and
   * the row written under an advisory lock, so numbers follow one another without a gap. The report's deliveries
   * to the Office are queued in the same transaction.
   */
  async generate(kind: ReportKind, period: ReportPeriod, actor: string): Promise<GeneratedReport> {
    const scheduled = kind !== 'on_demand';
    const found = scheduled ? await this.reports.findScheduled(this.db, kind, period) : null;
    if (found) return { report: found, created: false };
    const now = this.clock.now();
    const year = Number(localDay(now).slice(0, 4));
    const content = await this.content.gather(kind, period, now);
    const xlsx = await renderPeriodicReportXlsx(content, now, reportSummaryLine(content));
    const xlsxSha256 = sha256(xlsx);
    const symbol = this.config.reports.organisation.symbol;
    const id = await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [REPORT_GENERATION_LOCK]);
      if (scheduled && (await this.reports.findScheduled(m, kind, period))) return null;
      const reserved = await this.reports.reserve(m, year);
      const pdf = await renderPeriodicReportPdf({
        content,
        organisation: this.config.reports.organisation,
        number: { number: reserved.number, year, symbol },
        issuedAt: now,
        footer: [
          `SHA-256 của tệp XLSX số liệu kèm theo: ${xlsxSha256.toString('hex')}`,
          `Mã SHA-256 của chính tệp PDF này được ghi trong sổ lưu báo cáo, mã lưu trữ ${reserved.id} (GET /v1/reports/${reserved.id}).`,
        ],
      });
      await this.reports.insert(m, {
        id: reserved.id,
        kind,
        period,
        year,
        number: reserved.number,
        symbol,
        createdAt: now,
        createdBy: actor,
        pdf,
        xlsx,
        pdfSha256: sha256(pdf),
        xlsxSha256,
        summary: summaryOf(content),
      });
      // With the archive row: a report is never archived without its deliveries, nor delivered unarchived.
      await this.delivery.enqueueReport(m, { id: reserved.id, kind }, now);
      this.logger.log({ reportId: reserved.id, kind, period }, 'Report generated');
      return reserved.id;
    });
    if (id === null)
      return { report: (await this.reports.findScheduled(this.db, kind, period))!, created: false };
    this.delivery.kick();
    return { report: (await this.reports.findById(id))!, created: true };
  }

  list(filter: { kind?: ReportKind; before?: string; limit: number }): Promise<ReportRecord[]> {
    return this.reports.list(filter);
  }

  async get(id: string): Promise<ReportRecord> {
    const report = await this.reports.findById(id);
    if (!report) throw notFound(id);
    return report;
  }

  async file(id: string, format: 'pdf' | 'xlsx'): Promise<{ report: ReportRecord; data: Buffer }> {
    const report = await this.get(id);
    const data = await this.reports.file(id, format);
    if (!data) throw notFound(id);
    return { report, data };
  }
}

function notFound(id: string): DomainException {
  return new DomainException(ErrorCode.NOT_FOUND, `There is no report ${id}`);
}

function summaryOf(c: ReportContent): ReportSummary {
  return {
    lookups: c.totals.lookups,
    explainedShare: c.totals.share,
    locks: c.locks.length,
    abnormalAccounts: c.abnormal.length,
    alerts: c.alertsByType.reduce((t, a) => t + a.alerts, 0),
    overdueAlerts: c.overdueAlerts.length,
  };
}
