import type { StoredBatch, StoredEventSummary } from '@app/audit-trail';
import { LocalDay, localDay } from '../calendar/local-day.util';
import { namesOwnUnitDossier } from './window-lookup.type';

const LOOKUP_ACTIONS = new Set(['lookup', 'verify']);

/** A lookup of a citizen, as account_day counts it (events dated in the future are left out). */
const isLookup = (e: StoredEventSummary): boolean => LOOKUP_ACTIONS.has(e.action) && e.subjectHash !== null && !e.flags.includes('future_time');

/** A lookup not for a dossier of the account's unit. */
export const withoutOwnUnitDossier = (e: StoredEventSummary): boolean => isLookup(e) && !namesOwnUnitDossier(e);
/** A lookup naming no dossier at all. */
export const withoutDossier = (e: StoredEventSummary): boolean => isLookup(e) && e.dossierCode === null;

/**
 * The batch's lookups that a window detector counts (counted), by local day, then by key (the account, or the
 * citizen's hash), with their instants (ms): what the detector must judge again after this batch.
 */
export function touchedWindows(
  batch: StoredBatch,
  counted: (e: StoredEventSummary) => boolean,
  keyOf: (e: StoredEventSummary) => string,
): Map<LocalDay, Map<string, number[]>> {
  const out = new Map<LocalDay, Map<string, number[]>>();
  for (const e of batch.events) {
    if (!counted(e)) continue;
    const day = localDay(e.occurredAt);
    const byKey = out.get(day) ?? out.set(day, new Map()).get(day)!;
    const key = keyOf(e);
    (byKey.get(key) ?? byKey.set(key, []).get(key)!).push(e.occurredAt.getTime());
  }
  return out;
}

/**
 * Whether a batch's lookups (instants, ms) fall within a window of an episode: only then can the batch have changed
 * it (a counted lookup inside it, or one that completed a window ending inside it); otherwise its alert stays.
 */
export function touchesEpisode(times: readonly number[], episode: { firstAt: Date; lastAt: Date }, windowMs: number): boolean {
  const from = episode.firstAt.getTime() - windowMs;
  const to = episode.lastAt.getTime() + windowMs;
  return times.some((t) => t >= from && t <= to);
}
