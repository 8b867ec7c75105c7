import { numberSection } from './settings-section.util';

describe('numberSection', () => {
  it('types a section of numbers, nested by dotted key, ignoring $comment', () => {
    expect(numberSection({ $comment: 'x', minLookups: 20, severity: { high: 3, $comment: 'y' } }, 'offHours', ['minLookups', 'severity.high'])).toEqual({
      settings: { minLookups: 20, severity: { high: 3 } },
    });
  });

  it('names every missing, negative, non-number and unknown key', () => {
    expect(numberSection({ a: -1, b: '2', typo: 1 }, 's', ['a', 'b', 'c.d'])).toEqual({
      problems: ['s.a: must be a number >= 0', 's.b: must be a number >= 0', 's.c.d: must be a number >= 0', 's.typo: not a setting'],
    });
    expect(numberSection(undefined, 's', ['a'])).toEqual({ problems: ['s: must be an object'] });
  });
});
