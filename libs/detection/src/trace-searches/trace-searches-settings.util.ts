import type { ParsedSettings } from '../scan/detector.type';
import { loadDetectionSection } from '../settings/detection-settings.service';
import { numberSection, withChecks } from '../settings/settings-section.util';

/** Auditors' repeated searches (docs/detection.md, "Repeated tracing"): config/detection.json's "traceSearches". */
export interface TraceSearchesSettings {
  /** The searches of this many days up to the one judged count together. */
  windowDays: number;
  /** One citizen traced under at least this many different case references within the window. */
  caseReferencesPerSubject: number;
  /** At least this many different citizens traced under one case reference within the window. */
  subjectsPerCase: number;
  /** By score (observed / threshold): below high is medium. */
  severity: { high: number; critical: number };
}

export function parseTraceSearchesSettings(raw: unknown): ParsedSettings<TraceSearchesSettings> {
  return withChecks(
    numberSection<TraceSearchesSettings>(raw, 'traceSearches', ['windowDays', 'caseReferencesPerSubject', 'subjectsPerCase', 'severity.high', 'severity.critical']),
    (s) => [
      [s.windowDays < 1 || s.windowDays > 366, 'traceSearches.windowDays: must be 1-366 days'],
      [s.caseReferencesPerSubject < 2, 'traceSearches.caseReferencesPerSubject: at least 2 (one case reference is the ordinary search)'],
      [s.subjectsPerCase < 2, 'traceSearches.subjectsPerCase: at least 2'],
    ],
  );
}

/** The traceSearches section of config/detection.json, checked (tests). */
export const loadTraceSearchesSettings = (): TraceSearchesSettings => loadDetectionSection('traceSearches', parseTraceSearchesSettings);
