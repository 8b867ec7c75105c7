import { Injectable } from '@nestjs/common';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { findUnstorableText } from '@app/common';
import { QUERY_LOG_EVENT_V1_SCHEMA, QueryLogEventV1 } from '@app/contracts';
import { RejectionReason } from './rejection-reason.constant';

export type Validation =
  /** occurredAt: the event's time, parsed once here (the store needs it as a Date). */
  | { ok: true; event: QueryLogEventV1; occurredAt: Date }
  | { ok: false; reason: RejectionReason; field: string | null; message: string };

/** RFC 3339 date-time with a mandatory offset ("Z" or ±hh:mm). */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** ...and a real calendar time: no 30 February, no leap second (JavaScript dates cannot hold it). Runs per event. */
function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const y = +m[1];
  const mo = +m[2];
  const d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS_IN_MONTH[mo - 1] + (leap ? 1 : 0)) return false;
  return +m[4] < 24 && +m[5] < 60 && +m[6] < 60 && (m[7] === undefined || (+m[7] < 24 && +m[8] < 60));
}

const SUPPORTED_VERSIONS = [1];

/**
 * Validates gateway events against the contract's own JSON Schema, compiled once and shared by Kafka, HTTP
 * and file ingest. Messages name the field and the problem, never the value (it may be a personal ID).
 */
@Injectable()
export class EventValidator {
  private readonly v1: ValidateFunction<QueryLogEventV1>;

  constructor() {
    const ajv = new Ajv2020({ allErrors: false, strict: true, strictTypes: false });
    addFormats(ajv, ['ipv4', 'ipv6']);
    // ajv-formats' date-time also takes a space separator and 23:59:60; the contract wants strict RFC 3339.
    ajv.addFormat('date-time', { type: 'string', validate: isRfc3339 });
    this.v1 = ajv.compile<QueryLogEventV1>(QUERY_LOG_EVENT_V1_SCHEMA);
  }

  /** Parses one record's text, then validates it. */
  parseAndValidate(text: string): Validation {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const detail = (error as Error).message.replace(/\d/g, '#');
      return { ok: false, reason: RejectionReason.INVALID_JSON, field: null, message: `not valid JSON (${detail})` };
    }
    // Only an escape (\u0000, \ud800) can put such characters in parsed text: skip the walk otherwise.
    return this.validate(value, text.includes('\\u'));
  }

  /** checkText: look for text PostgreSQL cannot store (always, unless the caller knows there is none). */
  validate(value: unknown, checkText = true): Validation {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return this.violation(null, 'the record must be a JSON object');
    }
    const version = (value as { schemaVersion?: unknown }).schemaVersion;
    if (typeof version === 'number' && !SUPPORTED_VERSIONS.includes(version)) {
      return {
        ok: false,
        reason: RejectionReason.UNSUPPORTED_SCHEMA_VERSION,
        field: 'schemaVersion',
        message: `schemaVersion: version ${Number.isSafeInteger(version) ? version : '?'} is not supported (supported: ${SUPPORTED_VERSIONS.join(', ')})`,
      };
    }
    if (checkText && findUnstorableText(value) !== null) {
      return {
        ok: false,
        reason: RejectionReason.UNSTORABLE_TEXT,
        field: null,
        message: 'a text value holds a NUL character (\\u0000) or an unpaired UTF-16 surrogate, which cannot be stored unaltered',
      };
    }
    if (this.v1(value)) return storable(value);
    const [field, problem] = describe(this.v1.errors ?? []);
    return this.violation(field, `${field ?? 'record'}: ${problem}`);
  }

  private violation(field: string | null, message: string): Validation {
    return { ok: false, reason: RejectionReason.SCHEMA_VIOLATION, field, message };
  }
}

/** PostgreSQL integer, the subject_count column. */
const MAX_INT4 = 2_147_483_647;
/** The store writes times as ISO-8601 UTC: years 0001–9999 (beyond, JavaScript writes "+010000-…"). */
const MIN_TIME_MS = Date.parse('0001-01-01T00:00:00Z');
const MAX_TIME_MS = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * A contract-valid event whose values the columns cannot hold is rejected here, by field: otherwise the whole
 * batch's COPY would fail, and be retried for ever (a Kafka partition would stop).
 */
function storable(event: QueryLogEventV1): Validation {
  const unstorable = (field: string, message: string): Validation => ({
    ok: false,
    reason: RejectionReason.UNSTORABLE_VALUE,
    field,
    message: `${field}: ${message}`,
  });
  if (typeof event.subjectCount === 'number' && event.subjectCount > MAX_INT4) {
    return unstorable('subjectCount', `must be at most ${MAX_INT4}`);
  }
  const occurredAt = new Date(event.occurredAt);
  const at = occurredAt.getTime();
  if (!(at >= MIN_TIME_MS && at <= MAX_TIME_MS)) {
    return unstorable('occurredAt', 'must fall within the years 0001–9999 (UTC)');
  }
  return { ok: true, event, occurredAt };
}

/** The field ("fields[2]") and an operator-readable problem for ajv's most telling error. */
function describe(errors: ErrorObject[]): [string | null, string] {
  const error = errors.find((e) => e.keyword === 'anyOf') ?? errors.find((e) => e.keyword !== 'if') ?? errors[0];
  if (!error) return [null, 'does not match the contract'];
  const path = error.instancePath
    .split('/')
    .slice(1)
    .map((p, i) => (/^\d+$/.test(p) ? `[${p}]` : i ? `.${p}` : p))
    .join('');
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required') {
    const field = [path, String(params.missingProperty)].filter(Boolean).join('.');
    return [field, `is required${conditionOf(error.schemaPath)}`];
  }
  return [path || null, problemOf(error, path) + conditionOf(error.schemaPath)];
}

function conditionOf(schemaPath: string): string {
  if (schemaPath.startsWith('#/allOf/0/then')) return ' when action is lookup or verify';
  if (schemaPath.startsWith('#/allOf/1/then')) return ' when action is export';
  return '';
}

function problemOf(error: ErrorObject, path: string): string {
  const p = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return path === 'subjectId' ? 'must be 12 digits' : `must be ${String(p.type).split(',').join(' or ')}`;
    case 'pattern':
      return path === 'subjectId' ? 'must be 12 digits' : `must match ${String(p.pattern)}`;
    case 'format':
      return p.format === 'date-time'
        ? 'must be an RFC 3339 date-time with an explicit offset, e.g. 2026-11-20T08:15:23.120+07:00'
        : `must be a valid ${String(p.format)}`;
    case 'anyOf':
      return path === 'clientIp' ? 'must be an IPv4 or IPv6 address' : 'does not match any allowed form';
    case 'enum':
      return `must be one of ${(p.allowedValues as unknown[]).join(', ')}`;
    case 'const':
      return `must be ${JSON.stringify(p.allowedValue)}`;
    case 'minLength':
      return p.limit === 1 ? 'must not be empty' : `must be at least ${String(p.limit)} characters`;
    case 'maxLength':
      return `must be at most ${String(p.limit)} characters`;
    case 'minimum':
      return `must be at least ${String(p.limit)}`;
    case 'uniqueItems':
      return `must not repeat an item (items ${String(p.j)} and ${String(p.i)} are the same)`;
    default:
      return `breaks the contract (${error.keyword})`;
  }
}
