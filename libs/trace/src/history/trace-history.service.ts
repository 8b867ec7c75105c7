import { Injectable } from '@nestjs/common';
import { SecurityLogService } from '@app/auth';

/** One of an auditor's own tracing actions, as the security log keeps it (citizens only by keyed hash). */
export interface TraceHistoryEntry {
  id: string;
  occurredAt: string;
  /** trace.searched, trace.timeline-viewed, trace.export-started, trace.exported, trace.subject-revealed */
  type: string;
  caseReference: string | null;
  purpose: string | null;
  criteria: Record<string, unknown>;
  /** Hex of each citizen's keyed hash (current key). */
  subjects: string[];
  rows: number | null;
}

export const TRACE_HISTORY_PAGE_MAX = 100;

/**
 * "My searches": the caller's own entries of the audit of the auditors, newest first. Read from the security log
 * itself, so it shows exactly what was recorded of them; only the caller's own (by user id), never anyone else's.
 */
@Injectable()
export class TraceHistoryService {
  constructor(private readonly securityLog: SecurityLogService) {}

  async mine(userId: string, page: { limit: number; cursor?: string }): Promise<{ items: TraceHistoryEntry[]; nextCursor: string | null }> {
    const found = await this.securityLog.list({ actorId: userId, typePrefix: 'trace.', before: page.cursor, limit: page.limit });
    return {
      nextCursor: found.nextCursor,
      items: found.items.map((e) => {
        const d = e.details;
        return {
          id: e.id,
          occurredAt: e.occurredAt.toISOString(),
          type: e.type,
          caseReference: typeof d.caseReference === 'string' ? d.caseReference : null,
          purpose: typeof d.purpose === 'string' ? d.purpose : null,
          criteria: d.criteria && typeof d.criteria === 'object' ? (d.criteria as Record<string, unknown>) : {},
          subjects: Array.isArray(d.subjects) ? (d.subjects as string[]) : [],
          rows: typeof d.rows === 'number' ? d.rows : null,
        };
      }),
    };
  }
}
