import type { IdleBasis } from './idle-policy.util';

/** Whether the TTHC system should let the account sign in, as this service decided it. */
export type AccountState = 'active' | 'locked';

/** Directory status as the TTHC system's operator exports it (account-directory.v1). */
export type DirectoryStatus = 'active' | 'transferred' | 'retired' | 'suspended';

/** Why an account was locked. */
export enum LockReason {
  IDLE = 'idle',
  DIRECTORY_STATUS = 'directory_status',
  REMOVED_FROM_DIRECTORY = 'removed_from_directory',
  MANUAL = 'manual',
}

/**
 * Who or what changed an account, as recorded in its history: `user:<username>`, `producer:<source system>`
 * or `system:<job>`.
 */
export type Actor = string;

export const SYSTEM_IDLE_LOCK: Actor = 'system:idle-lock-job';
export const SYSTEM_INGEST: Actor = 'system:ingest';

export interface AccountView {
  accountId: string;
  fullName: string | null;
  unitCode: string | null;
  unitName: string | null;
  role: string | null;
  accountType: 'person' | 'service';
  directoryStatus: DirectoryStatus | null;
  email: string | null;
  inDirectory: boolean;
  removedAt: Date | null;
  firstSeenAt: Date;
  /** When a later directory sync first listed the account (null for the initial load): counts as its creation. */
  listedAt: Date | null;
  lastActivityAt: Date | null;
  directoryLastLoginAt: Date | null;
  directoryCreatedAt: Date | null;
  graceFrom: Date | null;
  /** What the idle lock counts from (see idleSinceSql); null without any evidence. */
  idleSince: Date | null;
  idleBasis: IdleBasis;
  /** From when the service has the gateway's logs; null while it has none. */
  observationStart: Date | null;
  /** Local date (YYYY-MM-DD, in the configured time zone) on which the idle lock falls due; null: never. */
  lockDueOn: string | null;
  /** Days from today (local) to lockDueOn; null when locked or never due. */
  lockDueInDays: number | null;
  state: AccountState;
  stateChangedAt: Date | null;
  lockReason: string | null;
  lockDeliveredAt: Date | null;
  extra: Record<string, unknown> | null;
}

export interface AccountHistoryEntry {
  id: string;
  accountId: string;
  at: Date;
  actor: Actor;
  changeKind: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
  evidence: Record<string, unknown> | null;
}
