import { hash } from 'node:crypto';

export const GENESIS_DIGEST = Buffer.alloc(32, 0);

export interface ManifestEntry {
  eventId: string;
  hash: Buffer;
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * Manifest entries in the one order both writer and verifier use: by eventId, bytewise (UTF-8). Comparing the
 * JavaScript strings gives the same order unless an id holds a character beyond U+FFFF (a surrogate pair), so
 * ids are converted to bytes only then.
 */
export function sortManifest(entries: ManifestEntry[]): ManifestEntry[] {
  if (!entries.some((e) => SURROGATE.test(e.eventId))) {
    return [...entries].sort((a, b) => (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0));
  }
  return entries
    .map((entry) => ({ entry, key: Buffer.from(entry.eventId, 'utf8') }))
    .sort((a, b) => Buffer.compare(a.key, b.key))
    .map(({ entry }) => entry);
}

/**
 * Digest of one stored batch, chained to the previous batch's digest:
 * SHA-256(prev ‖ batchId ‖ count ‖ for each entry in manifest order: len(eventId) ‖ eventId ‖ hash).
 * Altering, removing or adding an event, or a batch, breaks this and every later link.
 * (Built in one buffer and hashed at once: one call instead of three per event.)
 */
export function batchDigest(prevDigest: Buffer, batchId: bigint, manifest: ManifestEntry[]): Buffer {
  let size = 32 + 12;
  for (const entry of manifest) size += 2 + Buffer.byteLength(entry.eventId, 'utf8') + entry.hash.length;
  const input = Buffer.allocUnsafe(size);
  let at = prevDigest.copy(input, 0);
  at = input.writeBigUInt64BE(batchId, at);
  at = input.writeUInt32BE(manifest.length, at);
  for (const entry of manifest) {
    const length = input.write(entry.eventId, at + 2, 'utf8');
    input.writeUInt16BE(length, at);
    at += 2 + length;
    at += entry.hash.copy(input, at);
  }
  return hash('sha256', input, 'buffer') as unknown as Buffer;
}
