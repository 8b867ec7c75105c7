import { slidingEpisode } from '../windows/sliding-episode.util';
import type { WindowLookup } from '../windows/window-lookup.type';
import type { CrossUnitSettings } from './cross-unit-settings.util';

export interface CrossUnitAccount {
  accountId: string;
  unitCode: string | null;
  lookups: number;
  firstAt: Date;
}

export interface CrossUnitFinding {
  subjectHash: string;
  /** The lookups of the qualifying windows, in time order. */
  lookups: WindowLookup[];
  accounts: CrossUnitAccount[];
  units: string[];
  /** The most accounts one window held. */
  peakAccounts: number;
  firstAt: Date;
  lastAt: Date;
}

/** A lookup without a unit counts as its account's own unit: it cannot make two accounts one unit. */
export const unitKeyOf = (l: WindowLookup): string => l.unitCode ?? `?${l.accountId}`;

/**
 * Judges one citizen's lookups of one local day that name no dossier (time order): a window holding at least
 * minAccounts accounts of at least minUnits units. A lookup naming another unit's dossier is an inter-system hand-
 * over (liên thông: one dossier passes several units, each verifying the citizen), not interest in the person. Counts only grow as lookups arrive,
 * so the stream's passes find parts of what the day scan finds (sliding-episode.util).
 */
export function judgeCrossUnit(lookups: readonly WindowLookup[], s: CrossUnitSettings): CrossUnitFinding | null {
  const found = slidingEpisode(lookups, (l) => l.at.getTime(), {
    windowMs: s.windowMinutes * 60_000,
    keys: [(l) => l.accountId, unitKeyOf],
    mins: [s.minAccounts, s.minUnits],
  });
  if (!found) return null;
  const byAccount = new Map<string, CrossUnitAccount>();
  for (const l of found.events) {
    const a = byAccount.get(l.accountId) ?? byAccount.set(l.accountId, { accountId: l.accountId, unitCode: l.unitCode, lookups: 0, firstAt: l.at }).get(l.accountId)!;
    a.lookups++;
  }
  return {
    subjectHash: found.events[0].subjectHash,
    lookups: found.events,
    accounts: [...byAccount.values()].sort((a, b) => (a.accountId < b.accountId ? -1 : 1)),
    units: [...new Set(found.events.map((l) => l.unitCode).filter((u): u is string => u !== null))].sort(),
    peakAccounts: found.peak[0],
    firstAt: found.events[0].at,
    lastAt: found.events[found.events.length - 1].at,
  };
}
