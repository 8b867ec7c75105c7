import type { LocalDay } from '../calendar/local-day.util';

/** One account's day of the aggregate, as a share detector reads it. */
export interface ShareDay {
  accountId: string;
  day: LocalDay;
  unitCode: string | null;
  lookups: number;
  /** The lookups the detector counts: unexplained ones, or ones returning sensitive fields beyond the need. */
  count: number;
  explained: number;
  withDossier: number;
  ownUnitDossier: number;
}

export interface ShareTotals {
  lookups: number;
  count: number;
  explained: number;
  withDossier: number;
  ownUnitDossier: number;
}

/** An account whose share over a window stood far above its own and its peers' usual share. */
export interface ShareWindowFinding {
  accountId: string;
  unitCode: string | null;
  /** The last flagged day of the run (the alert's window ends on it) and the run's first flagged day (its key). */
  day: LocalDay;
  runStart: LocalDay;
  /** How many days of the run were flagged up to day. */
  runDays: number;
  /** The run's peak window: the flagged day whose window had the highest share (observed, ratio are of it). */
  window: { from: LocalDay; to: LocalDay; workingDays: number };
  /** The window of the run's first day starts the alert's window. */
  runWindowFrom: LocalDay;
  observed: ShareTotals & { share: number };
  own: { share: number; days: number; from: LocalDay; to: LocalDay } | { judged: false; days: number };
  peers: { group: 'unit_role' | 'role'; role: string | null; count: number; share: number } | null;
  threshold: number;
  ratio: number;
  firstAt: Date | null;
}
