import type { RaiseAlertInput } from '@app/alerts';
import type { StoredBatch } from '@app/audit-trail';
import type { LocalDay } from '../calendar/local-day.util';

/** What config/detection.json (or an admin's saved value) holds: one section per detector. */
export type DetectionSettings = Readonly<Record<string, unknown>>;

/** A section checked: the typed settings, or every problem found ("offHours.minLookups: must be a number >= 0"). */
export type ParsedSettings<S> = { settings: S; problems?: undefined } | { settings?: undefined; problems: string[] };

/**
 * A detector over closed local days, run by the scan (the daily job, `scan --from --to`, the admin endpoint) and
 * by the preview of a settings change. It returns the alerts it would raise and raises nothing itself, so a
 * preview is the same code as a scan; each alert's dedupKey makes a re-run update its alert instead of adding one.
 * It reads the history it needs itself (the aggregate, the store) and only its own section of the settings.
 */
export interface DayDetector<S = unknown> {
  /** Its section of config/detection.json (and of the admin's saved settings). */
  readonly section: string;
  /** The alert types it raises. */
  readonly types: readonly string[];
  parseSettings(raw: unknown): ParsedSettings<S>;
  /** Judges each closed day in [fromDay, toDay] (at most a month at a time: the scan splits longer periods). */
  detectDays(fromDay: LocalDay, toDay: LocalDay, settings: S): Promise<RaiseAlertInput[]>;
}

/**
 * A day detector that can also decide on each stored batch, seconds after its transaction commits (an alert
 * within seconds of the event). Its day scan must find the same alerts, with the same dedupKeys: back-filling a
 * period gives what streaming it gave, and a batch whose streaming pass was lost (a crash right after commit) is
 * caught by the next scan.
 */
export interface StreamDetector<S = unknown> extends DayDetector<S> {
  detectBatch(batch: StoredBatch, settings: S): Promise<RaiseAlertInput[]>;
}

/** Every DayDetector (stream detectors included), in the order the scan runs them. */
export const DAY_DETECTORS = Symbol('DAY_DETECTORS');
/** The detectors that also judge each committed batch. */
export const STREAM_DETECTORS = Symbol('STREAM_DETECTORS');

export function isStreamDetector(d: DayDetector): d is StreamDetector {
  return typeof (d as Partial<StreamDetector>).detectBatch === 'function';
}
