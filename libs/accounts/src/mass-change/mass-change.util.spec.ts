import { massChangeThreshold, massChangeToken } from './mass-change.util';

describe('massChangeThreshold', () => {
  it.each([
    [0, 20],
    [100, 20],
    [200, 20],
    [201, 20],
    [210, 21],
    [1028, 102],
  ])('with %i active accounts allows %i at 10%%, at least 20', (active, threshold) => {
    expect(massChangeThreshold(active, { share: 0.1, min: 20 })).toBe(threshold);
  });

  it('counts whole accounts without floating-point loss', () => {
    expect(massChangeThreshold(10, { share: 0.3, min: 0 })).toBe(3);
    expect(massChangeThreshold(10, { share: 1, min: 0 })).toBe(10);
  });
});

describe('massChangeToken', () => {
  it('names the plan: the same accounts in any order give the same token', () => {
    expect(massChangeToken('idle_lock', ['b', 'a', 'c'])).toBe(
      massChangeToken('idle_lock', ['c', 'b', 'a', 'a']),
    );
    expect(massChangeToken('idle_lock', ['a'])).toMatch(/^[0-9a-f]{32}$/);
  });

  it('differs for one account more or less, and for another operation', () => {
    const token = massChangeToken('idle_lock', ['a', 'b']);
    expect(massChangeToken('idle_lock', ['a', 'b', 'c'])).not.toBe(token);
    expect(massChangeToken('idle_lock', ['a'])).not.toBe(token);
    expect(massChangeToken('directory_full_sync', ['a', 'b'])).not.toBe(token);
    // Ids are separated, so that ["ab"] and ["a", "b"] are different plans.
    expect(massChangeToken('idle_lock', ['ab'])).not.toBe(massChangeToken('idle_lock', ['a', 'b']));
  });
});
