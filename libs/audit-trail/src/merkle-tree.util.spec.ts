import { createHash } from 'node:crypto';
import { batchDigest, GENESIS_DIGEST, linkDigest } from './batch-chain';
import { merkleFill, merkleLeaf, merkleLeaves, merkleRoot, merkleRootFromFill } from './merkle-tree.util';

const sha = (...parts: Buffer[]): Buffer => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest();

/** RFC 6962's definition, recursively, to hold the level-by-level build to it. */
function reference(leaves: Buffer[]): Buffer {
  if (leaves.length === 1) return leaves[0];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return sha(Buffer.from([1]), reference(leaves.slice(0, k)), reference(leaves.slice(k)));
}

const ids = (n: number): string[] => Array.from({ length: n }, (_, i) => `igate-${String(i).padStart(4, '0')}`);
const hashes = (n: number): Buffer => Buffer.concat(Array.from({ length: n }, (_, i) => Buffer.alloc(32, i % 251)));

describe('merkleRoot', () => {
  it('equals RFC 6962 Merkle Tree Hash for every size up to 70', () => {
    for (let n = 1; n <= 70; n++) expect(merkleRoot(merkleLeaves(ids(n), hashes(n)))).toEqual(reference(merkleLeaves(ids(n), hashes(n))));
  });

  it('hashes a leaf as 0x00 ‖ len(eventId) ‖ eventId ‖ hash, ids in UTF-8', () => {
    const h = Buffer.alloc(32, 7);
    const id = Buffer.from('sự-kiện', 'utf8');
    const len = Buffer.alloc(2);
    len.writeUInt16BE(id.length);
    expect(merkleLeaf('sự-kiện', h)).toEqual(sha(Buffer.from([0]), len, id, h));
    expect(merkleLeaves(['sự-kiện'], h)[0]).toEqual(merkleLeaf('sự-kiện', h));
  });
});

describe('batchDigest form 2', () => {
  it('is SHA-256(prev ‖ batchId ‖ count ‖ Merkle root)', () => {
    const manifest = ids(5).map((eventId, i) => ({ eventId, hash: Buffer.alloc(32, i) }));
    const root = merkleRoot(manifest.map((e) => merkleLeaf(e.eventId, e.hash)));
    const header = Buffer.alloc(12);
    header.writeBigUInt64BE(42n, 0);
    header.writeUInt32BE(5, 8);
    expect(batchDigest(GENESIS_DIGEST, 42n, manifest)).toEqual(sha(GENESIS_DIGEST, header, root));
    expect(linkDigest(GENESIS_DIGEST, 42n, 5, root)).toEqual(batchDigest(GENESIS_DIGEST, 42n, manifest, 2));
    expect(batchDigest(GENESIS_DIGEST, 42n, manifest, 1)).not.toEqual(batchDigest(GENESIS_DIGEST, 42n, manifest, 2));
  });
});

describe('merkleFill', () => {
  const leaves = merkleLeaves(ids(37), hashes(37));
  const root = merkleRoot(leaves);
  const pick = (indexes: number[]) => new Map(indexes.map((i) => [i, leaves[i]]));

  it('proves any selection: the root rebuilds from the selected leaves and the fill alone', () => {
    for (const indexes of [[0], [36], [5, 6, 7], [0, 17, 36], [...leaves.keys()]]) {
      const fill = merkleFill(leaves, indexes);
      expect(merkleRootFromFill(37, pick(indexes), fill)).toEqual(root);
    }
    expect(merkleFill(leaves, [...leaves.keys()])).toHaveLength(0);
    expect(merkleFill(leaves, [20]).length).toBeLessThanOrEqual(6);
  });

  it('fails for another leaf, a leaf at another position, a changed or short fill', () => {
    const fill = merkleFill(leaves, [3, 30]);
    expect(merkleRootFromFill(37, new Map([[3, leaves[3]], [30, leaves[29]]]), fill)).not.toEqual(root);
    expect(merkleRootFromFill(37, new Map([[4, leaves[3]], [30, leaves[30]]]), fill)).not.toEqual(root);
    const altered = fill.map((h, i) => (i === 2 ? Buffer.alloc(32, 1) : h));
    expect(merkleRootFromFill(37, pick([3, 30]), altered)).not.toEqual(root);
    expect(merkleRootFromFill(37, pick([3, 30]), fill.slice(1))).toBeNull();
    expect(merkleRootFromFill(37, pick([3, 30]), [...fill, Buffer.alloc(32)])).toBeNull();
    expect(merkleRootFromFill(37, pick([3, 37]), fill)).toBeNull();
  });
});
