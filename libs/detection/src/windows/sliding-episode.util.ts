/**
 * What a sliding window over one stream of events finds: every window [t - windowMs, t] ending at an event t is
 * judged, and the episode is the union of the windows that qualify (each distinct count reaching its minimum).
 * Adding events never removes a qualifying window (counts only grow), so the episode of a day only grows as its
 * events arrive, in any order: a streaming pass that judges the events stored so far finds a part of what the
 * day scan finds, and the last pass finds all of it.
 */
export interface SlidingEpisode<E> {
  /** The events of the qualifying windows, in time order. */
  events: E[];
  /** Per distinct key, the largest count of any qualifying window. */
  peak: number[];
}

export interface SlidingRule<E> {
  windowMs: number;
  /** Each key's value of an event; a window's count of a key is the number of distinct values in it. */
  keys: readonly ((e: E) => string)[];
  /** The minimum count of each key (same order) for a window to qualify. */
  mins: readonly number[];
}

/** Events must be in time order (at ascending). */
export function slidingEpisode<E>(events: readonly E[], at: (e: E) => number, rule: SlidingRule<E>): SlidingEpisode<E> | null {
  const counts = rule.keys.map(() => new Map<string, number>());
  const peak = rule.keys.map(() => 0);
  const inEpisode: E[] = [];
  let covered = -1;
  let start = 0;
  for (let end = 0; end < events.length; end++) {
    rule.keys.forEach((key, k) => bump(counts[k], key(events[end]), 1));
    const from = at(events[end]) - rule.windowMs;
    for (; at(events[start]) < from; start++) rule.keys.forEach((key, k) => bump(counts[k], key(events[start]), -1));
    if (!counts.every((c, k) => c.size >= rule.mins[k])) continue;
    counts.forEach((c, k) => (peak[k] = Math.max(peak[k], c.size)));
    for (let i = Math.max(start, covered + 1); i <= end; i++) inEpisode.push(events[i]);
    covered = end;
  }
  return inEpisode.length ? { events: inEpisode, peak } : null;
}

function bump(map: Map<string, number>, value: string, by: number): void {
  const n = (map.get(value) ?? 0) + by;
  if (n > 0) map.set(value, n);
  else map.delete(value);
}
