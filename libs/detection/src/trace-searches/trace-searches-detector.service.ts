import { Injectable } from '@nestjs/common';
import type { AlertSeverity, RaiseAlertInput } from '@app/alerts';
import { addDays, LocalDay, localDay, startOfLocalDay } from '../calendar/local-day.util';
import type { DayDetector } from '../scan/detector.type';
import { TracedCase, TracedSubject, TraceSearchRepository } from './trace-search.repository';
import { parseTraceSearchesSettings, TraceSearchesSettings } from './trace-searches-settings.util';

export const TRACE_SUBJECT_REPEATED = 'trace_subject_repeated';
export const TRACE_CASE_MANY_SUBJECTS = 'trace_case_many_subjects';
/** The alerts about auditors' own tracing: for the reviewers, never shown to auditors (a citizen's timeline). */
export const TRACE_SEARCH_ALERT_TYPES = [TRACE_SUBJECT_REPEATED, TRACE_CASE_MANY_SUBJECTS] as const;
/** Enough of the keyed hash to find the citizen's searches in the security log; the ID itself is never shown. */
const SUBJECT_PREFIX_HEX = 16;

/**
 * Auditors' own tracing, judged from the security log: one citizen traced again and again under different case
 * references (a personal interest dressed as cases), or many citizens under one case reference (a case used as
 * a pass). Judged after every search (checkAfterSearch, raised at once) and by the day scan; both key an alert by
 * the citizen or the case and the local month, so they update one alert.
 */
@Injectable()
export class TraceSearchesDetector implements DayDetector<TraceSearchesSettings> {
  readonly section = 'traceSearches';
  readonly types = TRACE_SEARCH_ALERT_TYPES;

  constructor(private readonly repository: TraceSearchRepository) {}

  parseSettings(raw: unknown) {
    return parseTraceSearchesSettings(raw);
  }

  async detectDays(fromDay: LocalDay, toDay: LocalDay, s: TraceSearchesSettings): Promise<RaiseAlertInput[]> {
    const alerts = new Map<string, RaiseAlertInput>();
    for (let day = fromDay; day <= toDay; day = addDays(day, 1)) {
      const end = startOfLocalDay(addDays(day, 1));
      for (const a of await this.judge(startOfLocalDay(addDays(day, 1 - s.windowDays)), end, s, startOfLocalDay(day))) alerts.set(a.dedupKey!, a);
    }
    return [...alerts.values()];
  }

  /** What a search just recorded makes of its citizens and its case reference (the window ending now). */
  checkAfterSearch(at: Date, subjects: string[], caseReference: string, s: TraceSearchesSettings): Promise<RaiseAlertInput[]> {
    const from = new Date(at.getTime() - s.windowDays * 86_400_000);
    return this.judge(from, new Date(at.getTime() + 1), s, from, { subjects, caseReference });
  }

  /** Groups over the threshold in [from, to) that searched at or after `since` (a day scan judges only its day's searches). */
  private async judge(from: Date, to: Date, s: TraceSearchesSettings, since: Date, only?: { subjects: string[]; caseReference: string }): Promise<RaiseAlertInput[]> {
    const [subjects, cases] = await Promise.all([
      only && !only.subjects.length ? [] : this.repository.subjectsAcrossCases(from, to, s.caseReferencesPerSubject, only?.subjects),
      this.repository.casesWithManySubjects(from, to, s.subjectsPerCase, only ? [only.caseReference] : undefined),
    ]);
    return [
      ...subjects.filter((f) => f.lastAt >= since).map((f) => subjectAlert(f, s, from, to)),
      ...cases.filter((f) => f.lastAt >= since).map((f) => caseAlert(f, s, from, to)),
    ];
  }
}

function severityOf(score: number, s: TraceSearchesSettings): AlertSeverity {
  return score >= s.severity.critical ? 'critical' : score >= s.severity.high ? 'high' : 'medium';
}

const round = (n: number): number => Math.round(n * 100) / 100;

function subjectAlert(f: TracedSubject, s: TraceSearchesSettings, from: Date, to: Date): RaiseAlertInput {
  const score = round(f.caseReferences.length / s.caseReferencesPerSubject);
  const prefix = f.subject.slice(0, SUBJECT_PREFIX_HEX);
  return {
    type: TRACE_SUBJECT_REPEATED,
    severity: severityOf(score, s),
    score,
    accountId: null,
    occurredAt: f.firstAt,
    windowStart: f.firstAt,
    windowEnd: f.lastAt,
    dedupKey: `${TRACE_SUBJECT_REPEATED}:${prefix}:${localDay(f.lastAt).slice(0, 7)}`,
    evidence: {
      rule: TRACE_SUBJECT_REPEATED,
      subjectHashPrefix: prefix,
      observed: { caseReferences: f.caseReferences.length, searches: f.searches, firstAt: f.firstAt.toISOString(), lastAt: f.lastAt.toISOString() },
      expected: { maxCaseReferences: s.caseReferencesPerSubject - 1, windowDays: s.windowDays },
      caseReferences: f.caseReferences,
      auditors: f.actors,
      window: { from: from.toISOString(), to: to.toISOString() },
      parameters: s,
    },
  };
}

function caseAlert(f: TracedCase, s: TraceSearchesSettings, from: Date, to: Date): RaiseAlertInput {
  const score = round(f.subjects / s.subjectsPerCase);
  return {
    type: TRACE_CASE_MANY_SUBJECTS,
    severity: severityOf(score, s),
    score,
    accountId: null,
    occurredAt: f.firstAt,
    windowStart: f.firstAt,
    windowEnd: f.lastAt,
    dedupKey: `${TRACE_CASE_MANY_SUBJECTS}:${f.caseReference}:${localDay(f.lastAt).slice(0, 7)}`,
    evidence: {
      rule: TRACE_CASE_MANY_SUBJECTS,
      caseReference: f.caseReference,
      observed: { subjects: f.subjects, searches: f.searches, firstAt: f.firstAt.toISOString(), lastAt: f.lastAt.toISOString() },
      expected: { maxSubjects: s.subjectsPerCase - 1, windowDays: s.windowDays },
      auditors: f.actors,
      window: { from: from.toISOString(), to: to.toISOString() },
      parameters: s,
    },
  };
}
