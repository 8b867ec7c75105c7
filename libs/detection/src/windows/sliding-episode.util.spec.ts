import { slidingEpisode, SlidingRule } from './sliding-episode.util';

describe('slidingEpisode', () => {
  const minute = 60_000;
  type Ev = { at: number; subject: string; account: string };
  const ev = (m: number, subject: string, account = 'a'): Ev => ({ at: m * minute, subject, account });
  const rule: SlidingRule<Ev> = { windowMs: 10 * minute, keys: [(e) => e.subject], mins: [3] };
  const sut = (events: Ev[], r = rule) => slidingEpisode(events, (e) => e.at, r);

  it('finds nothing below the minimum, and repeats of one value count once', () => {
    expect(sut([ev(0, 's1'), ev(1, 's2'), ev(2, 's2'), ev(3, 's1')])).toBeNull();
  });

  it('keeps the union of the qualifying windows, and only the events in them', () => {
    const events = [ev(0, 'x'), ev(20, 's1'), ev(21, 's2'), ev(22, 's3'), ev(25, 's4'), ev(40, 'late')];
    const found = sut(events)!;
    expect(found.events.map((e) => e.subject)).toEqual(['s1', 's2', 's3', 's4']);
    expect(found.peak).toEqual([4]);
  });

  it('events further apart than the window never meet in one', () => {
    expect(sut([ev(0, 's1'), ev(11, 's2'), ev(22, 's3')])).toBeNull();
  });

  it('needs every key at its minimum', () => {
    const twoKeys: SlidingRule<Ev> = { ...rule, keys: [...rule.keys, (e) => e.account], mins: [3, 2] };
    expect(sut([ev(0, 's1'), ev(1, 's2'), ev(2, 's3')], twoKeys)).toBeNull();
    expect(sut([ev(0, 's1'), ev(1, 's2'), ev(2, 's3', 'b')], twoKeys)!.peak).toEqual([3, 2]);
  });

  it('only grows as events are added, in any order: a prefix finds part of what the whole finds', () => {
    const all = Array.from({ length: 40 }, (_, i) => ev(i * 0.7, `s${i % 13}`));
    const whole = sut(all)!.events;
    const part = sut(all.slice(0, 25))!.events;
    expect(part.every((e) => whole.includes(e))).toBe(true);
  });
});
