import type { SubjectPseudonymizer } from '@app/ingestion';

/** The actions and results a stored event can have (the contract's enums, query-log-event.v1). */
export const TRACE_ACTIONS = ['login', 'logout', 'lookup', 'verify', 'export'] as const;
export const TRACE_RESULTS = ['success', 'not_found', 'denied', 'error'] as const;
export type TraceAction = (typeof TRACE_ACTIONS)[number];
export type TraceResult = (typeof TRACE_RESULTS)[number];

/**
 * What an auditor asks of the stored events. Every criterion is optional and those given must all hold (AND); a
 * list holds when any of its values does (OR); an absent or empty list restricts nothing. Personal IDs are never
 * in here: the IDs typed in clear become `subjectHashes` on arrival (subjectHashesOf: every configured key, the
 * current and the rotated ones).
 */
export interface TraceCriteria {
  /** Keyed hashes (HMAC-SHA-256, 32 bytes) of the citizens' personal IDs under every configured key. */
  subjectHashes?: Buffer[];
  accountIds?: string[];
  unitCodes?: string[];
  /** IPv4 or IPv6 addresses, or CIDR blocks (10.20.0.0/16): an event from any of them. */
  clientIps?: string[];
  sourceSystems?: string[];
  actions?: TraceAction[];
  results?: TraceResult[];
  /** Field codes (fullName, idCardInfo): an event that returned any of them. */
  fields?: string[];
  dossierCodes?: string[];
  procedureCodes?: string[];
  /**
   * Lookups and identity checks explained (true) or not (false) by a dossier of the account's unit, a procedure
   * and the fields it needs (docs/detection.md, "Explained lookups"). Other actions are never either.
   */
  explained?: boolean;
  /** Events that occurred at or after this instant. */
  from?: Date;
  /** Events that occurred before this instant (exclusive). */
  to?: Date;
}

/** Where a page ended: the last event's position in the newest-first order. */
export interface TraceCursor {
  /** occurred_at as PostgreSQL prints it in UTC, to the microsecond (a JavaScript Date keeps only milliseconds). */
  occurredAt: string;
  sourceSystem: string;
  eventId: string;
}

/** The criteria named in words, for the security log and error messages (hashes as hex, never an ID). */
export function describeTraceCriteria(c: TraceCriteria): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(c) as [keyof TraceCriteria, unknown][]) {
    if (value === undefined || (Array.isArray(value) && !value.length)) continue;
    if (key === 'subjectHashes') out[key] = (value as Buffer[]).map((h) => h.toString('hex'));
    else if (value instanceof Date) out[key] = value.toISOString();
    else out[key] = value;
  }
  return out;
}

/** Whether the criteria restrict anything at all (a search of everything is allowed, but is worth knowing). */
export function isTraceCriteriaEmpty(c: TraceCriteria): boolean {
  return Object.keys(describeTraceCriteria(c)).length === 0;
}

/** A personal ID as the contract has it (số định danh cá nhân): 12 digits. */
export const PERSONAL_ID_PATTERN = /^[0-9]{12}$/;

/**
 * The personal IDs an auditor typed, in clear, as the keyed hashes a search looks for: each under the current key
 * and every earlier one (SUBJECT_HASH_PREVIOUS_KEYS), so events stored before a rotation are still found. The IDs
 * go no further than this call. Throws a TypeError naming the position of an ID that is not 12 digits, never the ID.
 */
export function subjectHashesOf(subjectIds: readonly string[], pseudonymizer: SubjectPseudonymizer): Buffer[] {
  const hashes: Buffer[] = [];
  for (const [i, id] of subjectIds.entries()) {
    if (!PERSONAL_ID_PATTERN.test(id)) throw new TypeError(`subjectIds[${i}] must be a personal ID of 12 digits`);
    for (const { hash } of pseudonymizer.searchHashes(id)) hashes.push(hash);
  }
  return hashes;
}
