import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { SecurityActor, SecurityEventType, SecurityLogService } from '@app/auth';
import { AppConfig, InjectConfig } from '@app/config';
import { localDay } from '@app/detection';
import { ReportContentService } from '../content/report-content.service';
import { ReportDeliveryService } from '../delivery/report-delivery.service';
import { renderPeriodicReportPdf, reportSummaryLine } from '../render/periodic-report-pdf.util';
import { renderPeriodicReportXlsx } from '../render/report-xlsx.util';
import type {
  CitizenAccessSummary,
  PeriodicReportKind,
  ReportContent,
  ReportDocumentNumber,
  ReportKind,
  ReportPeriod,
  ReportRecord,
  ReportSummary,
} from '../report.type';
import { NewReport, ReportRepository } from './report.repository';

/** Serialises report generation across replicas: one document number at a time, one report per scheduled period. */
export const REPORT_GENERATION_LOCK = 7_281_004_700;

/** Who asks for a report or its file, for the security log. */
export interface ReportRequester {
  actor: SecurityActor;
  clientIp?: string;
}

/** A document for the archive: its files but the PDF, which is rendered once its number is reserved. */
export interface DocumentToArchive {
  kind: ReportKind;
  period: ReportPeriod;
  /** user:<name>, system:<job>, cli:<user>: the row's created_by. */
  actor: string;
  issuedAt: Date;
  xlsx: Buffer;
  summary: ReportSummary | CitizenAccessSummary;
  citizen?: NewReport['citizen'];
  /** Queue its deliveries to the Office (REPORTS_DELIVERY_*) with the row: periodic reports, never a citizen's. */
  deliver?: boolean;
  /** Checked under the lock: true when the document was made meanwhile (a scheduled period's report). */
  alreadyMade?: (m: EntityManager) => Promise<boolean>;
  /** The PDF with its number and the footer lines the archive gives (the check sums). */
  renderPdf(number: ReportDocumentNumber, footer: string[]): Promise<Buffer>;
}

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
    private readonly securityLog: SecurityLogService,
    private readonly delivery: ReportDeliveryService,
  ) {}

  /**
   * Generates the report of a period. For a scheduled kind, at most one per period: a second call (a restart, a
   * second replica) returns the one made. The figures are read and the XLSX made before the archive's transaction;
   * the number is reserved, the PDF made and the row written under an advisory lock, so numbers follow one another
   * without a gap. The report's deliveries to the Office are queued in the same transaction.
   */
  async generate(
    kind: PeriodicReportKind,
    period: ReportPeriod,
    actor: string,
    by: ReportRequester = { actor: { kind: 'system', name: actor } },
  ): Promise<GeneratedReport> {
    const scheduled = kind !== 'on_demand';
    const found = scheduled ? await this.reports.findScheduled(this.db, kind, period) : null;
    if (found) return { report: found, created: false };
    const now = this.clock.now();
    const content = await this.content.gather(kind, period, now);
    const id = await this.archive({
      kind,
      period,
      actor,
      issuedAt: now,
      xlsx: await renderPeriodicReportXlsx(content, now, reportSummaryLine(content)),
      summary: summaryOf(content),
      deliver: true,
      alreadyMade: scheduled
        ? async (m) => Boolean(await this.reports.findScheduled(m, kind, period))
        : undefined,
      renderPdf: (number, footer) =>
        renderPeriodicReportPdf({
          content,
          organisation: this.config.reports.organisation,
          number,
          issuedAt: now,
          footer,
        }),
    });
    if (id === null)
      return { report: (await this.reports.findScheduled(this.db, kind, period))!, created: false };
    this.delivery.kick();
    const report = (await this.reports.findById(id))!;
    await this.recordGenerated(report, by);
    return { report, created: true };
  }

  /**
   * Archives a document of any kind: under an advisory lock, reserves the next id and the year's next number, renders
   * the PDF with them (and the footer that prints the XLSX's SHA-256 and names the archive entry holding the PDF's),
   * and writes the row with both files and their sums. The XLSX is made before (the embedded database has one
   * connection, which the transaction holds). Returns the new id, or null when `alreadyMade` says so under the lock.
   */
  async archive(doc: DocumentToArchive): Promise<string | null> {
    const year = Number(localDay(doc.issuedAt).slice(0, 4));
    const xlsxSha256 = sha256(doc.xlsx);
    const symbol = this.config.reports.organisation.symbol;
    return this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [REPORT_GENERATION_LOCK]);
      if (doc.alreadyMade && (await doc.alreadyMade(m))) return null;
      const reserved = await this.reports.reserve(m, year);
      const pdf = await doc.renderPdf({ number: reserved.number, year, symbol }, [
        `SHA-256 của tệp XLSX số liệu kèm theo: ${xlsxSha256.toString('hex')}`,
        `Mã SHA-256 của chính tệp PDF này được ghi trong sổ lưu báo cáo, mã lưu trữ ${reserved.id} (GET /v1/reports/${reserved.id}).`,
      ]);
      await this.reports.insert(m, {
        id: reserved.id,
        kind: doc.kind,
        period: doc.period,
        year,
        number: reserved.number,
        symbol,
        createdAt: doc.issuedAt,
        createdBy: doc.actor,
        pdf,
        xlsx: doc.xlsx,
        pdfSha256: sha256(pdf),
        xlsxSha256,
        summary: doc.summary,
        citizen: doc.citizen,
      });
      // With the archive row: a report is never archived without its deliveries, nor delivered unarchived.
      if (doc.deliver)
        await this.delivery.enqueueReport(m, { id: reserved.id, kind: doc.kind }, doc.issuedAt);
      this.logger.log({ reportId: reserved.id, kind: doc.kind, period: doc.period }, 'Report generated');
      return reserved.id;
    });
  }

  /** The security log's entry of a report archived (the citizen's access report adds its case and citizen hashed). */
  async recordGenerated(
    report: ReportRecord,
    by: ReportRequester,
    details: Record<string, unknown> = {},
  ): Promise<void> {
    await this.securityLog.record({
      type: SecurityEventType.REPORT_GENERATED,
      actor: by.actor,
      target: `report:${report.id}`,
      clientIp: by.clientIp,
      details: {
        reportId: report.id,
        kind: report.kind,
        period: report.period,
        documentNumber: `${report.number}/${report.symbol}`,
        pdfSha256: report.pdfSha256,
        xlsxSha256: report.xlsxSha256,
        ...details,
      },
    });
  }

  list(filter: { kind?: ReportKind; before?: string; limit: number }): Promise<ReportRecord[]> {
    return this.reports.list(filter);
  }

  async get(id: string): Promise<ReportRecord> {
    const report = await this.reports.findById(id);
    if (!report) throw notFound(id);
    return report;
  }

  /** A report's file as archived; the download is recorded in the security log before it is served. */
  async file(
    id: string,
    format: 'pdf' | 'xlsx',
    by: ReportRequester,
  ): Promise<{ report: ReportRecord; data: Buffer }> {
    const report = await this.get(id);
    const data = await this.reports.file(id, format);
    if (!data) throw notFound(id);
    await this.securityLog.record({
      type: SecurityEventType.REPORT_DOWNLOADED,
      actor: by.actor,
      target: `report:${id}`,
      clientIp: by.clientIp,
      details: {
        reportId: id,
        kind: report.kind,
        format,
        sha256: format === 'pdf' ? report.pdfSha256 : report.xlsxSha256,
        ...(report.citizenAccess ? { caseReference: report.citizenAccess.caseReference } : {}),
      },
    });
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
