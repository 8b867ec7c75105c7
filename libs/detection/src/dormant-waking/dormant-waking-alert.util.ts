import type { RaiseAlertInput } from '@app/alerts';
import { startOfLocalDay } from '../calendar/local-day.util';
import { daysWindow, dossierShares, severityWithDossiers } from '../scan/finding-evidence.util';
import type { Waking, WakingJudgement } from './dormant-waking-rules.util';
import type { DormantWakingSettings } from './dormant-waking-settings.util';

export const DORMANT_WAKING = 'dormant_waking';

export interface DormantWakingFinding {
  accountId: string;
  unitCode: string | null;
  waking: Waking;
  judgement: WakingJudgement;
  firstAt: Date | null;
}

/** The waking as one alert, keyed by account and wake day: its later days update it. */
export function dormantWakingAlert(f: DormantWakingFinding, sampleEventIds: string[], s: DormantWakingSettings): RaiseAlertInput {
  const j = f.judgement;
  const withDossier = j.days.reduce((n, d) => n + d.withDossier, 0);
  const ownUnit = j.days.reduce((n, d) => n + d.ownUnitDossier, 0);
  const shares = dossierShares(j.lookups, withDossier, ownUnit);
  const severity = severityWithDossiers(j.score, s.severity, shares.withoutDossierShare, s.unexplainedShare);
  const last = j.days[j.days.length - 1].day;
  return {
    type: DORMANT_WAKING,
    severity,
    score: j.score,
    accountId: f.accountId,
    unitCode: f.unitCode,
    occurredAt: f.firstAt ?? startOfLocalDay(f.waking.wake),
    ...daysWindow(f.waking.wake, last),
    dedupKey: `${DORMANT_WAKING}:${f.accountId}:${f.waking.wake}`,
    evidence: {
      rule: 'no lookup for silentDays or more (observed: the account existed and the data covers the silence), then a day with minLookups or more within wakeWindowDays of the first lookup after it',
      parameters: s,
      wake: f.waking.wake,
      silentSince: f.waking.silentSince,
      previousLookupDay: f.waking.previous,
      silentDays: f.waking.silentDays,
      observed: { days: j.days.length, lookups: j.lookups, busiestDay: j.busiest },
      expected: { former: j.former, threshold: Math.max(s.minLookups, j.former ?? 0) },
      days: j.days.map((d) => ({ day: d.day, lookups: d.lookups })),
      ...shares,
      sampleEventIds,
    },
  };
}
