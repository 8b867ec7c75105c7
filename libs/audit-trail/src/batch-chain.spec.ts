import { createHash } from 'node:crypto';
import { batchDigest, GENESIS_DIGEST, ManifestEntry, sortManifest } from './batch-chain';
import { canonicalJson } from './canonical-event';

describe('batchDigest', () => {
  const entry = (eventId: string, fill: number) => ({ eventId, hash: Buffer.alloc(32, fill) });
  const manifest = sortManifest([entry('b', 2), entry('a', 1)]);

  it('is the same for the same batch and changes with any event, its order key or the previous link', () => {
    const sut = batchDigest(GENESIS_DIGEST, 1n, manifest);
    expect(batchDigest(GENESIS_DIGEST, 1n, sortManifest([entry('a', 1), entry('b', 2)]))).toEqual(sut);
    expect(batchDigest(GENESIS_DIGEST, 1n, [manifest[0], entry('b', 3)])).not.toEqual(sut);
    expect(batchDigest(GENESIS_DIGEST, 1n, [manifest[0]])).not.toEqual(sut);
    expect(batchDigest(GENESIS_DIGEST, 2n, manifest)).not.toEqual(sut);
    expect(batchDigest(Buffer.alloc(32, 9), 1n, manifest)).not.toEqual(sut);
  });
});

describe('batchDigest form 1, as defined', () => {
  /** The definition, update by update: the one-buffer build must give the same digest (existing chains verify). */
  function reference(prev: Buffer, batchId: bigint, manifest: ManifestEntry[]): Buffer {
    const h = createHash('sha256').update(prev);
    const header = Buffer.alloc(12);
    header.writeBigUInt64BE(batchId, 0);
    header.writeUInt32BE(manifest.length, 8);
    h.update(header);
    for (const e of manifest) {
      const id = Buffer.from(e.eventId, 'utf8');
      const len = Buffer.alloc(2);
      len.writeUInt16BE(id.length, 0);
      h.update(len).update(id).update(e.hash);
    }
    return h.digest();
  }

  it('equals SHA-256(prev ‖ batchId ‖ count ‖ len ‖ eventId ‖ hash …) for ASCII and non-ASCII ids', () => {
    const manifest = sortManifest(
      ['igate-20261120-000002', 'igate-20261120-000001', 'sự-kiện-ü', 'x'.repeat(128)].map((eventId, i) => ({
        eventId,
        hash: Buffer.alloc(32, i + 1),
      })),
    );
    expect(batchDigest(Buffer.alloc(32, 5), 123456789n, manifest, 1)).toEqual(reference(Buffer.alloc(32, 5), 123456789n, manifest));
    expect(batchDigest(GENESIS_DIGEST, 1n, [], 1)).toEqual(reference(GENESIS_DIGEST, 1n, []));
  });
});

describe('sortManifest', () => {
  const entry = (eventId: string) => ({ eventId, hash: Buffer.alloc(32) });

  it('orders by UTF-8 bytes, also where JavaScript string order differs (characters beyond U+FFFF)', () => {
    // U+FF21 is EF BC A1 in UTF-8, U+1F600 is F0 9F 98 80: bytewise U+FF21 comes first, as UTF-16 it comes last.
    const ids = sortManifest([entry('e-\u{1F600}'), entry('e-\uFF21'), entry('e-a')]).map((e) => e.eventId);
    expect(ids).toEqual(['e-a', 'e-\uFF21', 'e-\u{1F600}']);
    expect(sortManifest([entry('b'), entry('a'), entry('B')]).map((e) => e.eventId)).toEqual(['B', 'a', 'b']);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
