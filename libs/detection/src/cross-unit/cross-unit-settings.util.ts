import type { ParsedSettings } from '../scan/detector.type';
import { numberSection } from '../settings/settings-section.util';

/** config/detection.json "crossUnitCitizen" (docs/detection.md, "One citizen across units"). */
export interface CrossUnitSettings {
  windowMinutes: number;
  /** Distinct accounts that looked the citizen up without a dossier, in one window. */
  minAccounts: number;
  /** Distinct units of those accounts. */
  minUnits: number;
}

export const CROSS_UNIT_SECTION = 'crossUnitCitizen';

export function parseCrossUnitSettings(raw: unknown): ParsedSettings<CrossUnitSettings> {
  const parsed = numberSection<CrossUnitSettings>(raw, CROSS_UNIT_SECTION, ['windowMinutes', 'minAccounts', 'minUnits']);
  if (parsed.problems) return parsed;
  const s = parsed.settings;
  const problems = [
    ...(s.windowMinutes < 1 ? [`${CROSS_UNIT_SECTION}.windowMinutes: must be at least 1`] : []),
    ...(s.minAccounts < 2 ? [`${CROSS_UNIT_SECTION}.minAccounts: must be at least 2`] : []),
    ...(s.minUnits < 2 || s.minUnits > s.minAccounts ? [`${CROSS_UNIT_SECTION}.minUnits: must be from 2 to minAccounts`] : []),
  ];
  return problems.length ? { problems } : parsed;
}
