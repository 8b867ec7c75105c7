import { isISO8601 } from 'class-validator';
import { isUnstorableText } from '@app/common';
import type { ProcedureNeedMap } from '@app/detection';
import { TraceCriteria, TraceCursor } from './trace-criteria';

/** The table alias every fragment here is written against: `FROM query_event e`. */
export const TRACE_ALIAS = 'e';

/**
 * Newest first, ties broken by the idempotency key (source system, event id), which is unique: a keyset cursor
 * over this order never skips or repeats an event. "C" collation: the same order whatever the database's locale.
 */
export const TRACE_ORDER_BY = `ORDER BY e.occurred_at DESC, e.source_system COLLATE "C" DESC, e.event_id COLLATE "C" DESC`;

/** The columns a cursor is made of, selected beside an event's own (occurred_at to the microsecond, in UTC). */
export const TRACE_CURSOR_COLUMNS = `to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at`;

export interface TraceWhereOptions {
  /** What each procedure needs (ProcedureNeeds.current()): required when the criteria ask for `explained`. */
  procedureNeeds?: ProcedureNeedMap;
}

/** A parametrised SQL text and its parameters ($1 … $n, in order). */
export interface TraceSql {
  sql: string;
  params: unknown[];
}

/**
 * The criteria as one parametrised condition over `query_event e` ("TRUE" when there are none). Parameters are
 * appended to `params` (numbered after those already in it), so the condition can sit in a larger statement.
 * Every predicate is written so that the store's indexes answer it: equality or ANY on the indexed columns, the
 * time range on occurred_at (partition pruning, BRIN), the client address as inet (idx_query_event_ip_time).
 */
export function traceWhere(c: TraceCriteria, params: unknown[], options: TraceWhereOptions = {}): string {
  const p = (value: unknown): string => `$${params.push(value)}`;
  const parts: string[] = [];
  if (c.subjectHashes?.length) parts.push(`e.subject_hash = ANY(${p(c.subjectHashes.map((h) => `\\x${h.toString('hex')}`))}::bytea[])`);
  if (c.accountIds?.length) parts.push(anyOf('e.account_id', c.accountIds, p));
  if (c.unitCodes?.length) parts.push(anyOf('e.unit_code', c.unitCodes, p));
  if (c.clientIps?.length) parts.push(`(${c.clientIps.map((ip) => ipCondition(ip, p)).join(' OR ')})`);
  if (c.sourceSystems?.length) parts.push(anyOf('e.source_system', c.sourceSystems, p));
  if (c.actions?.length) parts.push(anyOf('e.action', c.actions, p));
  if (c.results?.length) parts.push(anyOf('e.result', c.results, p));
  if (c.fields?.length) parts.push(`e.fields && ${p(c.fields)}::text[]`);
  if (c.dossierCodes?.length) parts.push(anyOf('e.dossier_code', c.dossierCodes, p));
  if (c.procedureCodes?.length) parts.push(anyOf('e.procedure_code', c.procedureCodes, p));
  if (c.explained !== undefined) parts.push(explainedCondition(c.explained, options.procedureNeeds, p));
  if (c.from) parts.push(`e.occurred_at >= ${p(c.from.toISOString())}::timestamptz`);
  if (c.to) parts.push(`e.occurred_at < ${p(c.to.toISOString())}::timestamptz`);
  return parts.length ? parts.join(' AND ') : 'TRUE';
}

/**
 * The events after a cursor in TRACE_ORDER_BY's order. The leading `occurred_at <=` is what an index range scan
 * uses; the rest breaks ties within the same microsecond.
 */
export function traceAfterCursor(cursor: TraceCursor, params: unknown[]): string {
  const at = `$${params.push(cursor.occurredAt)}::timestamptz`;
  const system = `$${params.push(cursor.sourceSystem)}`;
  const id = `$${params.push(cursor.eventId)}`;
  return (
    `e.occurred_at <= ${at} AND (e.occurred_at < ${at}` +
    ` OR (e.source_system COLLATE "C", e.event_id COLLATE "C") < (${system}::text COLLATE "C", ${id}::text COLLATE "C"))`
  );
}

export interface TracePageQuery {
  /** Columns to select from `query_event e` (the cursor's are added). */
  columns: string;
  limit: number;
  after?: TraceCursor | null;
}

