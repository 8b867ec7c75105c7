import type { RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, startOfLocalDay } from '../calendar/local-day.util';
import { daysWindow, dossierShares, severityWithDossiers } from '../scan/finding-evidence.util';
import type { AccountDayVolume } from '../volume/volume.repository';
import type { GrowthVerdict } from './gradual-growth-window.util';
import type { GradualGrowthSettings } from './gradual-growth-settings.util';

export const GRADUAL_GROWTH = 'gradual_growth';

export interface GradualGrowthFinding {
  accountId: string;
  unitCode: string | null;
  /** The latest day of the episode so far (the window's end). */
  day: LocalDay;
  /** Its day of the highest ratio so far: the evidence's figures. */
  strongest: LocalDay;
  /** The first day of the episode (its key). */
  episodeStart: LocalDay;
  verdict: GrowthVerdict;
  /** The recent period's days (its lookups' dossiers are the evidence's shares). */
  recentRows: AccountDayVolume[];
}

/** The episode as one alert, from the recent period of its first day to the latest day: later days update it. */
export function gradualGrowthAlert(f: GradualGrowthFinding, sampleEventIds: string[], s: GradualGrowthSettings): RaiseAlertInput {
  const j = f.verdict.judgement;
  const lookups = f.recentRows.reduce((n, r) => n + r.lookups, 0);
  const shares = dossierShares(
    lookups,
    f.recentRows.reduce((n, r) => n + r.withDossier, 0),
    f.recentRows.reduce((n, r) => n + r.ownUnitDossier, 0),
  );
  const severity = severityWithDossiers(j.ratio, s.severity, shares.withoutDossierShare, s.unexplainedShare);
  const from = addDays(f.episodeStart, 1 - s.blockDays);
  const span = s.blocks * s.blockDays;
  return {
    type: GRADUAL_GROWTH,
    severity,
    score: j.ratio,
    accountId: f.accountId,
    unitCode: f.unitCode,
    occurredAt: f.recentRows[0]?.firstAt ?? startOfLocalDay(from),
    ...daysWindow(from, f.day),
    dedupKey: `${GRADUAL_GROWTH}:${f.accountId}:${f.episodeStart}`,
    evidence: {
      rule:
        'over blocks of blockDays, the median lookups of the recent block\'s working days >= growth x the earlier blocks\' median and minIncrease more a day, ' +
        'with at least minRisingSteps rises of stepShare of the whole rise from one block\'s median to the next; not when the unit\'s other people rose by unitRiseFactor too',
      parameters: s,
      day: f.strongest,
      since: f.episodeStart,
      latestDay: f.day,
      from: addDays(f.strongest, 1 - span),
      blocks: j.blockMedians.map((median, b) => ({ from: addDays(f.strongest, 1 - span + b * s.blockDays), to: addDays(f.strongest, (b + 1) * s.blockDays - span), median })),
      risingSteps: j.risingSteps,
      observed: { recentMedian: j.recent, ratio: j.ratio, increase: j.increase, trendPerWeek: j.trendPerWeek },
      expected: { earlierMedian: j.earlier, threshold: Math.max(s.growth * j.earlier, j.earlier + s.minIncrease) },
      unit: f.verdict.unit ? { unitCode: f.unitCode, ...f.verdict.unit, unitRiseFactor: s.unitRiseFactor } : null,
      recentLookups: lookups,
      ...shares,
      sampleEventIds,
    },
  };
}
