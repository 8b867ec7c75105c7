import { Injectable } from '@nestjs/common';
import { isIP } from 'node:net';
import { SecurityEventType } from '@app/auth';
import { DomainException, ErrorCode } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { ProcedureNeeds } from '@app/detection';
import { maskPersonalIdsDeep, SubjectPseudonymizer } from '@app/ingestion';
import { TraceAudit } from '../audit/trace-audit.service';
import { describeTraceCriteria, PERSONAL_ID_PATTERN, subjectHashesOf, TraceCriteria } from '../query/trace-criteria';
import type { TraceEvent } from '../query/trace-event.type';
import { decodeTraceCursor, encodeTraceCursor, TraceWhereOptions } from '../query/trace-where';
import { checkTraceCase, TraceCase, TraceRequester } from '../trace-case.type';
import { TraceEventRepository } from './trace-event.repository';

/**
 * Under this many matching events the total is counted exactly (reading no further), if the count takes at most
 * TRACE_EXACT_COUNT_BUDGET_MS of database time; otherwise it is estimated.
 */
export const EXACT_TOTAL_BOUND = 5_000;
export const TRACE_PAGE_MAX = 500;

/** A search as an auditor asks it: the citizens' IDs in clear (hashed here and nowhere kept), the other criteria, the case. */
export interface TraceSearchRequest {
  case: Partial<TraceCase>;
  subjectIds?: string[];
  criteria: Omit<TraceCriteria, 'subjectHashes'>;
}

/** A search made ready to run: the criteria with the citizens as keyed hashes, and what the security log keeps. */
export interface PreparedTrace {
  case: TraceCase;
  criteria: TraceCriteria;
  /** Hex of each citizen's keyed hash under the current key: the security log's "subjects". */
  subjects: string[];
  /** The criteria in words for the log (citizens by `subjects`, never an ID). */
  described: Record<string, unknown>;
  options: TraceWhereOptions;
}

export interface TraceTotal {
  value: number;
  /** true: counted (under EXACT_TOTAL_BOUND, within the count's budget); false: the planner's estimate. */
  exact: boolean;
}

export interface TraceSearchPage {
  items: TraceEvent[];
  nextCursor: string | null;
  /** On the first page only (a cursor's pages share it). */
  total: TraceTotal | null;
}

/** Auditors' search over the stored events (docs/trace.md): any combination of criteria, newest first, by cursor. */
@Injectable()
export class TraceSearchService {
  constructor(
    private readonly events: TraceEventRepository,
    private readonly pseudonymizer: SubjectPseudonymizer,
    private readonly procedures: ProcedureNeeds,
    private readonly audit: TraceAudit,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  /**
   * Checks the case and the IDs and hashes each ID under every key (the current and the rotated ones). Errors
   * name the field and never hold an ID. For the export too, which runs the same criteria.
   */
  prepare(request: TraceSearchRequest): PreparedTrace {
    const traceCase = checkTraceCase(request.case);
    const ids = request.subjectIds ?? [];
    const wrong = ids.findIndex((id) => !PERSONAL_ID_PATTERN.test(id));
    if (wrong >= 0) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'A personal ID must be 12 digits', [
        { field: `subjectIds.${wrong}`, message: 'must be a personal ID of 12 digits' },
      ]);
    }
    const badIp = (request.criteria.clientIps ?? []).findIndex((ip) => !isAddressOrBlock(ip));
    if (badIp >= 0) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'A client address must be an IPv4 or IPv6 address or a CIDR block', [
        { field: `clientIp.${badIp}`, message: 'must be an address (10.52.11.7) or a CIDR block (10.52.0.0/16)' },
      ]);
    }
    if (request.criteria.from && request.criteria.to && request.criteria.from >= request.criteria.to) {
      throw new DomainException(ErrorCode.VALIDATION_FAILED, 'from must be before to', [{ field: 'to', message: 'must be after from' }]);
    }
    const subjects = [...new Set(ids.map((id) => this.pseudonymizer.hashHex(id)))];
    const criteria: TraceCriteria = { ...request.criteria, subjectHashes: ids.length ? subjectHashesOf(ids, this.pseudonymizer) : undefined };
    // A personal ID typed into another criterion (a dossier, an account) is masked in the log like one in the purpose.
    const described = maskPersonalIdsDeep(describeTraceCriteria({ ...request.criteria }));
    if (subjects.length) described.subjects = subjects;
    return { case: traceCase, criteria, subjects, described, options: { procedureNeeds: this.procedures.current() } };
  }

  /** One page, recorded in the security log before it is returned. */
  async search(request: TraceSearchRequest, page: { limit: number; cursor?: string }, by: TraceRequester): Promise<TraceSearchPage> {
    const prepared = this.prepare(request);
    const after = page.cursor ? decodeTraceCursor(page.cursor) : null;
    if (page.cursor && !after) throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The cursor is not valid', [{ field: 'cursor', message: 'must be a nextCursor this API returned' }]);
    const limit = Math.min(Math.max(page.limit, 1), TRACE_PAGE_MAX);
    // The first page's count runs beside it (read to the bound at most). A page that holds every match is its own
    // total: the answer then does not wait for the count.
    const counting = after ? null : this.events.countBelow(prepared.criteria, EXACT_TOTAL_BOUND, prepared.options, this.config.trace.exactCountBudgetMs);
    counting?.catch(() => undefined); // awaited below where it is needed; a page that failed first is the error
    const { events: items, next } = await this.events.findPage(prepared.criteria, { limit, after }, prepared.options);
    const total = counting ? await this.total(prepared, items.length, next !== null, counting) : null;
    await this.audit.record({
      type: SecurityEventType.TRACE_SEARCHED,
      case: prepared.case,
      by,
      criteria: prepared.described,
      subjects: prepared.subjects,
      rows: items.length,
      extra: { continued: Boolean(after), ...(total ? { total: total.value, totalExact: total.exact } : {}) },
    });
    return { items, nextCursor: next ? encodeTraceCursor(next) : null, total };
  }

  private async total(p: PreparedTrace, shown: number, more: boolean, counting: Promise<number | null>): Promise<TraceTotal> {
    if (!more) return { value: shown, exact: true };
    const counted = await counting;
    if (counted !== null && counted < EXACT_TOTAL_BOUND) return { value: counted, exact: true };
    // Not counted: the count reached the bound, or it ran over its budget (then the page and one more are known).
    const atLeast = counted ?? shown + 1;
    return { value: Math.max(await this.events.estimate(p.criteria, p.options), atLeast), exact: false };
  }
}

function isAddressOrBlock(value: string): boolean {
  const [address, prefix, ...rest] = value.split('/');
  const family = isIP(address);
  if (!family || rest.length) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
