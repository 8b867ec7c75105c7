import { ALERT_SEVERITIES, AlertSeverity } from '@app/alerts';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import { severityOf } from '../volume/volume-rules.util';
import type { SeverityBands } from '../volume/volume-settings.util';

/** part / whole to three decimals; null when there is no whole. */
export const shareOf = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** The alert window of a run of local days: 00:00 of the first to 00:00 after the last, in Vietnam. */
export const daysWindow = (first: LocalDay, last: LocalDay) => ({ windowStart: startOfLocalDay(first), windowEnd: startOfLocalDay(addDays(last, 1)) });

/** One severity step up (critical stays critical). */
export function stepUp(severity: AlertSeverity): AlertSeverity {
  return ALERT_SEVERITIES[Math.min(ALERT_SEVERITIES.length - 1, ALERT_SEVERITIES.indexOf(severity) + 1)];
}

/** The severity of a score by its bands, one step higher when at least unexplainedShare of the lookups name no dossier. */
export function severityWithDossiers(score: number, bands: SeverityBands, withoutDossierShare: number | null, unexplainedShare: number): AlertSeverity {
  const base = severityOf(score, bands);
  return (withoutDossierShare ?? 0) >= unexplainedShare ? stepUp(base) : base;
}

/** The dossier shares every alert states, of a set of lookups: naming a dossier, one of the account's unit, none. */
export function dossierShares(lookups: number, withDossier: number, ownUnitDossier: number) {
  return {
    withDossierShare: shareOf(withDossier, lookups),
    ownUnitDossierShare: shareOf(ownUnitDossier, lookups),
    withoutDossierShare: shareOf(lookups - withDossier, lookups),
  };
}

/** Keeps the last input per dedupKey: a run of days updating one alert is raised once per scan block. */
export function lastPerKey<T extends { dedupKey?: string }>(inputs: readonly T[]): T[] {
  return [...new Map(inputs.map((i, n) => [i.dedupKey ?? `#${n}`, i])).values()];
}
