import { learnProfiles } from './procedure-profile.util';

describe(learnProfiles.name, () => {
  const period = { fromDay: '2026-10-28', toDay: '2026-11-26', computedAt: new Date('2026-11-27T00:30:00+07:00') };
  const s = { minShare: 0.2, days: 30, minLookups: 50 };

  it('keeps the fields at least minShare of the lookups returned, with every share, and no profile below minLookups', () => {
    const sut = learnProfiles(
      [
        { code: '9.000001', lookups: 100, field: 'fullName', count: 100 },
        { code: '9.000001', lookups: 100, field: 'household', count: 20 },
        { code: '9.000001', lookups: 100, field: 'religion', count: 3 },
        { code: '9.000002', lookups: 49, field: 'fullName', count: 49 },
        { code: '9.000003', lookups: 60, field: null, count: 0 },
      ],
      s,
      period,
    );
    expect(sut).toEqual([
      { code: '9.000001', fields: ['fullName', 'household'], lookups: 100, fieldShares: { fullName: 1, household: 0.2, religion: 0.03 }, ...period },
      { code: '9.000003', fields: [], lookups: 60, fieldShares: {}, ...period },
    ]);
  });
});