/** One page of events matching the criteria, newest first, with each row's cursor_at (TRACE_CURSOR_COLUMNS). */
export function tracePageSql(c: TraceCriteria, page: TracePageQuery, options: TraceWhereOptions = {}): TraceSql {
  const params: unknown[] = [];
  const where = [traceWhere(c, params, options)];
  if (page.after) where.push(traceAfterCursor(page.after, params));
  const limit = `$${params.push(page.limit)}`;
  return {
    sql: `SELECT ${page.columns}, ${TRACE_CURSOR_COLUMNS} FROM query_event e WHERE ${where.join(' AND ')} ${TRACE_ORDER_BY} LIMIT ${limit}`,
    params,
  };
}

/**
 * Counts the matching events, but reads no more than `bound` of them: an exact total when it is under the bound
 * (cheap), otherwise the caller estimates (traceEstimateSql).
 */
export function traceBoundedCountSql(c: TraceCriteria, bound: number, options: TraceWhereOptions = {}): TraceSql {
  const params: unknown[] = [];
  const where = traceWhere(c, params, options);
  return { sql: `SELECT count(*)::int AS n FROM (SELECT 1 FROM query_event e WHERE ${where} LIMIT $${params.push(bound)}) s`, params };
}

/** The planner's estimate of the matching events (EXPLAIN (FORMAT JSON): its top node's "Plan Rows"). */
export function traceEstimateSql(c: TraceCriteria, options: TraceWhereOptions = {}): TraceSql {
  const params: unknown[] = [];
  const where = traceWhere(c, params, options);
  return { sql: `EXPLAIN (FORMAT JSON) SELECT 1 FROM query_event e WHERE ${where}`, params };
}

/** A cursor as an opaque URL-safe token, and back (null for a token that is not one of ours). */
export function encodeTraceCursor(cursor: TraceCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt, cursor.sourceSystem, cursor.eventId]), 'utf8').toString('base64url');
}

export function decodeTraceCursor(token: string): TraceCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'string')) return null;
    const [occurredAt, sourceSystem, eventId] = value as string[];
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(occurredAt)) return null;
    // A real instant (the database refuses month 13 or hour 25 with an error, not an empty page), and text the
    // database can hold (the validation pipe never saw what the cursor encodes).
    if (!isISO8601(occurredAt, { strict: true }) || [sourceSystem, eventId].some(isUnstorableText)) return null;
    return { occurredAt, sourceSystem, eventId };
  } catch {
    return null;
  }
}

function anyOf(column: string, values: readonly string[], p: (v: unknown) => string): string {
  return values.length === 1 ? `${column} = ${p(values[0])}` : `${column} = ANY(${p(values)}::text[])`;
}

/** An address matches itself; a CIDR block every address in it. The stored text is cast to inet, as the index is. */
function ipCondition(ip: string, p: (v: unknown) => string): string {
  return ip.includes('/') ? `e.client_ip::inet <<= ${p(ip)}::cidr` : `e.client_ip::inet = ${p(ip)}::inet`;
}

/**
 * judgeLookup's rule in SQL: a lookup or identity check naming a dossier that begins with the account's unit code
 * and a procedure, all of whose returned fields that procedure needs (a procedure nobody knows is not judged on
 * its fields). The needs go as one jsonb parameter: procedure code → fields.
 */
function explainedCondition(explained: boolean, needs: ProcedureNeedMap | undefined, p: (v: unknown) => string): string {
  if (!needs) throw new Error('traceWhere: criteria.explained needs options.procedureNeeds');
  const map = p(JSON.stringify(Object.fromEntries([...needs].map(([code, fields]) => [code, [...fields]]))));
  const rule =
    `e.dossier_code IS NOT NULL AND e.procedure_code IS NOT NULL AND e.unit_code IS NOT NULL AND e.unit_code <> ''` +
    ` AND starts_with(e.dossier_code, e.unit_code)` +
    ` AND ((${map}::jsonb -> e.procedure_code) IS NULL` +
    ` OR e.fields <@ ARRAY(SELECT jsonb_array_elements_text(${map}::jsonb -> e.procedure_code)))`;
  return `e.action IN ('lookup', 'verify') AND ${explained ? '' : 'NOT '}COALESCE(${rule}, false)`;
}
