import type { ParsedSettings } from '../scan/detector.type';
import { loadDetectionSection } from '../settings/detection-settings.service';
import { numberSection, withChecks } from '../settings/settings-section.util';

/** Detector 5 (docs/detection.md, "Off-hours"): config/detection.json's "offHours". */
export interface OffHoursSettings {
  /** Minutes after closing (and before opening) of a working day that are not counted: staying a little late is not a finding. */
  graceMinutes: number;
  /** Night, local hours [nightStartHour, 24) and [0, nightEndHour): weighed more. */
  nightStartHour: number;
  nightEndHour: number;
  /** A day counts as an off-hours day from this many off-hours lookups (fewer are a few minutes' overrun). */
  minDayLookups: number;
  /** The window judged, ending with each off-hours day. */
  windowDays: number;
  /** At least this many off-hours days in the window. */
  minDays: number;
  /** At least this many off-hours lookups in the window, whatever the habit. */
  floor: number;
  /** And more than multiple x max(the account's habit, its unit's peers) over the same length of time. */
  multiple: number;
  /** The habit: the median week of the account's off-hours lookups over this many days before the window. */
  historyDays: number;
  /** Fewer weeks of history than this: no habit (a new account has none, and is judged against its peers). */
  minHistoryWeeks: number;
  /** Fewer peers active in the window than this: no peers' figure. */
  minPeers: number;
  /** From this share of off-hours lookups naming no dossier, the severity is one step higher. */
  unexplainedShare: number;
  /** How much an off-hours lookup weighs in the score, by when it was made. */
  weights: { outsideHours: number; closedDay: number; night: number; holiday: number };
  /** By score (weighted off-hours lookups / threshold): below medium is low. */
  severity: { medium: number; high: number; critical: number };
}

const KEYS = [
  'graceMinutes',
  'nightStartHour',
  'nightEndHour',
  'minDayLookups',
  'windowDays',
  'minDays',
  'floor',
  'multiple',
  'historyDays',
  'minHistoryWeeks',
  'minPeers',
  'unexplainedShare',
  ...['outsideHours', 'closedDay', 'night', 'holiday'].map((k) => `weights.${k}`),
  ...['medium', 'high', 'critical'].map((k) => `severity.${k}`),
];

export function parseOffHoursSettings(raw: unknown): ParsedSettings<OffHoursSettings> {
  return withChecks(numberSection<OffHoursSettings>(raw, 'offHours', KEYS), (s) => [
    [s.nightStartHour > 24, 'offHours.nightStartHour: must be an hour 0-24'],
    [s.nightEndHour > 24, 'offHours.nightEndHour: must be an hour 0-24'],
    [s.windowDays < 1 || s.windowDays > 60, 'offHours.windowDays: must be 1-60 days'],
    [s.historyDays > 120, 'offHours.historyDays: at most 120 days'],
    // Medians of none: a habit or a norm needs at least one week, one peer.
    [s.minHistoryWeeks < 1, 'offHours.minHistoryWeeks: at least 1'],
    [s.minPeers < 1, 'offHours.minPeers: at least 1'],
  ]);
}

/** The offHours section of config/detection.json, checked (tests). */
export const loadOffHoursSettings = (): OffHoursSettings =>
  loadDetectionSection('offHours', parseOffHoursSettings);
