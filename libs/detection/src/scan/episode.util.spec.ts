import { episodeStart } from './episode.util';

describe(episodeStart.name, () => {
  const flagged = (days: string[]) => (d: string) => days.includes(d);

  it('joins flagged days no more than the gap apart, and starts at the earliest of them', () => {
    const sut = flagged(['2026-10-01', '2026-10-10', '2026-10-20']);
    expect(episodeStart('2026-10-25', sut, 10, 90)).toBe('2026-10-01');
    expect(episodeStart('2026-10-25', sut, 9, 90)).toBe('2026-10-20');
  });

  it('is the day itself when nothing before it is flagged, and stops at the look-back', () => {
    expect(episodeStart('2026-10-25', flagged([]), 10, 90)).toBe('2026-10-25');
    expect(episodeStart('2026-10-25', flagged(['2026-10-20', '2026-10-12']), 10, 8)).toBe('2026-10-20');
  });
});
