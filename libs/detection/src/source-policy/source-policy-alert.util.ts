import type { RaiseAlertInput } from '@app/alerts';
import { FIELD_CATALOG_V1 } from '@app/contracts';
import { addDays, startOfLocalDay } from '../calendar/local-day.util';
import type { FlaggedDay } from './source-policy.repository';

export const UNREGISTERED_SOURCE_SYSTEM = 'unregistered_source_system';
export const UNDECLARED_FIELDS = 'undeclared_fields';

export interface SourcePolicySettings {
  /** A system's day with fewer flagged events than this is not raised. */
  minEvents: number;
}

const SENSITIVE = new Set(FIELD_CATALOG_V1.fields.filter((f) => f.class === 'sensitive').map((f) => f.code));
const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

function common(d: FlaggedDay, type: string) {
  return {
    score: d.events,
    accountIds: [],
    // One unit's events: that unit; several units behind one system: the system is the finding, not a unit.
    unitCode: d.unitCodes.length === 1 ? d.unitCodes[0] : null,
    sourceSystems: [d.sourceSystem],
    occurredAt: d.firstAt,
    windowStart: startOfLocalDay(d.day),
    windowEnd: startOfLocalDay(addDays(d.day, 1)),
    dedupKey: `${type}:${d.sourceSystem}:${d.day}`,
  };
}

function observed(d: FlaggedDay) {
  return {
    sourceSystem: d.sourceSystem,
    day: d.day,
    events: d.events,
    firstAt: d.firstAt,
    lastAt: d.lastAt,
    accounts: d.accounts,
    sampleAccountIds: d.sampleAccountIds,
    unitCodes: d.unitCodes,
    withDossierShare: share(d.withDossier, d.events),
    sampleEventIds: d.sampleEventIds,
  };
}

/**
 * Events of a system nobody registered: citizens' data went to a system with no registration, hence no recorded
 * legal basis, operator or contact. High: not yet proof of misuse (a new system connected before its papers), but
 * nobody answers for it until it is registered or cut off. About the system, not its accounts (accountIds empty).
 */
export function unregisteredSourceAlert(d: FlaggedDay, s: SourcePolicySettings): RaiseAlertInput {
  return {
    type: UNREGISTERED_SOURCE_SYSTEM,
    severity: 'high',
    ...common(d, UNREGISTERED_SOURCE_SYSTEM),
    evidence: {
      rule: 'events stored with a sourceSystem that is not in the source-system registry, per system and local day',
      parameters: s,
      ...observed(d),
    },
  };
}

/**
 * Events that returned fields outside the system's declared set: the system received more than it was approved
 * for. Medium; high when a field is of the field catalog's sensitive class (religion, criminal record, biometrics).
 * Null when the declaration now covers every field (it was widened since): nothing is outside it any more.
 */
export function undeclaredFieldsAlert(d: FlaggedDay, undeclared: string[], s: SourcePolicySettings): RaiseAlertInput | null {
  if (!undeclared.length) return null;
  const fields = undeclared.sort().map((field) => ({ field, events: d.fields.get(field) ?? 0, sensitive: SENSITIVE.has(field) }));
  return {
    type: UNDECLARED_FIELDS,
    severity: fields.some((f) => f.sensitive) ? 'high' : 'medium',
    ...common(d, UNDECLARED_FIELDS),
    evidence: {
      rule: "events that returned fields outside the source system's declared fields, per system and local day",
      parameters: s,
      ...observed(d),
      fields,
      sensitiveFields: fields.filter((f) => f.sensitive).map((f) => f.field),
    },
  };
}
