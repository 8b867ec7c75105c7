import { hash } from 'node:crypto';

/**
 * The Merkle tree over a batch's manifest that digest form 2 commits to (RFC 6962's Merkle Tree Hash): a proof that
 * some events belong to a batch needs only the hashes of the subtrees holding none of them, never the other events.
 *
 *   leaf  = SHA-256(0x00 ‖ len(eventId) (2 bytes BE) ‖ eventId (UTF-8) ‖ event hash (32 bytes))
 *   node  = SHA-256(0x01 ‖ left ‖ right)
 *   MTH(D[0:n]) = leaf for n = 1; node(MTH(D[0:k]), MTH(D[k:n])) with k the largest power of two below n;
 *   the empty tree is SHA-256 of nothing.
 */
const sha256 = (input: Buffer): Buffer => hash('sha256', input, 'buffer') as unknown as Buffer;

export function merkleLeaf(eventId: string, eventHash: Buffer): Buffer {
  const id = Buffer.from(eventId, 'utf8');
  const input = Buffer.allocUnsafe(3 + id.length + 32);
  input[0] = 0;
  input.writeUInt16BE(id.length, 1);
  id.copy(input, 3);
  eventHash.copy(input, 3 + id.length, 0, 32);
  return sha256(input);
}

function node(left: Buffer, right: Buffer): Buffer {
  const input = Buffer.allocUnsafe(65);
  input[0] = 1;
  left.copy(input, 1);
  right.copy(input, 33);
  return sha256(input);
}

/** The split point of RFC 6962: the largest power of two strictly below n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/**
 * The leaves of a manifest as audit_batch keeps it (ids in manifest order, 32-byte hashes concatenated), written into
 * one buffer and hashed in place: the writer does this for every batch it stores.
 */
export function merkleLeaves(eventIds: string[], eventHashes: Buffer): Buffer[] {
  let size = 0;
  for (const id of eventIds) size += 35 + Buffer.byteLength(id, 'utf8');
  const input = Buffer.allocUnsafe(size);
  const leaves = new Array<Buffer>(eventIds.length);
  for (let i = 0, at = 0; i < eventIds.length; i++) {
    const start = at;
    input[at] = 0;
    const length = input.write(eventIds[i], at + 3, 'utf8');
    input.writeUInt16BE(length, at + 1);
    at += 3 + length;
    at += eventHashes.copy(input, at, i * 32, i * 32 + 32);
    leaves[i] = sha256(input.subarray(start, at));
  }
  return leaves;
}

/** The root, level by level (a last node without a sibling moves up as it is, which is RFC 6962's split). */
export function merkleRoot(leaves: Buffer[]): Buffer {
  if (!leaves.length) return sha256(Buffer.alloc(0));
  let level = leaves;
  const input = Buffer.allocUnsafe(65);
  input[0] = 1;
  while (level.length > 1) {
    const up = new Array<Buffer>(Math.ceil(level.length / 2));
    for (let i = 0; i + 1 < level.length; i += 2) {
      level[i].copy(input, 1);
      level[i + 1].copy(input, 33);
      up[i >> 1] = sha256(input);
    }
    if (level.length % 2) up[up.length - 1] = level[level.length - 1];
    level = up;
  }
  return level[0];
}

/** The Merkle root of a manifest as audit_batch keeps it. */
export function manifestRoot(eventIds: string[], eventHashes: Buffer): Buffer {
  return merkleRoot(merkleLeaves(eventIds, eventHashes));
}

/** Whether the sorted indexes hold one in [lo, hi). */
function anyIn(sorted: number[], lo: number, hi: number): boolean {
  let a = 0;
  let b = sorted.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if (sorted[mid] < lo) a = mid + 1;
    else b = mid;
  }
  return a < sorted.length && sorted[a] < hi;
}

/**
 * The proof that the leaves at `indexes` (sorted, distinct) belong to the tree: the roots of the largest subtrees
 * holding none of them, depth first, left to right. Empty when every leaf is selected; about k·log2(n/k) hashes
 * for k of n.
 */
export function merkleFill(leaves: Buffer[], indexes: number[]): Buffer[] {
  const fill: Buffer[] = [];
  const visit = (lo: number, hi: number): void => {
    if (!anyIn(indexes, lo, hi)) fill.push(merkleRoot(leaves.slice(lo, hi)));
    else if (hi - lo > 1) {
      const k = split(hi - lo);
      visit(lo, lo + k);
      visit(lo + k, hi);
    }
  };
  if (leaves.length) visit(0, leaves.length);
  return fill;
}

/**
 * The root rebuilt from the selected leaves (index → leaf) and the fill merkleFill gave: null when the fill does not
 * have exactly the hashes that tree shape needs.
 */
export function merkleRootFromFill(count: number, selected: Map<number, Buffer>, fill: Buffer[]): Buffer | null {
  if (count === 0) return fill.length ? null : merkleRoot([]);
  const indexes = [...selected.keys()].sort((a, b) => a - b);
  if (indexes.some((i) => !Number.isInteger(i) || i < 0 || i >= count)) return null;
  let next = 0;
  const visit = (lo: number, hi: number): Buffer | null => {
    if (!anyIn(indexes, lo, hi)) return next < fill.length ? fill[next++] : null;
    if (hi - lo === 1) return selected.get(lo)!;
    const k = split(hi - lo);
    const left = visit(lo, lo + k);
    const right = left && visit(lo + k, hi);
    return right && node(left!, right);
  };
  const root = visit(0, count);
  return root && next === fill.length ? root : null;
}
