import type { ParsedSettings } from '../scan/detector.type';
import { numberSection } from '../settings/settings-section.util';
import type { SeverityBands } from '../volume/volume-settings.util';

/**
 * A share of an account's lookups over a window of working days (unexplained ones; ones returning sensitive
 * fields beyond the need), against the account's usual share and its peers' share over the same window.
 */
export interface ShareWindowSettings {
  /** The window: this many working days of the account's unit, ending on the day judged (and the days between). */
  windowWorkingDays: number;
  /** The account's usual share: the median of its daily shares over this many working days before the window. */
  historyDays: number;
  /** Fewer such days and the account is judged against its peers only. */
  minHistoryDays: number;
  /** A day with fewer lookups says too little to be a day of the history. */
  minDayLookups: number;
  /** How far back to look for those days. */
  lookbackCalendarDays: number;
  /** Below this many lookups in the window the account is not judged. */
  minLookups: number;
  /** ... nor below this many counted lookups (unexplained, or with unneeded sensitive fields). */
  minCount: number;
  /** The share must exceed max(multiple * usual, usual + margin, minShare), usual the higher of own and peers'. */
  multiple: number;
  margin: number;
  minShare: number;
  /** Peers (same unit and role, else same role) needed for their share to count. */
  minPeers: number;
  /** One alert per run of flagged days: how far back a run is followed to its first day. */
  runLookbackDays: number;
  severity: SeverityBands;
}

const KEYS = [
  'windowWorkingDays',
  'historyDays',
  'minHistoryDays',
  'minDayLookups',
  'lookbackCalendarDays',
  'minLookups',
  'minCount',
  'multiple',
  'margin',
  'minShare',
  'minPeers',
  'runLookbackDays',
  'severity.medium',
  'severity.high',
  'severity.critical',
];

export function parseShareWindowSettings(raw: unknown, section: string): ParsedSettings<ShareWindowSettings> {
  const parsed = numberSection<ShareWindowSettings>(raw, section, KEYS);
  if (parsed.settings && parsed.settings.windowWorkingDays < 1) return { problems: [`${section}.windowWorkingDays: must be at least 1`] };
  return parsed;
}
