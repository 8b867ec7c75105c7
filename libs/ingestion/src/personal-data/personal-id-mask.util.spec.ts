import { maskPersonalIds, maskPersonalIdsDeep } from './personal-id-mask.util';

describe('maskPersonalIds', () => {
  it('masks every long digit run, keeping its length, and leaves dates and short codes', () => {
    expect(maskPersonalIds('{"subjectId":"052190012345","x":"52190012345"} 2026-11-20 000001')).toBe(
      '{"subjectId":"************","x":"***********"} 2026-11-20 000001',
    );
  });

  it('masks strings at every depth of a JSON value', () => {
    expect(maskPersonalIdsDeep({ a: ['id 052190012345'], b: { c: 'ok', n: 5 } })).toEqual({ a: ['id ************'], b: { c: 'ok', n: 5 } });
  });
});
