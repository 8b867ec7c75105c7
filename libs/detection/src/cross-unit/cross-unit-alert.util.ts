import type { RaiseAlertInput } from '@app/alerts';
import { localDay } from '../calendar/local-day.util';
import type { CrossUnitFinding } from './cross-unit-rules.util';
import type { CrossUnitSettings } from './cross-unit-settings.util';

export const CROSS_UNIT_CITIZEN = 'cross_unit_citizen';
/** Enough of the keyed hash for a reviewer to find the citizen's lookups in search; the ID itself is never shown. */
const SUBJECT_PREFIX_HEX = 12;
const SAMPLE_EVENTS = 5;

/**
 * The alert of one citizen's day, about every account of the episode. Keyed by a prefix of the citizen's hash and
 * the local day, so the stream's passes and the day scan update one alert (its accounts widen as more look).
 * High; critical when twice the accounts needed looked within one window.
 */
export function crossUnitAlert(f: CrossUnitFinding, s: CrossUnitSettings): RaiseAlertInput {
  const day = localDay(f.firstAt);
  const sourceSystems = [...new Set(f.lookups.map((l) => l.sourceSystem))].sort();
  return {
    type: CROSS_UNIT_CITIZEN,
    severity: f.peakAccounts >= 2 * s.minAccounts ? 'critical' : 'high',
    score: Math.round((f.peakAccounts / s.minAccounts) * 100) / 100,
    accountIds: f.accounts.map((a) => a.accountId),
    unitCode: null,
    sourceSystems,
    occurredAt: f.firstAt,
    windowStart: f.firstAt,
    windowEnd: f.lastAt,
    dedupKey: `${CROSS_UNIT_CITIZEN}:${f.subjectHash.slice(0, 2 * SUBJECT_PREFIX_HEX)}:${day}`,
    evidence: {
      rule: CROSS_UNIT_CITIZEN,
      day,
      subjectHashPrefix: f.subjectHash.slice(0, SUBJECT_PREFIX_HEX),
      observed: {
        accounts: f.accounts.length,
        units: f.units.length,
        lookups: f.lookups.length,
        peakWindowAccounts: f.peakAccounts,
        firstAt: f.firstAt.toISOString(),
        lastAt: f.lastAt.toISOString(),
        minutes: Math.round((f.lastAt.getTime() - f.firstAt.getTime()) / 60_000),
      },
      expected: { minAccounts: s.minAccounts, minUnits: s.minUnits, windowMinutes: s.windowMinutes },
      accounts: f.accounts.map((a) => ({ ...a, firstAt: a.firstAt.toISOString() })),
      units: f.units,
      parameters: s,
      // By the rule, none of the episode's lookups names a dossier (its own unit's or another's).
      withDossierShare: 0,
      ownUnitDossierShare: 0,
      sampleEventIds: f.lookups.slice(0, SAMPLE_EVENTS).map((l) => l.eventId),
      sourceSystems,
    },
  };
}
