import type { SimAccount } from '../province.type';
import type { DraftEvent } from '../session.type';
import type { SessionContext } from '../session.util';

/** Injected misuse, named after what it does; `detector` in the label gives the detector number. */
export type MisuseKind =
  | 'volume-spike'
  | 'hourly-burst'
  | 'peer-outlier'
  | 'gradual-growth'
  | 'off-hours'
  | 'unexplained-lookups'
  | 'enumeration-sequential'
  | 'enumeration-distinct'
  | 'foreign-network'
  | 'concurrent-networks'
  | 'dormant-waking'
  | 'sensitive-fields'
  | 'bulk-export'
  | 'cross-unit-citizen'
  | 'locked-account-use';

/** Legitimate behaviour that looks like misuse to a naive detector: labelled benign:<kind>. */
export type BenignKind =
  'unit-surge' | 'heavy-postal' | 'new-staff' | 'saturday-unit' | 'leave' | 'evening-work' | 'address-change';

export const MISUSE_DETECTOR: Record<MisuseKind, number> = {
  'volume-spike': 1,
  'hourly-burst': 1,
  'peer-outlier': 2,
  'gradual-growth': 4,
  'off-hours': 5,
  'unexplained-lookups': 6,
  'enumeration-sequential': 7,
  'enumeration-distinct': 7,
  'foreign-network': 8,
  'concurrent-networks': 8,
  'dormant-waking': 9,
  'sensitive-fields': 10,
  'bulk-export': 11,
  'cross-unit-citizen': 12,
  'locked-account-use': 13,
};

/** The detector each hard case could fool. */
export const BENIGN_DETECTOR: Record<BenignKind, number> = {
  'unit-surge': 3,
  'heavy-postal': 2,
  'new-staff': 2,
  'saturday-unit': 5,
  leave: 9,
  'evening-work': 5,
  'address-change': 8,
};

export type CaseParams = Record<string, string | number | boolean | string[]>;

/** One injected case, as the labels file writes it. Times are RFC 3339 with +07:00. */
export interface CaseLabel {
  caseId: string;
  kind: MisuseKind | `benign:${BenignKind}`;
  detector: number;
  accountIds: string[];
  unitCodes: string[];
  /** Where the behaviour is in the stream: [from, to). */
  from: string;
  to: string;
  description: string;
  params: CaseParams;
}

/** How an account's ordinary sessions look on a day. */
export interface SessionStyle {
  /** Chance that a step of the work is a lookup outside any dossier instead of a dossier. */
  unexplainedShare: number;
  /** Chance that a lookup also returns sensitive fields its procedure does not need. */
  sensitiveShare: number;
  /** Address of the machine, when not the office one. */
  clientIp?: string;
}

/** Where a case acts: on the day's volume and style of its accounts, and with sessions of its own. */
export interface Injection {
  label: CaseLabel;
  accounts: SimAccount[];
  /** Multiplies the account's ordinary volume that day; 0 silences it. */
  factor?(account: SimAccount, day: number): number;
  style?(account: SimAccount, day: number): Partial<SessionStyle> | undefined;
  /** Sessions of its own on the local day starting at dayStart. */
  extra?(ctx: SessionContext, day: number, dayStart: number): DraftEvent[][];
}
