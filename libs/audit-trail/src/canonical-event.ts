import { hash } from 'node:crypto';

/**
 * One event exactly as the store keeps it (table query_event), personal ID already pseudonymised.
 * The canonical form of this record is what the batch digests cover: writer and verifier must build it from
 * the same values, so every field here round-trips through PostgreSQL unchanged.
 */
export interface StoredEventRecord {
  eventId: string;
  /** Millisecond precision, UTC. */
  occurredAt: Date;
  accountId: string;
  unitCode: string | null;
  /** As received (validated IPv4/IPv6 text). */
  clientIp: string;
  sourceSystem: string;
  action: string;
  /** HMAC-SHA-256 of the personal ID under key subjectKeyId, lowercase hex (bytea in the table); null when the event names no citizen. */
  subjectHash: string | null;
  subjectKeyId: string | null;
  /** AES-256-GCM copy of the personal ID, only when an encryption key is configured. */
  subjectEnc: Buffer | null;
  subjectCount: number | null;
  fields: string[];
  dossierCode: string | null;
  procedureCode: string | null;
  result: string;
  userAgent: string | null;
  /** Properties beyond the v1 schema, kept as evidence. */
  extra: Record<string, unknown> | null;
  /** Marks set at ingest, e.g. unregistered_source, undeclared_fields. */
  flags: string[];
  /**
   * Keyed hash of the block of 100 consecutive IDs the personal ID falls in (8 bytes hex), for the enumeration
   * detector. Derived data, not evidence: it is stored beside the row but is no part of any canonical form, so it
   * is not covered by the chain (docs/detection.md, "Enumeration"). Absent on rows read back for verification.
   */
  subjectBlock?: string | null;
}

/** The canonical form new batches are written with (kept per batch in audit_batch.canonical_form). */
export const CANONICAL_FORM = 2;
export type CanonicalForm = 1 | 2;

/** JSON with object keys sorted at every depth: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

// ---- Form 2: the row in PostgreSQL's COPY text format -------------------------------------------------------

/**
 * The columns of form 2, in order: every column of query_event the writer sets except batch_id (which says where
 * the row belongs, and is covered by the batch digest instead). The COPY stream sends these, then batch_id.
 */
export const CANONICAL_COLUMNS = [
  'occurred_at',
  'event_id',
  'account_id',
  'unit_code',
  'client_ip',
  'source_system',
  'action',
  'subject_hash',
  'subject_key_id',
  'subject_enc',
  'subject_count',
  'fields',
  'dossier_code',
  'procedure_code',
  'result',
  'user_agent',
  'extra',
  'flags',
] as const;

const NULL = '\\N';
const COPY_SPECIAL = /[\\\n\r\t]/;

/** One text value in COPY's text format: backslash, newline, carriage return and tab escaped. */
function copyText(value: string | null): string {
  if (value === null) return NULL;
  if (!COPY_SPECIAL.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t');
}

/** A bytea in hex input form, its backslash escaped for COPY. */
function copyBytea(value: Buffer | string | null): string {
  return value === null ? NULL : `\\\\x${typeof value === 'string' ? value : value.toString('hex')}`;
}

const ARRAY_SPECIAL = /[\\"]/g;
/** In JSON text: an escape other than \" and \\ (control characters, \u sequences). */
const JSON_OTHER_ESCAPE = /\\[^"\\]/;

/**
 * A text[] literal with every element quoted. For elements without control characters, JSON.stringify writes
 * exactly that literal between its brackets (quotes and backslashes escaped the same way) and costs a fraction
 * of building it here; anything else takes the general path.
 */
export function textArrayLiteral(values: string[]): string {
  const json = JSON.stringify(values);
  if (!JSON_OTHER_ESCAPE.test(json)) return `{${json.slice(1, -1)}}`;
  let out = '{';
  for (let i = 0; i < values.length; i++) out += `${i ? ',' : ''}"${values[i].replace(ARRAY_SPECIAL, '\\$&')}"`;
  return `${out}}`;
}

/**
 * Canonical form 2: the event's row as COPY text (tab-separated, NULL as \N), columns in CANONICAL_COLUMNS
 * order, `extra` as canonical JSON. The writer sends exactly this text to COPY (followed by the batch id) and
 * hashes exactly this text, so one serialisation both stores and proves the event; COPY's text format is
 * unambiguous (PostgreSQL parses it back into the values), which is what a canonical form needs.
 */
export function canonicalEvent(e: StoredEventRecord): string {
  return (
    `${e.occurredAt.toISOString()}\t${copyText(e.eventId)}\t${copyText(e.accountId)}\t${copyText(e.unitCode)}\t` +
    `${copyText(e.clientIp)}\t${copyText(e.sourceSystem)}\t${copyText(e.action)}\t${copyBytea(e.subjectHash)}\t` +
    `${copyText(e.subjectKeyId)}\t${copyBytea(e.subjectEnc)}\t${e.subjectCount === null ? NULL : String(e.subjectCount)}\t` +
    `${copyText(textArrayLiteral(e.fields))}\t${copyText(e.dossierCode)}\t${copyText(e.procedureCode)}\t` +
    `${copyText(e.result)}\t${copyText(e.userAgent)}\t${e.extra === null ? NULL : copyText(canonicalJson(e.extra))}\t` +
    `${copyText(textArrayLiteral(e.flags))}`
  );
}

// ---- Form 1 (batches written before form 2): canonical JSON array --------------------------------------------

/**
 * Canonical form 1: canonicalJson of [1, eventId, occurredAt ISO, accountId, unitCode, clientIp, sourceSystem,
 * action, subjectHash hex, subjectKeyId, subjectEnc base64, subjectCount, fields, dossierCode, procedureCode,
 * result, userAgent, extra, flags]. Still verified; no longer written.
 */
export function canonicalEventV1(e: StoredEventRecord): string {
  return canonicalJson([
    1,
    e.eventId,
    e.occurredAt.toISOString(),
    e.accountId,
    e.unitCode,
    e.clientIp,
    e.sourceSystem,
    e.action,
    e.subjectHash,
    e.subjectKeyId,
    e.subjectEnc?.toString('base64') ?? null,
    e.subjectCount,
    e.fields,
    e.dossierCode,
    e.procedureCode,
    e.result,
    e.userAgent,
    e.extra,
    e.flags,
  ]);
}

/**
 * SHA-256 of an event's canonical text, as a 32-character latin1 string (one character per byte): the writer
 * hashes thousands of events per batch, and a string costs a fraction of a Buffer to make.
 */
export const sha256Latin1 = (text: string): string => hash('sha256', text, 'binary');

/** SHA-256 of the canonical form of one stored event (the current form unless the batch says otherwise). */
export function eventHash(e: StoredEventRecord, form: CanonicalForm = CANONICAL_FORM): Buffer {
  return Buffer.from(sha256Latin1(form === 1 ? canonicalEventV1(e) : canonicalEvent(e)), 'latin1');
}
