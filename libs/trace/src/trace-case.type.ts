import { DomainException, ErrorCode } from '@app/common';
import { maskPersonalIds } from '@app/ingestion';
import type { SecurityActor } from '@app/auth';

/** Longest case reference and purpose kept (what a case number and a sentence or two need). */
export const CASE_REFERENCE_MAX = 100;
export const PURPOSE_MAX = 500;

/**
 * Why an auditor reads personal data: the case it serves (số hồ sơ vụ việc, an inspection decision's number) and
 * the purpose in words. Every search, timeline and reveal needs both; they go to the security log with it.
 */
export interface TraceCase {
  caseReference: string;
  purpose: string;
}

/** Who asks, for the security log: the user (or the command line's operator) and the client address. */
export interface TraceRequester {
  actor: SecurityActor;
  clientIp?: string;
}

/**
 * The case checked and made safe to store: trimmed, and any personal ID typed into it masked (the log keeps
 * hashes, never an ID). A missing or blank field is refused, naming it.
 */
export function checkTraceCase(c: Partial<TraceCase>): TraceCase {
  const problems: { field: string; message: string }[] = [];
  const caseReference = c.caseReference?.trim() ?? '';
  const purpose = c.purpose?.trim() ?? '';
  if (!caseReference) problems.push({ field: 'caseReference', message: 'caseReference is required: the case this tracing serves (e.g. an inspection decision number)' });
  else if (caseReference.length > CASE_REFERENCE_MAX) problems.push({ field: 'caseReference', message: `caseReference must be at most ${CASE_REFERENCE_MAX} characters` });
  if (!purpose) problems.push({ field: 'purpose', message: 'purpose is required: why this personal data is read, in words' });
  else if (purpose.length > PURPOSE_MAX) problems.push({ field: 'purpose', message: `purpose must be at most ${PURPOSE_MAX} characters` });
  if (problems.length) {
    throw new DomainException(ErrorCode.VALIDATION_FAILED, `A case reference and a purpose are required (${problems.map((p) => p.field).join(', ')})`, problems);
  }
  return { caseReference: maskPersonalIds(caseReference), purpose: maskPersonalIds(purpose) };
}
