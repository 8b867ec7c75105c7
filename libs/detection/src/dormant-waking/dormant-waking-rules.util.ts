import { median } from 'simple-statistics';
import { addDays, LocalDay } from '../calendar/local-day.util';
import type { DormantWakingSettings } from './dormant-waking-settings.util';

/** Whole days from one local day to another (b after a: positive). */
export const daysBetween = (a: LocalDay, b: LocalDay): number => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

/** When an account woke: its first lookup day after the silence, and what the silence is measured from. */
export interface Waking {
  wake: LocalDay;
  /** The last lookup day before the silence (null: none known, the silence runs from `silentSince`). */
  previous: LocalDay | null;
  silentSince: LocalDay;
  silentDays: number;
}

/**
 * The waking a day belongs to, from the account's lookup days up to it (ascending): the latest lookup day, no more
 * than wakeWindowDays before `day`, that follows a gap of silentDays or more. `knownSince(day)` says from when the
 * account is known to have existed and been observed without a lookup before a day with no earlier lookup (its
 * first activity or directory creation, and the start of the data, whichever is later), or null when nothing says
 * it existed: an account whose history simply starts with the data is not dormant.
 */
export function wakingOf(
  lookupDays: readonly LocalDay[],
  day: LocalDay,
  knownSince: (first: LocalDay) => LocalDay | null,
  s: DormantWakingSettings,
): Waking | null {
  const earliest = addDays(day, -s.wakeWindowDays);
  for (let i = lookupDays.length - 1; i >= 0 && lookupDays[i] >= earliest; i--) {
    const wake = lookupDays[i];
    if (wake > day) continue;
    const previous = i > 0 ? lookupDays[i - 1] : null;
    const since = previous ?? knownSince(wake);
    if (since === null) return null;
    const silentDays = daysBetween(since, wake) - (previous ? 1 : 0);
    if (silentDays >= s.silentDays) return { wake, previous, silentSince: previous ? addDays(previous, 1) : since, silentDays };
  }
  return null;
}

export interface WakingDay {
  day: LocalDay;
  lookups: number;
  withDossier: number;
  ownUnitDossier: number;
}

export interface WakingJudgement {
  days: WakingDay[];
  lookups: number;
  busiest: number;
  /** Median lookups of the last formerDays lookup days before the silence; null when none is known. */
  former: number | null;
  ownUnitDossierShare: number;
  /** Within multiple x its former volume, nearly all for its unit's dossiers: work resumed, not raised. */
  resumed: boolean;
  score: number;
}

/** The waking's days so far against the account's volume before the silence. */
export function judgeWaking(days: WakingDay[], formerVolumes: number[], s: DormantWakingSettings): WakingJudgement {
  const lookups = days.reduce((n, d) => n + d.lookups, 0);
  const busiest = Math.max(...days.map((d) => d.lookups));
  const former = formerVolumes.length ? median(formerVolumes) : null;
  const own = lookups > 0 ? days.reduce((n, d) => n + d.ownUnitDossier, 0) / lookups : 0;
  const resumed = former !== null && busiest <= s.multiple * former && own >= s.explainedShare;
  const score = Math.round((busiest / Math.max(s.minLookups, former ?? 0)) * 100) / 100;
  return { days, lookups, busiest, former, ownUnitDossierShare: own, resumed, score };
}
