import type { RaiseAlertInput } from '@app/alerts';
import { addDays, startOfLocalDay } from '../calendar/local-day.util';
import { AccountVolumeFinding, HourlyVolumeFinding, UNIT_SURGE, UnitSurgeFinding, VOLUME_OWN_BASELINE } from './volume-finding.type';
import { MAD_SCALE, MetricJudgement, severityOf, VolumeJudgement } from './volume-rules.util';
import type { VolumeSettings } from './volume-settings.util';

const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);
const metric = (m: MetricJudgement) => ({ observed: m.observed, median: m.median, mad: m.mad, threshold: m.threshold, ratio: m.ratio });
const judgement = (j: VolumeJudgement) => ({ lookups: metric(j.lookups), subjects: metric(j.subjects) });
const windowOf = (day: string) => ({ windowStart: startOfLocalDay(day), windowEnd: startOfLocalDay(addDays(day, 1)) });

/**
 * An account's volume finding as an alert: the day as window, and evidence a reviewer can check without the
 * database. withDossierShare is the share of lookups naming a dossier (and ownUnitDossierShare, a dossier of the
 * account's unit); explainedShare, of those explained (a dossier of its unit, a procedure, only the fields it needs).
 */
export function accountVolumeAlert(f: AccountVolumeFinding, sampleEventIds: string[], s: VolumeSettings): RaiseAlertInput {
  const own = f.type === VOLUME_OWN_BASELINE;
  const params = own ? s.ownBaseline : s.peers;
  const led = f.judgement[f.judgement.metric];
  return {
    type: f.type,
    severity: severityOf(f.judgement.ratio, s.severity),
    score: f.judgement.ratio,
    accountId: f.row.accountId,
    unitCode: f.unitCode,
    occurredAt: f.row.firstAt ?? startOfLocalDay(f.day),
    ...windowOf(f.day),
    evidence: {
      rule: own
        ? 'observed > max(median + k * MAD * 1.4826, multiple * median, floor) over the account\'s own recent working days'
        : 'observed > max(median + k * MAD * 1.4826, multiple * median, floor) over the peers on the same day',
      parameters: { ...params, madScale: MAD_SCALE },
      day: f.day,
      metric: f.judgement.metric,
      observed: { lookups: f.row.lookups, subjects: f.row.subjects, value: led.observed },
      expected: {
        baseline: f.own ? f.own[f.judgement.metric].median : undefined,
        peers: f.peers ? f.peers.judgement[f.judgement.metric].median : undefined,
        threshold: led.threshold,
      },
      baseline: f.own
        ? { days: f.baseline.days.length, from: f.baseline.from, to: f.baseline.to, excluded: f.baseline.excluded, ...judgement(f.own) }
        : { days: f.baseline.days.length, minHistoryDays: s.ownBaseline.minHistoryDays, judged: false },
      peers: f.peers
        ? { group: f.peers.group, unitCode: f.peers.unitCode, unitKind: f.peers.unitKind, role: f.peers.role, count: f.peers.count, ...judgement(f.peers.judgement) }
        : null,
      withDossierShare: share(f.row.withDossier, f.row.lookups),
      ownUnitDossierShare: share(f.row.ownUnitDossier, f.row.lookups),
      withoutDossierShare: share(f.row.lookups - f.row.withDossier, f.row.lookups),
      explainedShare: share(f.row.explained, f.row.lookups),
      sampleEventIds,
    },
  };
}

/** The one notice of a unit rising together: low, about every member active that day, keyed by unit and day. */
export function unitSurgeAlert(f: UnitSurgeFinding, s: VolumeSettings): RaiseAlertInput {
  // From the first day of the run: the campaign's later days widen the same notice instead of adding one each.
  const window = { windowStart: startOfLocalDay(f.runStart), windowEnd: windowOf(f.day).windowEnd };
  return {
    type: UNIT_SURGE,
    severity: 'low',
    score: f.usualMemberMedian > 0 ? Math.round((f.memberMedian / f.usualMemberMedian) * 100) / 100 : 0,
    accountIds: f.accountIds,
    unitCode: f.unitCode,
    occurredAt: f.firstAt ?? window.windowStart,
    ...window,
    // Keyed by unit and the run's first day, not by the member list or the last day: a rescan that sees one more
    // member, or the campaign's next day, updates the same notice.
    dedupKey: `${UNIT_SURGE}:${f.unitCode}:${f.runStart}`,
    evidence: {
      rule: 'more than memberShare of the judged members (at least minMembers) look up at least riseFactor times their own median',
      parameters: s.unitSurge,
      day: f.day,
      since: f.runStart,
      unitCode: f.unitCode,
      members: f.accountIds.length,
      judged: f.judged,
      rising: f.rising,
      risingShare: share(f.rising, f.judged),
      lookups: f.lookups,
      memberMedian: f.memberMedian,
      usualMemberMedian: f.usualMemberMedian,
    },
  };
}

const HALF_HOUR_MS = 1_800_000;

/** The busiest hour of the day as a window: from its first half-hour slot, one hour long. */
export function hourWindowOf(f: HourlyVolumeFinding): { windowStart: Date; windowEnd: Date } {
  const windowStart = new Date(startOfLocalDay(f.day).getTime() + f.row.peakHour.slot * HALF_HOUR_MS);
  return { windowStart, windowEnd: new Date(windowStart.getTime() + 2 * HALF_HOUR_MS) };
}

/** An hour far above the account's busiest hours: the hour as window, its numbers and the day's as evidence. */
export function hourlyVolumeAlert(f: HourlyVolumeFinding, sampleEventIds: string[], s: VolumeSettings): RaiseAlertInput {
  const window = hourWindowOf(f);
  return {
    type: f.type,
    severity: severityOf(f.judgement.ratio, s.severity),
    score: f.judgement.ratio,
    accountId: f.row.accountId,
    unitCode: f.unitCode,
    occurredAt: window.windowStart,
    ...window,
    evidence: {
      rule: "the day's busiest hour > max(median + k * MAD * 1.4826, multiple * median, floor) over the busiest hours of the account's own recent working days",
      parameters: { ...s.hourly, madScale: MAD_SCALE },
      day: f.day,
      metric: 'lookups',
      observed: { value: f.judgement.observed, hourStart: window.windowStart, dayLookups: f.row.lookups },
      expected: { baseline: f.judgement.median, threshold: f.judgement.threshold, usualDay: f.usualDay },
      baseline: { days: f.baseline.days.length, from: f.baseline.from, to: f.baseline.to, excluded: f.baseline.excluded, ...metric(f.judgement) },
      withDossierShare: share(f.row.withDossier, f.row.lookups),
      ownUnitDossierShare: share(f.row.ownUnitDossier, f.row.lookups),
      withoutDossierShare: share(f.row.lookups - f.row.withDossier, f.row.lookups),
      sampleEventIds,
    },
  };
}
