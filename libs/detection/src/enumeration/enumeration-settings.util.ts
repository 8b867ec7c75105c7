import type { ParsedSettings } from '../scan/detector.type';
import { numberSection } from '../settings/settings-section.util';

/** config/detection.json "enumeration" (docs/detection.md, "Enumeration"). */
export interface EnumerationSettings {
  /** The sliding window both rules count in. */
  windowMinutes: number;
  sequential: {
    /** Distinct citizens of one block of 100 consecutive IDs, within the window, for a lookup to count as part of a walk. */
    minPerBlock: number;
    /** Distinct such citizens in one window. */
    minSubjects: number;
  };
  distinct: {
    /** Distinct citizens in one window, in lookups naming no dossier. */
    minSubjects: number;
    /** From this share of not_found results the account is guessing numbers: critical. */
    notFoundShare: number;
  };
}

export const ENUMERATION_SECTION = 'enumeration';

const KEYS = ['windowMinutes', 'sequential.minPerBlock', 'sequential.minSubjects', 'distinct.minSubjects', 'distinct.notFoundShare'] as const;

export function parseEnumerationSettings(raw: unknown): ParsedSettings<EnumerationSettings> {
  const parsed = numberSection<EnumerationSettings>(raw, ENUMERATION_SECTION, KEYS);
  if (parsed.problems) return parsed;
  const s = parsed.settings;
  const problems = [
    ...(s.windowMinutes < 1 ? [`${ENUMERATION_SECTION}.windowMinutes: must be at least 1`] : []),
    ...(s.sequential.minPerBlock < 2 ? [`${ENUMERATION_SECTION}.sequential.minPerBlock: must be at least 2`] : []),
    ...(s.sequential.minSubjects < 2 ? [`${ENUMERATION_SECTION}.sequential.minSubjects: must be at least 2`] : []),
    ...(s.distinct.minSubjects < 2 ? [`${ENUMERATION_SECTION}.distinct.minSubjects: must be at least 2`] : []),
    ...(s.distinct.notFoundShare > 1 ? [`${ENUMERATION_SECTION}.distinct.notFoundShare: must be a share from 0 to 1`] : []),
  ];
  return problems.length ? { problems } : parsed;
}
