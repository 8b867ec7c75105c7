import type { RaiseAlertInput } from '@app/alerts';
import { startOfLocalDay } from '../calendar/local-day.util';
import { daysWindow, dossierShares, severityWithDossiers } from '../scan/finding-evidence.util';
import type { OffHoursDay, OffHoursJudgement } from './off-hours-rules.util';
import type { OffHoursSettings } from './off-hours-settings.util';

export const OFF_HOURS = 'off_hours';

/** An account's off-hours episode: the days from the first window that fired to the latest day judged. */
export interface OffHoursFinding {
  accountId: string;
  unitCode: string | null;
  /** The first day whose window fired: the episode's key. */
  episodeStart: string;
  /** Every off-hours day of the episode, oldest first. */
  days: OffHoursDay[];
  /** The latest day's window. */
  judgement: OffHoursJudgement;
}

/** The off-hours lookups of the reported days, read from the store: their dossiers and the first few. */
export interface OffHoursEvents {
  lookups: number;
  withDossier: number;
  ownUnitDossier: number;
  sampleEventIds: string[];
  firstAt: Date | null;
}

const count = (days: OffHoursDay[], kind: OffHoursDay['kind']) => days.filter((d) => d.kind === kind).length;

/**
 * The episode as one alert, keyed by account and first day (a later day of the same episode updates it). Score
 * and severity from the weighted lookups of the latest window over its threshold, one step higher when the
 * off-hours lookups mostly name no dossier.
 */
export function offHoursAlert(f: OffHoursFinding, events: OffHoursEvents, s: OffHoursSettings): RaiseAlertInput {
  const shares = dossierShares(events.lookups, events.withDossier, events.ownUnitDossier);
  const j = f.judgement;
  const severity = severityWithDossiers(j.score, s.severity, shares.withoutDossierShare, s.unexplainedShare);
  const first = f.days[0].day;
  const last = f.days[f.days.length - 1].day;
  return {
    type: OFF_HOURS,
    severity,
    score: j.score,
    accountId: f.accountId,
    unitCode: f.unitCode,
    occurredAt: events.firstAt ?? startOfLocalDay(first),
    ...daysWindow(first, last),
    dedupKey: `${OFF_HOURS}:${f.accountId}:${f.episodeStart}`,
    evidence: {
      rule:
        'within windowDays, at least minDays days with minDayLookups or more lookups entirely outside the unit\'s hours (widened by graceMinutes on a working day; ' +
        'all day on a day it is closed) and more than max(floor, multiple * max(habit, peers)) such lookups',
      parameters: s,
      from: first,
      to: last,
      observed: {
        lookups: f.days.reduce((n, d) => n + d.lookups, 0),
        days: f.days.length,
        nights: count(f.days, 'night'),
        outsideHours: count(f.days, 'outside_hours'),
        sundays: count(f.days, 'sunday'),
        saturdays: count(f.days, 'saturday'),
        closedDays: count(f.days, 'closed_day'),
        holidays: count(f.days, 'holiday'),
        holidayNames: [...new Set(f.days.map((d) => d.holiday).filter(Boolean))],
      },
      window: { from: j.days[0].day, to: j.days[j.days.length - 1].day, lookups: j.lookups, days: j.days.length, weighted: j.weighted },
      expected: { habit: j.habit, peers: j.peers?.median ?? null, threshold: j.threshold },
      habit: { weeks: j.habitWeeks, minHistoryWeeks: s.minHistoryWeeks, judged: j.habit !== null },
      peers: j.peers ? { group: 'unit', unitCode: f.unitCode, count: j.peers.count, median: j.peers.median } : null,
      days: f.days.map((d) => ({ day: d.day, lookups: d.lookups, kind: d.kind, ...(d.holiday ? { holiday: d.holiday } : {}) })),
      offHoursLookups: events.lookups,
      ...shares,
      sampleEventIds: events.sampleEventIds,
    },
  };
}
