import { addDays, LocalDay } from '../calendar/local-day.util';

/**
 * The first day of the episode a flagged day belongs to: going back from `day`, each earlier flagged day no more
 * than `maxGapDays` before the last one found joins it, for at most `lookbackDays`. Detectors that judge a window
 * of days key their alert by it, so that one behaviour repeated over weeks is one alert widening day by day, the
 * same whichever block of days a scan starts from (the answer depends on the data only).
 */
export function episodeStart(day: LocalDay, isFlagged: (d: LocalDay) => boolean, maxGapDays: number, lookbackDays: number): LocalDay {
  let start = day;
  const limit = addDays(day, -lookbackDays);
  for (let d = addDays(day, -1); d >= limit && d >= addDays(start, -maxGapDays); d = addDays(d, -1)) if (isFlagged(d)) start = d;
  return start;
}
