import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { AlertsService } from '@app/alerts';
import { SecurityEventType, SecurityLogService } from '@app/auth';
import { Clock } from '@app/common';
import { DetectionSettingsService, parseTraceSearchesSettings, TraceSearchesDetector } from '@app/detection';
import { TraceCase, TraceRequester } from '../trace-case.type';

/** What one auditor action read, as the security log keeps it (no personal ID: citizens by their keyed hash). */
export interface TraceAuditEntry {
  type: SecurityEventType;
  case: TraceCase;
  by: TraceRequester;
  /** What was asked: the criteria as words (describeTraceCriteria), the timeline's account, the event revealed. */
  criteria: Record<string, unknown>;
  /** Hex of each citizen's keyed hash under the current key (SubjectPseudonymizer.hashHex). */
  subjects: string[];
  /** How many events (or groups) the answer held; absent where it is not known yet (an export begun). */
  rows?: number;
  /** Anything else worth keeping (the total, the reason of a reveal). */
  extra?: Record<string, unknown>;
}

/**
 * The audit of the auditors: every search, timeline, export and reveal goes to the security log (append-only,
 * sealed into the integrity chain by the journal) before its answer is returned. It is then judged for repeated
 * tracing (TraceSearchesDetector) beside the answer, not before it: the auditor does not wait for the check of
 * their own searches, whose alerts are raised milliseconds later. Should the process stop in between, the day scan
 * judges the same searches again.
 */
@Injectable()
export class TraceAudit implements BeforeApplicationShutdown {
  private readonly logger = new Logger(TraceAudit.name);
  /** Checks started and not yet finished. */
  private readonly judging = new Set<Promise<void>>();

  constructor(
    private readonly securityLog: SecurityLogService,
    private readonly detector: TraceSearchesDetector,
    private readonly settings: DetectionSettingsService,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
  ) {}

  async record(entry: TraceAuditEntry): Promise<void> {
    await this.securityLog.record({
      type: entry.type,
      actor: entry.by.actor,
      target: entry.case.caseReference,
      clientIp: entry.by.clientIp,
      details: {
        caseReference: entry.case.caseReference,
        purpose: entry.case.purpose,
        criteria: entry.criteria,
        subjects: entry.subjects,
        ...(entry.rows === undefined ? {} : { rows: entry.rows }),
        ...entry.extra,
      },
    });
    const check: Promise<void> = this.judge(entry)
      .catch((error) => this.logger.warn(`Repeated-tracing check failed: ${error instanceof Error ? error.message : error}`))
      .finally(() => this.judging.delete(check));
    this.judging.add(check);
  }

  /** Resolves once every repeated-tracing check started so far has finished (and its alerts are raised). */
  async settled(): Promise<void> {
    await Promise.all([...this.judging]);
  }

  /** The checks under way finish while the database is still open. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.settled();
  }

  /** A failing check must not take the auditor's answer away: the day scan judges the same searches again. */
  private async judge(entry: TraceAuditEntry): Promise<void> {
    const parsed = parseTraceSearchesSettings(this.settings.current()[this.detector.section]);
    if (!parsed.settings) return;
    const found = await this.detector.checkAfterSearch(this.clock.now(), entry.subjects, entry.case.caseReference, parsed.settings);
    for (const alert of found) await this.alerts.raise(alert);
  }
}
