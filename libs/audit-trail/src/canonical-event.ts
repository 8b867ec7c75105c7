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
  /** HMAC-SHA-256 of the personal ID under key subjectKeyId; null when the event names no citizen. */
  subjectHash: Buffer | null;
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
}

/** JSON with object keys sorted at every depth: one text for one value. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** JSON text of a value; an absent optional value is null, as canonicalJson has it. */
const json = (v: unknown): string => (v === undefined ? 'null' : JSON.stringify(v));
const nullableHex = (b: Buffer | null): string => (b === null ? 'null' : `"${b.toString('hex')}"`);
const nullableBase64 = (b: Buffer | null): string => (b === null ? 'null' : `"${b.toString('base64')}"`);

/**
 * The canonical form: canonicalJson of [1 (form version), eventId, occurredAt ISO, accountId, unitCode, clientIp,
 * sourceSystem, action, subjectHash hex, subjectKeyId, subjectEnc base64, subjectCount, fields, dossierCode,
 * procedureCode, result, userAgent, extra, flags]. Built directly rather than through canonicalJson because it runs
 * for every stored event (a spec checks both give the same text).
 */
export function canonicalEvent(e: StoredEventRecord): string {
  return (
    `[1,${json(e.eventId)},"${e.occurredAt.toISOString()}",${json(e.accountId)},${json(e.unitCode)},` +
    `${json(e.clientIp)},${json(e.sourceSystem)},${json(e.action)},${nullableHex(e.subjectHash)},` +
    `${json(e.subjectKeyId)},${nullableBase64(e.subjectEnc)},${json(e.subjectCount)},${json(e.fields)},` +
    `${json(e.dossierCode)},${json(e.procedureCode)},${json(e.result)},${json(e.userAgent)},` +
    `${e.extra === null ? 'null' : canonicalJson(e.extra)},${json(e.flags)}]`
  );
}

/** The canonical form built the slow, obviously right way: the reference canonicalEvent is checked against. */
export function canonicalEventReference(e: StoredEventRecord): string {
  return canonicalJson([
    1,
    e.eventId,
    e.occurredAt.toISOString(),
    e.accountId,
    e.unitCode,
    e.clientIp,
    e.sourceSystem,
    e.action,
    e.subjectHash?.toString('hex') ?? null,
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

/** SHA-256 of the canonical form of one stored event. */
export function eventHash(e: StoredEventRecord): Buffer {
  return hash('sha256', canonicalEvent(e), 'buffer') as unknown as Buffer;
}
