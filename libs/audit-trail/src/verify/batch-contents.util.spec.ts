import { diffBatchContents, manifestOf } from './batch-contents.util';

describe('diffBatchContents', () => {
  const h = (n: number): Buffer => Buffer.alloc(32, n);
  const manifest = manifestOf(['a', 'b', 'c'], Buffer.concat([h(1), h(2), h(3)]))!;

  it('finds nothing when every row matches its manifest entry', () => {
    const sut = diffBatchContents(manifest, [
      { eventId: 'c', hash: h(3) },
      { eventId: 'a', hash: h(1) },
      { eventId: 'b', hash: h(2) },
    ]);
    expect(sut).toEqual({ changed: [], removed: [], added: [] });
  });

  it('names changed, removed and added events, a repeated row counting as added', () => {
    const sut = diffBatchContents(manifest, [
      { eventId: 'a', hash: h(9) },
      { eventId: 'b', hash: h(2) },
      { eventId: 'b', hash: h(2) },
      { eventId: 'x', hash: h(4) },
    ]);
    expect(sut).toEqual({ changed: ['a'], removed: ['c'], added: ['b', 'x'] });
  });

  it('refuses a manifest whose hashes do not match its ids in number', () => {
    expect(manifestOf(['a', 'b'], h(1))).toBeNull();
  });
});
