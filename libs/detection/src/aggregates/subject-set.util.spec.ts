import { randomBytes } from 'node:crypto';
import { mergeSubjectSets, subjectSetOf } from './subject-set.util';

describe('subject sets', () => {
  const hash = () => randomBytes(32).toString('hex');

  it('keeps each citizen once, sorted, whatever the order and repeats', () => {
    const [a, b, c] = [hash(), hash(), hash()];
    const set = subjectSetOf([c, a, b, a, c]);
    expect(set.length).toBe(24);
    const items = [0, 8, 16].map((i) => set.subarray(i, i + 8).toString('hex'));
    expect(items).toEqual([a, b, c].map((h) => h.slice(0, 16)).sort());
  });

  it('merges two sets exactly, counting only what is new', () => {
    const all = Array.from({ length: 500 }, hash);
    const left = subjectSetOf(all.slice(0, 300));
    const right = subjectSetOf(all.slice(200));
    const { merged, added } = mergeSubjectSets(left, right);
    expect(added).toBe(200);
    expect(merged.equals(subjectSetOf(all))).toBe(true);
    expect(mergeSubjectSets(merged, right)).toEqual({ merged, added: 0 });
    expect(mergeSubjectSets(Buffer.alloc(0), right).added).toBe(300);
  });
});
