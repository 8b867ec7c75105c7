import { hash } from 'node:crypto';
import { manifestRoot } from './merkle-tree.util';

export const GENESIS_DIGEST = Buffer.alloc(32, 0);

export interface ManifestEntry {
  eventId: string;
  hash: Buffer;
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * The order of a batch's manifest, which both writer and verifier use: by eventId, bytewise (UTF-8). Returns the
 * indexes of ids in that order. Comparing JavaScript strings gives the same order unless an id holds a character
 * beyond U+FFFF (a surrogate pair), so ids are converted to bytes only then.
 */
export function manifestOrder(eventIds: string[]): number[] {
  const order = [...eventIds.keys()];
  if (!eventIds.some((id) => SURROGATE.test(id))) {
    return order.sort((a, b) => (eventIds[a] < eventIds[b] ? -1 : eventIds[a] > eventIds[b] ? 1 : 0));
  }
  const keys = eventIds.map((id) => Buffer.from(id, 'utf8'));
  return order.sort((a, b) => Buffer.compare(keys[a], keys[b]));
}

export function sortManifest(entries: ManifestEntry[]): ManifestEntry[] {
  return manifestOrder(entries.map((e) => e.eventId)).map((i) => entries[i]);
}

/**
 * How a link's digest covers its manifest (kept per batch in audit_batch.digest_form):
 * 1 — SHA-256(prev ‖ batchId ‖ count ‖ for each event in manifest order: len(eventId) ‖ eventId ‖ hash);
 * 2 — SHA-256(prev ‖ batchId ‖ count ‖ Merkle root of the manifest) (merkle-tree.util.ts), written from now on:
 *     a proof that some events belong to a batch needs neither the other events nor their ids.
 * batchId is 8 bytes and count 4 bytes, big-endian.
 */
export type DigestForm = 1 | 2;
export const DIGEST_FORM: DigestForm = 2;

/**
 * Digest of one stored batch, chained to the previous batch's digest, with the ids in manifest order and their
 * 32-byte hashes concatenated in the same order (as audit_batch keeps them). Altering, removing or adding an event,
 * or a batch, breaks this and every later link.
 */
export function chainDigest(
  prevDigest: Buffer,
  batchId: bigint,
  eventIds: string[],
  eventHashes: Buffer,
  form: DigestForm = DIGEST_FORM,
): Buffer {
  if (form === 2) return linkDigest(prevDigest, batchId, eventIds.length, manifestRoot(eventIds, eventHashes));
  let size = 32 + 12 + eventHashes.length;
  for (const id of eventIds) size += 2 + Buffer.byteLength(id, 'utf8');
  const input = Buffer.allocUnsafe(size);
  let at = prevDigest.copy(input, 0);
  at = input.writeBigUInt64BE(batchId, at);
  at = input.writeUInt32BE(eventIds.length, at);
  for (let i = 0; i < eventIds.length; i++) {
    const length = input.write(eventIds[i], at + 2, 'utf8');
    input.writeUInt16BE(length, at);
    at += 2 + length;
    at += eventHashes.copy(input, at, i * 32, i * 32 + 32);
  }
  return hash('sha256', input, 'buffer') as unknown as Buffer;
}

/** Digest form 2 from the manifest's Merkle root: all a verifier needs of a link none of whose events it holds. */
export function linkDigest(prevDigest: Buffer, batchId: bigint, count: number, root: Buffer): Buffer {
  const input = Buffer.allocUnsafe(76);
  prevDigest.copy(input, 0);
  input.writeBigUInt64BE(batchId, 32);
  input.writeUInt32BE(count, 40);
  root.copy(input, 44);
  return hash('sha256', input, 'buffer') as unknown as Buffer;
}

/** chainDigest of a manifest given as entries. */
export function batchDigest(prevDigest: Buffer, batchId: bigint, manifest: ManifestEntry[], form: DigestForm = DIGEST_FORM): Buffer {
  return chainDigest(
    prevDigest,
    batchId,
    manifest.map((e) => e.eventId),
    Buffer.concat(manifest.map((e) => e.hash)),
    form,
  );
}
