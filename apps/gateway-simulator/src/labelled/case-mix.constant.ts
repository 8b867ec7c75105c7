import type { BenignKind, MisuseKind } from './labelled-case.type';

export interface CaseMix {
  /** Cases of each kind of misuse. */
  misuse: Record<MisuseKind, number>;
  /** Chance that each kind of misuse is injected at all (sparse: fewer kinds, drawn by seed). */
  misuseChance: number;
  /** Hard cases of each kind; Saturday units come from saturdayShare instead. */
  benign: Record<Exclude<BenignKind, 'saturday-unit'>, number>;
  /** Share of communes open on Saturday mornings. */
  saturdayShare: number;
}

const ONE_OF_EACH: Record<MisuseKind, number> = {
  'volume-spike': 1,
  'hourly-burst': 1,
  'peer-outlier': 1,
  'gradual-growth': 1,
  'off-hours': 1,
  'unexplained-lookups': 1,
  'enumeration-sequential': 1,
  'enumeration-distinct': 1,
  'foreign-network': 1,
  'concurrent-networks': 1,
  'dormant-waking': 1,
  'sensitive-fields': 1,
  'bulk-export': 1,
  'cross-unit-citizen': 1,
  'locked-account-use': 1,
};

/** Mixes accepted by --mix: standard, hard (more legitimate hard cases), sparse (fewer misuse cases). */
export const CASE_MIXES: Record<string, CaseMix> = {
  standard: {
    misuse: ONE_OF_EACH,
    misuseChance: 1,
    benign: {
      'unit-surge': 1,
      'heavy-postal': 1,
      'new-staff': 3,
      leave: 3,
      'evening-work': 1,
      'address-change': 2,
    },
    saturdayShare: 0.125,
  },
  hard: {
    misuse: ONE_OF_EACH,
    misuseChance: 1,
    benign: {
      'unit-surge': 2,
      'heavy-postal': 2,
      'new-staff': 8,
      leave: 8,
      'evening-work': 3,
      'address-change': 5,
    },
    saturdayShare: 0.3,
  },
  sparse: {
    misuse: ONE_OF_EACH,
    misuseChance: 0.5,
    benign: {
      'unit-surge': 1,
      'heavy-postal': 1,
      'new-staff': 3,
      leave: 3,
      'evening-work': 1,
      'address-change': 2,
    },
    saturdayShare: 0.125,
  },
};
