import { createHash } from 'node:crypto';

export const GENESIS_DIGEST = Buffer.alloc(32, 0);

export interface ManifestEntry {
  eventId: string;
  hash: Buffer;
}

/** Manifest entries in the one order both writer and verifier use: by eventId, bytewise. */
export function sortManifest(entries: ManifestEntry[]): ManifestEntry[] {
  return entries
    .map((entry) => ({ entry, key: Buffer.from(entry.eventId, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map(({ entry }) => entry);
}

/**
 * Digest of one stored batch, chained to the previous batch's digest:
 * SHA-256(prev ‖ batchId ‖ count ‖ for each entry in manifest order: len(eventId) ‖ eventId ‖ hash).
 * Altering, removing or adding an event, or a batch, breaks this and every later link.
 */
export function batchDigest(prevDigest: Buffer, batchId: bigint, manifest: ManifestEntry[]): Buffer {
  const h = createHash('sha256').update(prevDigest);
  const header = Buffer.alloc(12);
  header.writeBigUInt64BE(batchId, 0);
  header.writeUInt32BE(manifest.length, 8);
  h.update(header);
  const len = Buffer.alloc(2);
  for (const entry of manifest) {
    const id = Buffer.from(entry.eventId, 'utf8');
    len.writeUInt16BE(id.length, 0);
    h.update(len).update(id).update(entry.hash);
  }
  return h.digest();
}
