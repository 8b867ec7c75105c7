import type { ParsedSettings } from '../scan/detector.type';
import { loadDetectionSection } from '../settings/detection-settings.service';
import { numberSection, withChecks } from '../settings/settings-section.util';

/** Detector 4 (docs/detection.md, "Gradual growth"): config/detection.json's "gradualGrowth". */
export interface GradualGrowthSettings {
  /** The weeks judged, as blocks of blockDays calendar days ending with the day judged: the last is the recent period. */
  blockDays: number;
  blocks: number;
  /** The oldest earlierBlocks blocks are the earlier period (with 5 blocks of 14 days and 2: 6 to 10 weeks before). */
  earlierBlocks: number;
  /** Working days with lookups the recent and the earlier period need to have a median. */
  minDays: number;
  /** recent median >= growth x earlier median ... */
  growth: number;
  /** ... and at least this many more lookups a day. */
  minIncrease: number;
  /** At least minRisingSteps of the steps from one block's median to the next rise, each by stepShare of the whole rise or more: a climb, not one step. */
  minRisingSteps: number;
  stepShare: number;
  /** The unit's other people whose own recent/earlier ratio is known: at least minPeers, median at least unitRiseFactor, and it is the unit's load. */
  minPeers: number;
  unitRiseFactor: number;
  /** From this share of the recent lookups naming no dossier, one severity step higher. */
  unexplainedShare: number;
  /** By recent / earlier: below medium is low. */
  severity: { medium: number; high: number; critical: number };
}

export function parseGradualGrowthSettings(raw: unknown): ParsedSettings<GradualGrowthSettings> {
  return withChecks(
    numberSection<GradualGrowthSettings>(raw, 'gradualGrowth', [
      'blockDays',
      'blocks',
      'earlierBlocks',
      'minDays',
      'growth',
      'minIncrease',
      'minRisingSteps',
      'stepShare',
      'minPeers',
      'unitRiseFactor',
      'unexplainedShare',
      ...['medium', 'high', 'critical'].map((k) => `severity.${k}`),
    ]),
    (s) => [
      [s.minDays < 1, 'gradualGrowth.minDays: at least 1 (a fortnight of no day has no median)'],
      [s.minPeers < 1, 'gradualGrowth.minPeers: at least 1'],
      [
        !Number.isInteger(s.blockDays) || s.blockDays < 1,
        'gradualGrowth.blockDays: must be a whole number of days',
      ],
      [
        !Number.isInteger(s.blocks) || s.blockDays * s.blocks > 120,
        'gradualGrowth.blocks: a whole number, blocks x blockDays at most 120 days',
      ],
      [
        !Number.isInteger(s.earlierBlocks) || s.earlierBlocks < 1 || s.earlierBlocks > s.blocks - 2,
        'gradualGrowth.earlierBlocks: from 1 to blocks - 2 (a block between them and the recent one)',
      ],
    ],
  );
}

/** The gradualGrowth section of config/detection.json, checked (tests). */
export const loadGradualGrowthSettings = (): GradualGrowthSettings =>
  loadDetectionSection('gradualGrowth', parseGradualGrowthSettings);
