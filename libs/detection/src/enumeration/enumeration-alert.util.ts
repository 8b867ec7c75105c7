import type { RaiseAlertInput } from '@app/alerts';
import { localDay } from '../calendar/local-day.util';
import type { EnumerationEpisode, EnumerationFinding } from './enumeration-rules.util';
import type { EnumerationSettings } from './enumeration-settings.util';

export const ENUMERATION = 'enumeration';
const SAMPLE_EVENTS = 5;

/**
 * The alert of one account's day: critical for a walk through consecutive numbers (the enumeration the Office's
 * notice names), and for a flood of distinct citizens with many numbers nobody holds; high for a flood alone.
 * Keyed by account and local day, so the stream's passes and the day scan update one alert.
 */
export function enumerationAlert(f: EnumerationFinding, s: EnumerationSettings): RaiseAlertInput {
  const main = (f.sequential ?? f.distinct)!;
  const notFoundShare = share(main.notFound, main.lookups.length);
  const severity = f.sequential || notFoundShare >= s.distinct.notFoundShare ? 'critical' : 'high';
  const threshold = f.sequential ? s.sequential.minSubjects : s.distinct.minSubjects;
  const day = localDay(f.firstAt);
  const sourceSystems = [...new Set(main.lookups.map((l) => l.sourceSystem))].sort();
  return {
    type: ENUMERATION,
    severity,
    score: round(main.peakWindowSubjects / threshold),
    accountId: f.accountId,
    unitCode: main.lookups.find((l) => l.unitCode)?.unitCode ?? null,
    sourceSystems,
    occurredAt: f.firstAt,
    windowStart: f.firstAt,
    windowEnd: f.lastAt,
    dedupKey: `${ENUMERATION}:${f.accountId}:${day}`,
    evidence: {
      rule: f.sequential ? 'sequential' : 'distinct',
      day,
      observed: {
        subjects: main.subjects,
        lookups: main.lookups.length,
        blocks: main.blocks,
        peakWindowSubjects: main.peakWindowSubjects,
        notFound: main.notFound,
        notFoundShare,
        firstAt: f.firstAt.toISOString(),
        lastAt: f.lastAt.toISOString(),
        minutes: Math.round((f.lastAt.getTime() - f.firstAt.getTime()) / 60_000),
      },
      expected: { maxWindowSubjects: threshold, windowMinutes: s.windowMinutes },
      sequential: f.sequential && episodeEvidence(f.sequential),
      distinct: f.distinct && episodeEvidence(f.distinct),
      parameters: s,
      lookupsInWindow: f.span.lookups,
      withDossierShare: share(f.span.withDossier, f.span.lookups),
      ownUnitDossierShare: share(f.span.ownUnitDossier, f.span.lookups),
      withoutDossierShare: share(f.span.lookups - f.span.withDossier, f.span.lookups),
      sampleEventIds: main.lookups.slice(0, SAMPLE_EVENTS).map((l) => l.eventId),
      sourceSystems,
    },
  };
}

function episodeEvidence(e: EnumerationEpisode): Record<string, unknown> {
  return {
    subjects: e.subjects,
    lookups: e.lookups.length,
    blocks: e.blocks,
    peakWindowSubjects: e.peakWindowSubjects,
    notFound: e.notFound,
    firstAt: e.lookups[0].at.toISOString(),
    lastAt: e.lookups[e.lookups.length - 1].at.toISOString(),
  };
}

const round = (n: number): number => Math.round(n * 100) / 100;
const share = (part: number, whole: number): number => (whole ? Math.round((part / whole) * 1000) / 1000 : 0);
