import type { ParsedSettings } from '../scan/detector.type';
import { loadDetectionSection } from '../settings/detection-settings.service';
import { numberSection, withChecks } from '../settings/settings-section.util';

/** Detector 9 (docs/detection.md, "Dormant account waking"): config/detection.json's "dormantWaking". */
export interface DormantWakingSettings {
  /** Days without a lookup that make an account dormant. */
  silentDays: number;
  /** A day with at least this many lookups is work at volume. */
  minLookups: number;
  /** Days from the first lookup after the silence during which the account is still waking (one alert). */
  wakeWindowDays: number;
  /** The former volume: the median of the account's last this-many lookup days before the silence. */
  formerDays: number;
  /** Within multiple x its former volume and with at least explainedShare of the lookups naming a dossier of its unit: ordinary work resumed. */
  multiple: number;
  explainedShare: number;
  /** From this share of the waking's lookups naming no dossier, one severity step higher. */
  unexplainedShare: number;
  /** By score (the busiest waking day / max(minLookups, former volume)): below medium is low. */
  severity: { medium: number; high: number; critical: number };
}

export function parseDormantWakingSettings(raw: unknown): ParsedSettings<DormantWakingSettings> {
  return withChecks(
    numberSection<DormantWakingSettings>(raw, 'dormantWaking', [
      'silentDays',
      'minLookups',
      'wakeWindowDays',
      'formerDays',
      'multiple',
      'explainedShare',
      'unexplainedShare',
      ...['medium', 'high', 'critical'].map((k) => `severity.${k}`),
    ]),
    (s) => [
      [s.silentDays < 1 || s.silentDays > 365, 'dormantWaking.silentDays: must be 1-365 days'],
      [s.wakeWindowDays > 60, 'dormantWaking.wakeWindowDays: at most 60 days'],
    ],
  );
}

/** The dormantWaking section of config/detection.json, checked (tests). */
export const loadDormantWakingSettings = (): DormantWakingSettings =>
  loadDetectionSection('dormantWaking', parseDormantWakingSettings);
