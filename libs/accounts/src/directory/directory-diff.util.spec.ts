import { directoryDiff } from './directory-diff.util';

describe('directoryDiff', () => {
  const entry = (over: object) => ({
    accountId: 'a',
    fullName: null,
    unitCode: 'U1',
    unitName: null,
    role: null,
    accountType: 'person' as const,
    status: 'active' as const,
    email: null,
    createdAt: null,
    lastLoginAt: null,
    extra: { b: 1, a: 2 },
    ...over,
  });

  it('returns only the fields that changed, and nothing when the entry is the same', () => {
    expect(directoryDiff(entry({}), entry({ extra: { a: 2, b: 1 } }))).toBeNull();
    expect(directoryDiff(entry({}), entry({ status: 'transferred', unitCode: 'U2' }))).toEqual({
      before: { status: 'active', unitCode: 'U1' },
      after: { status: 'transferred', unitCode: 'U2' },
    });
  });
});
