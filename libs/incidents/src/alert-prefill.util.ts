import type { Alert } from '@app/alerts';

/** What an incident takes from the alerts it is opened from. */
export interface AlertPrefill {
  accounts: string[];
  units: string[];
  fields: string[];
  subjectsAffected: number | null;
  recordsAffected: number | null;
  occurredFrom: Date | null;
  occurredTo: Date | null;
}

const SUBJECT_PATHS = ['subjects', 'distinctSubjects', 'observed.subjects', 'exportedSubjects'];
const RECORD_PATHS = ['rows', 'exportedRows', 'observed.rows', 'lookups', 'observed.lookups'];
const FIELD_PATHS = ['fields', 'sensitiveFields', 'undeclaredFields'];

const at = (e: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), e);

function firstNumber(e: unknown, paths: string[]): number | null {
  for (const p of paths) {
    const v = at(e, p);
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) return Math.round(v);
  }
  return null;
}

/** Field codes named by the evidence, as a list or as the keys of per-field counts. */
function fieldsOf(e: unknown): string[] {
  const out: string[] = [];
  for (const p of FIELD_PATHS) {
    const v = at(e, p);
    if (Array.isArray(v)) out.push(...v.filter((f): f is string => typeof f === 'string'));
    else if (v && typeof v === 'object') out.push(...Object.keys(v));
  }
  return out;
}

const sum = (values: (number | null)[]): number | null =>
  values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
const unique = (values: string[]) => [...new Set(values)].sort();

/**
 * The accounts, units, fields, counts and period of the alerts' evidence. The counts are summed over alerts (an
 * upper bound when they overlap: the admin corrects them), and only where the evidence carries them.
 */
export function prefillFromAlerts(alerts: Alert[]): AlertPrefill {
  return {
    accounts: unique(alerts.flatMap((a) => a.accountIds)),
    units: unique(alerts.flatMap((a) => (a.unitCode ? [a.unitCode] : []))),
    fields: unique(alerts.flatMap((a) => fieldsOf(a.evidence))),
    subjectsAffected: sum(alerts.map((a) => firstNumber(a.evidence, SUBJECT_PATHS))),
    recordsAffected: sum(alerts.map((a) => firstNumber(a.evidence, RECORD_PATHS))),
    occurredFrom: alerts.length ? new Date(Math.min(...alerts.map((a) => a.windowStart.getTime()))) : null,
    occurredTo: alerts.length ? new Date(Math.max(...alerts.map((a) => a.windowEnd.getTime()))) : null,
  };
}
