import { median, medianAbsoluteDeviation } from 'simple-statistics';
import type { AlertSeverity } from '@app/alerts';
import type { SeverityBands, UnitSurgeSettings, VolumeBoundSettings } from './volume-settings.util';

/** MAD times this estimates the standard deviation of normally distributed data. */
export const MAD_SCALE = 1.4826;

export interface RobustBound {
  median: number;
  /** Median absolute deviation, unscaled. */
  mad: number;
  /** What a day must exceed to be flagged. */
  threshold: number;
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The bound of a set of days (or of peers): max(median + k * MAD * 1.4826, multiple * median, floor). */
export function robustBound(values: readonly number[], p: VolumeBoundSettings): RobustBound {
  const m = values.length ? median([...values]) : 0;
  const mad = values.length ? medianAbsoluteDeviation([...values]) : 0;
  const threshold = Math.max(m + p.k * mad * MAD_SCALE, p.multiple * m, p.floor);
  return { median: round(m), mad: round(mad), threshold: round(threshold) };
}

export interface MetricJudgement extends RobustBound {
  observed: number;
  exceeded: boolean;
  /** observed / threshold: above 1 is flagged; how far decides the severity. */
  ratio: number;
}

export function judge(observed: number, bound: RobustBound): MetricJudgement {
  const ratio = bound.threshold > 0 ? round(observed / bound.threshold) : 0;
  return { ...bound, observed, exceeded: observed > bound.threshold, ratio };
}

export type VolumeMetric = 'lookups' | 'subjects';

/** Both metrics judged; the finding is led by the one furthest over its bound. */
export interface VolumeJudgement {
  lookups: MetricJudgement;
  subjects: MetricJudgement;
  exceeded: boolean;
  metric: VolumeMetric;
  ratio: number;
}

export function judgeVolume(
  observed: { lookups: number; subjects: number },
  history: { lookups: readonly number[]; subjects: readonly number[] },
  p: VolumeBoundSettings,
): VolumeJudgement {
  const lookups = judge(observed.lookups, robustBound(history.lookups, p));
  const subjects = judge(observed.subjects, robustBound(history.subjects, p));
  // Citizens lead on a tie: "looked up 212 citizens" is what a reviewer weighs.
  const metric: VolumeMetric = lookups.ratio > subjects.ratio ? 'lookups' : 'subjects';
  return { lookups, subjects, exceeded: lookups.exceeded || subjects.exceeded, metric, ratio: Math.max(lookups.ratio, subjects.ratio) };
}

/** How far over the bound: below bands.medium low, then medium, high, critical. */
export function severityOf(ratio: number, bands: SeverityBands): AlertSeverity {
  if (ratio >= bands.critical) return 'critical';
  if (ratio >= bands.high) return 'high';
  if (ratio >= bands.medium) return 'medium';
  return 'low';
}

/** A member "rises" on a day when it looks up at least riseFactor times its own median. */
export function rises(observed: number, ownMedian: number, p: UnitSurgeSettings): boolean {
  return ownMedian > 0 && observed >= p.riseFactor * ownMedian;
}

/** Most of a unit's judged members rising on one day: a campaign, not misuse by each of them. */
export function risesTogether(rising: number, judged: number, p: UnitSurgeSettings): boolean {
  return judged >= p.minMembers && rising / judged > p.memberShare;
}

/** A unit surged on a day when its median member volume is at least riseFactor times its own usual median. */
export function unitSurged(memberMedianToday: number, usualMemberMedians: readonly number[], minHistoryDays: number, p: UnitSurgeSettings): boolean {
  if (usualMemberMedians.length < minHistoryDays) return false;
  const usual = median([...usualMemberMedians]);
  return usual > 0 && memberMedianToday >= p.riseFactor * usual;
}
