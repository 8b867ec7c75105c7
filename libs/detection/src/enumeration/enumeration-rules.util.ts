import { slidingEpisode } from '../windows/sliding-episode.util';
import { namesOwnUnitDossier, WindowLookup } from '../windows/window-lookup.type';
import type { EnumerationSettings } from './enumeration-settings.util';

export interface EnumerationEpisode {
  /** The lookups of the qualifying windows, in time order. */
  lookups: WindowLookup[];
  subjects: number;
  blocks: number;
  /** The most distinct citizens one window held. */
  peakWindowSubjects: number;
  notFound: number;
}

/** What one account's day shows: a walk through consecutive numbers, a flood of distinct citizens, or both. */
export interface EnumerationFinding {
  accountId: string;
  sequential: EnumerationEpisode | null;
  distinct: EnumerationEpisode | null;
  /** From the first to the last lookup of either episode. */
  firstAt: Date;
  lastAt: Date;
  /** Every lookup of the account in [firstAt, lastAt], dossier or not: the shares a reviewer weighs. */
  span: { lookups: number; withDossier: number; ownUnitDossier: number };
}

/**
 * Judges one account's lookups of one local day (time order). Sequential: among the lookups without a dossier of
 * the account's unit (a lookup for its own dossier is explained, whatever its number), a lookup is part of a walk
 * when its block of 100 consecutive IDs holds at least minPerBlock distinct citizens of the account within the
 * window around it (chance puts two random citizens of a province in one block almost never); a window of at
 * least minSubjects such citizens is a walk. Distinct: among the lookups naming no dossier at all (an
 * inter-system link verifies other units' dossiers by the hundred, seconds apart), a window of at least
 * minSubjects distinct citizens. Both counts only grow as events arrive, so the stream and the day scan agree
 * (sliding-episode.util).
 */
export function judgeEnumeration(dayLookups: readonly WindowLookup[], s: EnumerationSettings): EnumerationFinding | null {
  if (!dayLookups.length) return null;
  const windowMs = s.windowMinutes * 60_000;
  const unexplained = dayLookups.filter((l) => !namesOwnUnitDossier(l));
  const inWalk = walkLookups(unexplained, windowMs, s.sequential.minPerBlock);
  const sequential = episodeOf(inWalk, windowMs, s.sequential.minSubjects);
  const distinct = episodeOf(unexplained.filter((l) => l.dossierCode === null), windowMs, s.distinct.minSubjects);
  if (!sequential && !distinct) return null;
  const episodes = [sequential, distinct].filter((e): e is EnumerationEpisode => e !== null);
  const firstAt = new Date(Math.min(...episodes.map((e) => e.lookups[0].at.getTime())));
  const lastAt = new Date(Math.max(...episodes.map((e) => e.lookups[e.lookups.length - 1].at.getTime())));
  const inSpan = dayLookups.filter((l) => l.at >= firstAt && l.at <= lastAt);
  return {
    accountId: dayLookups[0].accountId,
    sequential,
    distinct,
    firstAt,
    lastAt,
    span: {
      lookups: inSpan.length,
      withDossier: inSpan.filter((l) => l.dossierCode !== null).length,
      ownUnitDossier: inSpan.filter(namesOwnUnitDossier).length,
    },
  };
}

function episodeOf(lookups: WindowLookup[], windowMs: number, minSubjects: number): EnumerationEpisode | null {
  const found = slidingEpisode(lookups, (l) => l.at.getTime(), { windowMs, keys: [(l) => l.subjectHash], mins: [minSubjects] });
  if (!found) return null;
  return {
    lookups: found.events,
    subjects: new Set(found.events.map((l) => l.subjectHash)).size,
    blocks: new Set(found.events.map((l) => l.subjectBlock ?? l.subjectHash)).size,
    peakWindowSubjects: found.peak[0],
    notFound: found.events.filter((l) => l.result === 'not_found').length,
  };
}

/**
 * The lookups whose block holds at least minPerBlock distinct citizens within windowMs either side of them, in time
 * order. Per block, two pointers over its lookups: linear in the day's lookups.
 */
export function walkLookups(lookups: readonly WindowLookup[], windowMs: number, minPerBlock: number): WindowLookup[] {
  const byBlock = new Map<string, WindowLookup[]>();
  for (const l of lookups) if (l.subjectBlock) (byBlock.get(l.subjectBlock) ?? byBlock.set(l.subjectBlock, []).get(l.subjectBlock)!).push(l);
  const kept = new Set<WindowLookup>();
  for (const block of byBlock.values()) {
    if (new Set(block.map((l) => l.subjectHash)).size < minPerBlock) continue;
    const counts = new Map<string, number>();
    let lo = 0;
    let hi = 0;
    for (const l of block) {
      const t = l.at.getTime();
      for (; hi < block.length && block[hi].at.getTime() <= t + windowMs; hi++) counts.set(block[hi].subjectHash, (counts.get(block[hi].subjectHash) ?? 0) + 1);
      for (; block[lo].at.getTime() < t - windowMs; lo++) {
        const n = counts.get(block[lo].subjectHash)! - 1;
        if (n) counts.set(block[lo].subjectHash, n);
        else counts.delete(block[lo].subjectHash);
      }
      if (counts.size >= minPerBlock) kept.add(l);
    }
  }
  return lookups.filter((l) => kept.has(l));
}
