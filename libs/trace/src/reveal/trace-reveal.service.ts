import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SecurityEventType } from '@app/auth';
import { DomainException, ErrorCode } from '@app/common';
import { maskPersonalIds, SubjectPseudonymizer } from '@app/ingestion';
import { TraceAudit } from '../audit/trace-audit.service';
import { checkTraceCase, TraceCase, TraceRequester } from '../trace-case.type';

export const REVEAL_REASON_MAX = 500;

export interface RevealRequest {
  case: Partial<TraceCase>;
  sourceSystem: string;
  eventId: string;
  reason: string;
}

export interface RevealedSubject {
  sourceSystem: string;
  eventId: string;
  /** The citizen's personal ID in clear: shown to the caller, kept nowhere. */
  subjectId: string;
}

/**
 * Shows one stored event's personal ID in clear, from its encrypted copy (SUBJECT_ENCRYPTION_KEY), to a holder of
 * audit:reveal giving a case, a purpose and a reason; recorded in the security log (the citizen by hash) first.
 */
@Injectable()
export class TraceRevealService {
  constructor(
    private readonly db: DataSource,
    private readonly pseudonymizer: SubjectPseudonymizer,
    private readonly audit: TraceAudit,
  ) {}

  get available(): boolean {
    return this.pseudonymizer.encrypts;
  }

  async reveal(request: RevealRequest, by: TraceRequester): Promise<RevealedSubject> {
    const traceCase = checkTraceCase(request.case);
    const reason = request.reason?.trim() ?? '';
    if (!reason || reason.length > REVEAL_REASON_MAX) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'A reason is required to reveal a personal ID', [{ field: 'reason', message: `required, at most ${REVEAL_REASON_MAX} characters` }]);
    }
    if (!this.pseudonymizer.encrypts) {
      throw new DomainException(ErrorCode.CONFLICT, 'No encrypted copy of personal IDs is kept (SUBJECT_ENCRYPTION_KEY is not set): there is nothing to reveal');
    }
    // The idempotency index gives the month, so the read touches one partition.
    const [row] = (await this.db.query(
      `SELECT e.subject_enc, encode(e.subject_hash, 'hex') AS subject_hash
         FROM query_event_id i JOIN query_event e ON e.occurred_at = i.occurred_at AND e.event_id = i.event_id AND e.source_system = i.source_system
        WHERE i.source_system = $1 AND i.event_id = $2`,
      [request.sourceSystem, request.eventId],
    )) as { subject_enc: Buffer | null; subject_hash: string | null }[];
    if (!row) throw new DomainException(ErrorCode.NOT_FOUND, `No stored event ${request.eventId} from ${request.sourceSystem}`);
    if (!row.subject_enc) throw new DomainException(ErrorCode.NOT_FOUND, 'This event has no encrypted copy of a personal ID (none was looked up, or it was stored without the encryption key)');
    let subjectId: string;
    try {
      subjectId = this.pseudonymizer.decrypt(row.subject_enc);
    } catch {
      throw new DomainException(ErrorCode.CONFLICT, "The event's encrypted copy does not open with the configured key (stored under another key, or altered)");
    }
    await this.audit.record({
      type: SecurityEventType.TRACE_SUBJECT_REVEALED,
      case: traceCase,
      by,
      criteria: { sourceSystem: request.sourceSystem, eventId: request.eventId },
      subjects: row.subject_hash ? [row.subject_hash] : [],
      rows: 1,
      extra: { reason: maskPersonalIds(reason) },
    });
    return { sourceSystem: request.sourceSystem, eventId: request.eventId, subjectId };
  }
}
