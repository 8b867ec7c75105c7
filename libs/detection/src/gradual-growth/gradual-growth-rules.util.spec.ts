import { growthRatio, judgeGrowth } from './gradual-growth-rules.util';
import { loadGradualGrowthSettings } from './gradual-growth-settings.util';

const s = loadGradualGrowthSettings();
/** Five fortnights of working days, oldest first, at these volumes. */
const blocks = (...volumes: number[][]) =>
  volumes.map((v, b) => ({ volumes: v, offsets: v.map((_, i) => -((volumes.length - 1 - b) * 14 + (v.length - 1 - i))) }));
const flat = (n: number, days = 10) => Array.from({ length: days }, (_, i) => n + (i % 3) - 1);

describe(judgeGrowth.name, () => {
  it('fires on a climb through the weeks: twice the earlier median, 15 more a day, rising fortnight after fortnight', () => {
    const sut = judgeGrowth(blocks(flat(20), flat(24), flat(35), flat(48), flat(63)), s);
    expect(sut).toMatchObject({ recent: 63, earlier: 22, blockMedians: [20, 24, 35, 48, 63], risingSteps: 3, ratio: 2.86, increase: 41, fires: true });
    expect(sut!.trendPerWeek).toBeGreaterThan(5);
  });

  it('is silent on one step (a new post), even when a fortnight straddles it, and on a small account', () => {
    expect(judgeGrowth(blocks(flat(20), flat(20), flat(20), flat(60), flat(60)), s)).toMatchObject({ risingSteps: 1, fires: false });
    expect(judgeGrowth(blocks(flat(20), flat(20), flat(40), flat(60), flat(60)), s)).toMatchObject({ risingSteps: 2, fires: false });
    expect(judgeGrowth(blocks(flat(4), flat(5), flat(8), flat(10), flat(12)), s)?.fires).toBe(false); // 3x but +8 a day
  });

  it('has nothing to say with fewer than minDays working days in the recent or earlier period (new staff, long leave)', () => {
    expect(judgeGrowth(blocks(flat(20, 1), flat(20, 2), flat(35), flat(48), flat(63)), s)).toBeNull();
    expect(growthRatio(blocks(flat(20), flat(20), flat(35), flat(48), flat(63, 3)), s)).toBeNull();
  });
});
