import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_DIR } from '@app/config';
import { FIELD_CATALOG_V1 } from '@app/contracts';

export const PROCEDURES_FILE = 'procedures.json';
/** Injection token of the parsed file. */
export const PROCEDURE_CATALOG_CONFIG = Symbol('PROCEDURE_CATALOG_CONFIG');
/** A procedure code (mã TTHC, e.g. 1.001612): what events carry in procedureCode. */
export const PROCEDURE_CODE_PATTERN = /^[0-9A-Za-z._-]{1,64}$/;

export interface ProcedureEntry {
  name: string;
  /** Field-catalog codes a lookup for this procedure may return. */
  fields: string[];
}

/** How the profile of a procedure the catalog is silent on is learned from the province's own lookups. */
export interface LearnedProfileSettings {
  /** A field is in the profile when at least this share of the procedure's lookups returned it. */
  minShare: number;
  /** Over the lookups of the last this many days. */
  days: number;
  /** Fewer lookups of the procedure in those days and no profile is made (its fields are not judged). */
  minLookups: number;
}

/** config/procedures.json: procedure code → what it needs, and how profiles are learned. */
export interface ProcedureCatalogConfig {
  procedures: ReadonlyMap<string, ProcedureEntry>;
  learnedProfile: LearnedProfileSettings;
}

const FIELD_CODES = new Set(FIELD_CATALOG_V1.fields.map((f) => f.code));

/** The problems of one entry ("fields: \"religon\" is not a field of the field catalog"), none when it is right. */
export function procedureEntryProblems(code: string, entry: unknown): string[] {
  if (!PROCEDURE_CODE_PATTERN.test(code)) return ['code: 1-64 letters, digits, . _ -'];
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return ['must be an object { name, fields }'];
  const { name, fields, ...rest } = entry as Record<string, unknown>;
  const problems: string[] = Object.keys(rest)
    .filter((k) => !k.startsWith('$'))
    .map((k) => `${k}: not a key of a procedure (name, fields)`);
  if (typeof name !== 'string' || !name.trim()) problems.push('name: must be a non-empty string');
  if (!Array.isArray(fields) || !fields.length) problems.push('fields: must be a non-empty list of field codes');
  else {
    const seen = new Set<string>();
    for (const f of fields) {
      if (typeof f !== 'string' || !FIELD_CODES.has(f)) problems.push(`fields: ${JSON.stringify(f)} is not a field of the field catalog`);
      else if (seen.has(f)) problems.push(`fields: ${f} is listed twice`);
      seen.add(String(f));
    }
  }
  return problems;
}

/** Reads and checks config/procedures.json; a mistake stops the start with the file, the key and the problem. */
export function loadProcedureCatalogConfig(file = join(CONFIG_DIR, PROCEDURES_FILE)): ProcedureCatalogConfig {
  const raw = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown; procedures?: unknown; learnedProfile?: Record<string, unknown> };
  const problems: string[] = [];
  if (raw.version !== 1) problems.push('version: must be 1');
  const learned = raw.learnedProfile ?? {};
  const number = (key: keyof LearnedProfileSettings, min: number, max: number): number => {
    const v = learned[key];
    if (typeof v !== 'number' || !(v >= min && v <= max)) problems.push(`learnedProfile.${key}: must be a number from ${min} to ${max}`);
    return v as number;
  };
  const learnedProfile = { minShare: number('minShare', 0, 1), days: number('days', 1, 366), minLookups: number('minLookups', 1, 1e9) };
  for (const key of Object.keys(learned)) if (!key.startsWith('$') && !(key in learnedProfile)) problems.push(`learnedProfile.${key}: not a setting`);
  const procedures = raw.procedures;
  if (!procedures || typeof procedures !== 'object' || Array.isArray(procedures)) problems.push('procedures: must be an object of procedure code → { name, fields }');
  const out = new Map<string, ProcedureEntry>();
  for (const [code, entry] of Object.entries((procedures as Record<string, unknown>) ?? {})) {
    if (code.startsWith('$')) continue;
    const found = procedureEntryProblems(code, entry);
    problems.push(...found.map((p) => `procedures.${code}.${p}`));
    if (!found.length) {
      const e = entry as ProcedureEntry;
      out.set(code, { name: e.name.trim(), fields: [...e.fields] });
    }
  }
  if (problems.length) throw new Error(`${file}: ${problems.join('; ')}`);
  return { procedures: out, learnedProfile };
}
