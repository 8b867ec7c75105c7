import type { ManifestEntry } from '../batch-chain';

/** Differences between what a batch's manifest says it stored and the rows that carry its id. */
export interface BatchContentsDiff {
  changed: string[];
  removed: string[];
  added: string[];
}

/** The manifest as stored in audit_batch: ids in manifest order, hashes concatenated (32 bytes each). */
export function manifestOf(eventIds: string[], eventHashes: Buffer): ManifestEntry[] | null {
  if (eventHashes.length !== eventIds.length * 32) return null;
  return eventIds.map((eventId, i) => ({ eventId, hash: eventHashes.subarray(i * 32, i * 32 + 32) }));
}

/**
 * Compares the rows found for a batch (event id and recomputed hash) with its manifest. A row whose id the manifest
 * lacks, or a second row for one id, is added; a differing hash is changed; a manifest id with no row is removed.
 */
export function diffBatchContents(manifest: ManifestEntry[], rows: { eventId: string; hash: Buffer }[]): BatchContentsDiff {
  const expected = new Map(manifest.map((e) => [e.eventId, e.hash]));
  const seen = new Set<string>();
  const diff: BatchContentsDiff = { changed: [], removed: [], added: [] };
  for (const row of rows) {
    const hash = expected.get(row.eventId);
    if (!hash || seen.has(row.eventId)) diff.added.push(row.eventId);
    else if (!hash.equals(row.hash)) diff.changed.push(row.eventId);
    seen.add(row.eventId);
  }
  for (const e of manifest) if (!seen.has(e.eventId)) diff.removed.push(e.eventId);
  return diff;
}

export function isEmptyDiff(d: BatchContentsDiff): boolean {
  return !d.changed.length && !d.removed.length && !d.added.length;
}
