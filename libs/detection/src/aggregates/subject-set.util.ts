/**
 * The distinct citizens an account looked up in a day, kept exactly: the first 8 bytes of each keyed subject
 * hash, sorted, as one bytea. 8 bytes of an HMAC collide with odds of about n²/2⁶⁵, i.e. never at the counts of
 * a day. A merge is a linear pass over two sorted lists.
 */
const ITEM = 8;

/** The 8-byte prefixes of hex subject hashes, sorted and unique. */
export function subjectSetOf(hexHashes: Iterable<string>): Buffer {
  const unique = [...new Set([...hexHashes].map((h) => h.slice(0, ITEM * 2)))].sort();
  return Buffer.from(unique.join(''), 'hex');
}

/** The union of two sets, and how many items b added to a. */
export function mergeSubjectSets(a: Buffer, b: Buffer): { merged: Buffer; added: number } {
  if (!b.length) return { merged: a, added: 0 };
  if (!a.length) return { merged: b, added: b.length / ITEM };
  const out = Buffer.allocUnsafe(a.length + b.length);
  let i = 0;
  let j = 0;
  let o = 0;
  let added = 0;
  while (i < a.length || j < b.length) {
    const c = i >= a.length ? 1 : j >= b.length ? -1 : a.compare(b, j, j + ITEM, i, i + ITEM);
    if (c <= 0) {
      a.copy(out, o, i, i + ITEM);
      if (c === 0) j += ITEM;
      i += ITEM;
    } else {
      b.copy(out, o, j, j + ITEM);
      j += ITEM;
      added++;
    }
    o += ITEM;
  }
  return { merged: out.subarray(0, o), added };
}
