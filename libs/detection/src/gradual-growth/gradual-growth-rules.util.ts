import { linearRegression, median } from 'simple-statistics';
import type { GradualGrowthSettings } from './gradual-growth-settings.util';

/** A block's working days with lookups: their volumes, and their positions (days before the day judged, negative). */
export interface GrowthPeriod {
  volumes: number[];
  offsets: number[];
}

/** A block's median is read from this many working days (fewer: leave, its step is skipped). */
const MIN_BLOCK_DAYS = 3;

export interface GrowthJudgement {
  recent: number;
  earlier: number;
  /** Each block's median, oldest first (null: too few working days). */
  blockMedians: (number | null)[];
  risingSteps: number;
  /** recent / earlier. */
  ratio: number;
  increase: number;
  /** Least-squares slope over the blocks' days, in lookups a week (for the reviewer: the climb's pace). */
  trendPerWeek: number;
  fires: boolean;
}

const joined = (periods: GrowthPeriod[]): number[] => periods.flatMap((p) => p.volumes);

/** recent / earlier of one account, or null when a period has fewer than minDays days (the unit's check). */
export function growthRatio(blocks: GrowthPeriod[], s: GradualGrowthSettings): number | null {
  const recent = blocks[blocks.length - 1].volumes;
  const earlier = joined(blocks.slice(0, s.earlierBlocks));
  if (recent.length < s.minDays || earlier.length < s.minDays) return null;
  const e = median(earlier);
  return e > 0 ? median(recent) / e : null;
}

/**
 * A sustained rise over the blocks (oldest first; the last is the recent one): the recent median at least
 * `growth` times the earlier blocks' and `minIncrease` more lookups a day, reached by at least `minRisingSteps`
 * rises from one block's median to the next, each of `stepShare` of the whole rise or more. One step (a new post,
 * a busier desk) is one rise, however large. Medians of working days with lookups: days off and leave neither
 * lower a block nor make a rise.
 */
export function judgeGrowth(blocks: GrowthPeriod[], s: GradualGrowthSettings): GrowthJudgement | null {
  const recentVolumes = blocks[blocks.length - 1].volumes;
  const earlierVolumes = joined(blocks.slice(0, s.earlierBlocks));
  if (recentVolumes.length < s.minDays || earlierVolumes.length < s.minDays) return null;
  const [r, e] = [median(recentVolumes), median(earlierVolumes)];
  const increase = r - e;
  const blockMedians = blocks.map((b) => (b.volumes.length >= MIN_BLOCK_DAYS ? median(b.volumes) : null));
  const known = blockMedians.filter((m): m is number => m !== null);
  let risingSteps = 0;
  for (let i = 1; i < known.length; i++) if (increase > 0 && known[i] - known[i - 1] >= s.stepShare * increase) risingSteps++;
  const { m: slope } = linearRegression(blocks.flatMap((b) => b.offsets.map((x, i) => [x, b.volumes[i]])));
  const fires = r >= s.growth * e && increase >= s.minIncrease && risingSteps >= s.minRisingSteps;
  return { recent: r, earlier: e, blockMedians, risingSteps, ratio: e > 0 ? Math.round((r / e) * 100) / 100 : r, increase, trendPerWeek: Math.round(slope * 7 * 10) / 10, fires };
}
