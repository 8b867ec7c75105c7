import type { LocalDay } from '../calendar/local-day.util';
import type { BaselineDays } from './volume-baseline.util';
import type { MetricJudgement, VolumeJudgement } from './volume-rules.util';
import type { AccountDayVolume } from './volume.repository';

export const VOLUME_OWN_BASELINE = 'volume_own_baseline';
export const VOLUME_PEERS = 'volume_peers';
export const UNIT_SURGE = 'unit_surge';
export const VOLUME_HOURLY = 'volume_hourly';

/** Who an account's day was compared with: its unit and role, else its kind of unit and role. */
export interface PeerJudgement {
  group: 'unit_role' | 'unit_kind_role';
  unitCode: string | null;
  unitKind: string | null;
  role: string | null;
  count: number;
  judgement: VolumeJudgement;
}

export interface AccountVolumeFinding {
  type: typeof VOLUME_OWN_BASELINE | typeof VOLUME_PEERS;
  day: LocalDay;
  row: AccountDayVolume;
  unitCode: string | null;
  /** The judgement that fired: the account's own baseline, or its peers'. */
  judgement: VolumeJudgement;
  baseline: BaselineDays;
  /** The own-baseline judgement when there was enough history (also on a peers finding, for the record). */
  own: VolumeJudgement | null;
  peers: PeerJudgement | null;
}

export interface UnitSurgeFinding {
  type: typeof UNIT_SURGE;
  day: LocalDay;
  unitCode: string;
  /** The first day of the unit's run of surging working days: one notice per campaign, not one per day. */
  runStart: LocalDay;
  /** Every member active that day. */
  accountIds: string[];
  rising: number;
  judged: number;
  /** Median of the members' lookups that day, and of their own medians. */
  memberMedian: number;
  usualMemberMedian: number;
  lookups: number;
  firstAt: Date | null;
}

/** An hour far above the account's busiest hours, on a day whose total stayed within its bounds. */
export interface HourlyVolumeFinding {
  type: typeof VOLUME_HOURLY;
  day: LocalDay;
  row: AccountDayVolume;
  unitCode: string | null;
  judgement: MetricJudgement;
  /** The baseline days whose busiest hours made the bound. */
  baseline: BaselineDays;
  /** The account's median whole day (lookups) over the same days: the hour holds more than dayMultiple of it. */
  usualDay: number;
}

export type VolumeFinding = AccountVolumeFinding | UnitSurgeFinding | HourlyVolumeFinding;
