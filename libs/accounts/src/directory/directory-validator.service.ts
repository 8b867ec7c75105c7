import { Injectable } from '@nestjs/common';
import Ajv2020, { ErrorObject, ValidateFunction } from 'ajv/dist/2020';
import { Clock, ErrorDetail } from '@app/common';
import { AppConfig, InjectConfig } from '@app/config';
import { ACCOUNT_DIRECTORY_V1_SCHEMA } from '@app/contracts';
import { maskPersonalIdsDeep } from '@app/ingestion';
import { DirectoryFormat, parseDirectory } from './directory-parser.util';
import { DIRECTORY_FIELDS, DirectoryEntry } from './directory-entry.type';

export type DirectoryValidation =
  { ok: true; entry: DirectoryEntry } | { ok: false; field: string | null; message: string };

const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/;
const KNOWN = new Set<string>(['accountId', ...DIRECTORY_FIELDS]);

/** The directory's instants that the idle count starts from: a future one would postpone the lock at will. */
const PAST_INSTANTS = ['lastLoginAt', 'createdAt'] as const;

/**
 * Validates directory entries with the contract's own JSON Schema (account-directory.v1), compiled once, and
 * refuses a sign-in or creation later than now (plus INGEST_FUTURE_SKEW, for clocks a little ahead).
 */
@Injectable()
export class DirectoryValidator {
  private readonly v1: ValidateFunction;

  constructor(
    private readonly clock: Clock,
    @InjectConfig() private readonly config: AppConfig,
  ) {
    const ajv = new Ajv2020({ allErrors: false, strict: true, strictTypes: false });
    ajv.addFormat('date-time', {
      type: 'string',
      validate: (v: string) => RFC3339.test(v) && Number.isFinite(Date.parse(v)),
    });
    this.v1 = ajv.compile(ACCOUNT_DIRECTORY_V1_SCHEMA);
  }

  validate(value: unknown): DirectoryValidation {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return { ok: false, field: null, message: 'the record must be an object with the directory fields' };
    }
    if (!this.v1(value)) return describe(this.v1.errors ?? []);
    const entry = toEntry(value as Record<string, unknown>);
    const latest = this.clock.now().getTime() + this.config.ingest.futureSkew * 1000;
    const future = PAST_INSTANTS.find((field) => entry[field] !== null && Date.parse(entry[field]!) > latest);
    if (future) {
      return {
        ok: false,
        field: future,
        message: `${future}: ${entry[future]} is in the future; the directory can only tell a time that has passed (check the TTHC system's clock)`,
      };
    }
    return { ok: true, entry };
  }

  /**
   * Parses and validates a whole export: the valid entries (an account repeated keeps its first line), and each
   * rejected record with its line, field and reason. rejectedIds: accounts named by rejected records, which a
   * full sync must not take for absent.
   */
  readExport(body: unknown, format: DirectoryFormat) {
    const parsed = parseDirectory(body, format);
    const rejected: ErrorDetail[] = parsed.errors.map((e) => ({ line: e.line, message: e.message }));
    const rejectedIds: string[] = [];
    const firstLine = new Map<string, number>();
    const entries: DirectoryEntry[] = [];
    for (const record of parsed.records) {
      const validation = this.validate(record.value);
      if (!validation.ok) {
        rejected.push({
          line: record.line,
          field: validation.field ?? undefined,
          message: validation.message,
        });
        const id = (record.value as { accountId?: unknown } | null)?.accountId;
        if (typeof id === 'string') rejectedIds.push(id);
        continue;
      }
      const seen = firstLine.get(validation.entry.accountId);
      if (seen !== undefined) {
        rejected.push({
          line: record.line,
          field: 'accountId',
          message: `accountId: repeats the account of line ${seen}`,
        });
        continue;
      }
      firstLine.set(validation.entry.accountId, record.line);
      entries.push(validation.entry);
    }
    rejected.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
    return { entries, rejected, rejectedIds, received: parsed.records.length + parsed.errors.length };
  }
}

function describe(errors: ErrorObject[]): DirectoryValidation {
  const error = errors[0];
  if (!error) return { ok: false, field: null, message: 'not a valid directory entry' };
  if (error.keyword === 'required') {
    const field = (error.params as { missingProperty: string }).missingProperty;
    return { ok: false, field, message: `${field}: is required` };
  }
  const field = error.instancePath.replace(/^\//, '').replace(/\//g, '.') || null;
  const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
  const problem = allowed
    ? `must be one of ${allowed.filter((v) => v !== null).join(', ')}`
    : (error.message ?? 'is not valid');
  return { ok: false, field, message: `${field ?? 'record'}: ${problem}` };
}

const text = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);
const instant = (v: unknown): string | null => (typeof v === 'string' ? new Date(v).toISOString() : null);

function toEntry(v: Record<string, unknown>): DirectoryEntry {
  const extraEntries = Object.entries(v).filter(([key]) => !KNOWN.has(key));
  return {
    accountId: v.accountId as string,
    fullName: text(v.fullName),
    unitCode: v.unitCode as string,
    unitName: text(v.unitName),
    role: text(v.role),
    accountType: v.accountType === 'service' ? 'service' : 'person',
    status: v.status as DirectoryEntry['status'],
    email: text(v.email),
    createdAt: instant(v.createdAt),
    lastLoginAt: instant(v.lastLoginAt),
    // Officials' ID numbers in extra columns (cccd, …) are personal data: masked before they are kept or shown.
    extra: extraEntries.length ? maskPersonalIdsDeep(Object.fromEntries(extraEntries)) : null,
  };
}
