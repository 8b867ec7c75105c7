import { batchDigest, GENESIS_DIGEST, sortManifest } from './batch-chain';
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

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});
