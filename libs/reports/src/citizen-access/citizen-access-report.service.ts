import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChainProofBuilder, ProvenBatches } from '@app/audit-trail';
import { SecurityEventType } from '@app/auth';
import { Clock, DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { addDays, isLocalDay, localDay, startOfLocalDay } from '@app/detection';
import { maskPersonalIds } from '@app/ingestion';
import {
  inReadSnapshot,
  PERSONAL_ID_PATTERN,
  PreparedTrace,
  TraceAudit,
  TraceRequester,
  TraceSearchService,
} from '@app/trace';
import { ReportArchiveService } from '../archive/report-archive.service';
import type { CitizenAccessSummary, ReportPeriod, ReportRecord } from '../report.type';
import { renderCitizenAccessPdf } from './citizen-access-pdf.util';
import { CitizenAccessRepository } from './citizen-access.repository';
import type {
  CitizenAccessBatch,
  CitizenAccessContent,
  CitizenAccessEntry,
  CitizenAccessRequest,
} from './citizen-access.type';
import { renderCitizenAccessXlsx } from './citizen-access-xlsx.util';

/** The most lookups one report lists: far beyond any one citizen's; a longer history is asked for by period. */
export const CITIZEN_ACCESS_MAX_EVENTS = 5_000;
const REQUESTER_NAME_MAX = 100;

const problem = (field: string, message: string) =>
  new DomainException(ErrorCode.VALIDATION_FAILED, `The access report request is not valid (${field})`, [
    { field, message },
  ]);

/**
 * A citizen's access report (docs/reports.md, "A citizen's access report"): who looked one citizen up (account,
 * unit, time, system, dossier, procedure, fields returned), with the chained digests of the batches those events
 * were stored in and the signed chain heads covering them, as a Vietnamese administrative document. The rows are
 * an auditor's search by citizen; the evidence is an evidence export's chain proof. Archived as a report of kind
 * citizen_access and recorded in the security log with the case and the citizen as keyed hashes.
 */
@Injectable()
export class CitizenAccessReportService {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly search: TraceSearchService,
    private readonly proofs: ChainProofBuilder,
    private readonly rows: CitizenAccessRepository,
    private readonly archive: ReportArchiveService,
    private readonly audit: TraceAudit,
  ) {}

  /** Checks the request, lists the lookups with their evidence, archives the document, records it; the archived entry. */
  async generate(request: CitizenAccessRequest, actor: string, by: TraceRequester): Promise<ReportRecord> {
    if (!PERSONAL_ID_PATTERN.test(request.subject ?? ''))
      throw problem('subject', 'must be the personal ID of the citizen, 12 digits');
    const requesterName = checkedName(request.requesterName);
    const now = this.clock.now();
    const days = checkedDays(request.from, request.to);
    const prepared = this.search.prepare({
      case: request.case,
      subjectIds: [request.subject],
      criteria: {
        from: days.from ? startOfLocalDay(days.from) : undefined,
        to: days.to ? startOfLocalDay(days.to) : undefined,
      },
    });
    const { entries, batches, proven } = await this.read(prepared);
    const content: CitizenAccessContent = {
      case: prepared.case,
      requesterName,
      period: periodOf(days, entries, now),
      openStart: !days.from,
      asOf: now,
      entries,
      batches,
      chain: await this.proofs.segments(proven),
      summary: summaryOf(prepared.case.caseReference, entries, batches.length),
    };
    const report = await this.archived(content, Buffer.from(prepared.subjects[0], 'hex'), actor);
    await this.audit.record({
      type: SecurityEventType.TRACE_ACCESS_REPORTED,
      case: prepared.case,
      by,
      criteria: prepared.described,
      subjects: prepared.subjects,
      rows: entries.length,
      extra: { reportId: report.id, pdfSha256: report.pdfSha256, xlsxSha256: report.xlsxSha256 },
    });
    return report;
  }

  /** The lookups and the proofs of their batches from one snapshot: the evidence covers exactly the rows listed. */
  private read(
    prepared: PreparedTrace,
  ): Promise<{ entries: CitizenAccessEntry[]; batches: CitizenAccessBatch[]; proven: ProvenBatches }> {
    return inReadSnapshot(this.db, async ({ manager: m }) => {
      const entries = await this.rows.entries(
        m,
        prepared.criteria,
        prepared.options,
        CITIZEN_ACCESS_MAX_EVENTS + 1,
      );
      if (entries.length > CITIZEN_ACCESS_MAX_EVENTS)
        throw problem('from', `more than ${CITIZEN_ACCESS_MAX_EVENTS} lookups: ask for a shorter period`);
      return {
        entries,
        batches: await this.rows.batches(m, entries),
        proven: await this.proofs.proveBatches(m, {
          sql: `SELECT batch_id, count(*)::int AS n, array_agg(event_id) AS exported
                FROM unnest($1::bigint[], $2::text[]) AS x(batch_id, event_id) GROUP BY batch_id`,
          params: [entries.map((e) => e.batchId), entries.map((e) => e.eventId)],
        }),
      };
    });
  }

  private async archived(
    content: CitizenAccessContent,
    subjectHash: Buffer,
    actor: string,
  ): Promise<ReportRecord> {
    const id = await this.archive.archive({
      kind: 'citizen_access',
      period: content.period,
      actor,
      issuedAt: content.asOf,
      xlsx: await renderCitizenAccessXlsx(content),
      summary: content.summary,
      citizen: { caseReference: content.case.caseReference, subjectHash },
      renderPdf: (number, footer) =>
        renderCitizenAccessPdf(content, { organisation: this.config.reports.organisation, number, footer }),
    });
    return this.archive.get(id!);
  }
}

function checkedName(name: string | undefined): string | null {
  const trimmed = name?.trim();
  if (!trimmed) return null;
  if (trimmed.length > REQUESTER_NAME_MAX)
    throw problem('requesterName', `must be at most ${REQUESTER_NAME_MAX} characters`);
  // A name is never an ID: one typed there by mistake is not printed.
  return maskPersonalIds(trimmed);
}

function checkedDays(from?: string, to?: string): { from?: string; to?: string } {
  if (from !== undefined && !isLocalDay(from)) throw problem('from', 'must be a date, YYYY-MM-DD');
  if (to !== undefined && !isLocalDay(to)) throw problem('to', 'must be a date, YYYY-MM-DD');
  if (from && to && to <= from) throw problem('to', 'must be after from (the period is [from, to))');
  return { from, to };
}

/** The days the report covers: as asked, or from the first lookup listed (today without any) up to today. */
function periodOf(
  days: { from?: string; to?: string },
  entries: CitizenAccessEntry[],
  now: Date,
): ReportPeriod {
  const to = days.to ?? addDays(localDay(now), 1);
  const first = entries.length ? localDay(entries[entries.length - 1].occurredAt) : localDay(now);
  const from = days.from ?? (first < to ? first : addDays(to, -1));
  return { from, to };
}

function summaryOf(
  caseReference: string,
  entries: CitizenAccessEntry[],
  batches: number,
): CitizenAccessSummary {
  return {
    caseReference,
    events: entries.length,
    accounts: new Set(entries.map((e) => e.accountId)).size,
    units: new Set(entries.map((e) => e.unitCode ?? '')).size,
    batches,
    firstAt: entries.length ? entries[entries.length - 1].occurredAt.toISOString() : null,
    lastAt: entries.length ? entries[0].occurredAt.toISOString() : null,
  };
}
