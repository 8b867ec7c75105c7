import type { TraceEvent } from '../query/trace-event.type';

/** A count of events between two instants: one bar or point of a chart. */
export interface TimelineCount {
  events: number;
  /** Lookups and identity checks among them (reads of a citizen record). */
  lookups: number;
  firstAt: string;
  lastAt: string;
}

export interface TimelineAlert {
  id: string;
  type: string;
  severity: string;
  status: string;
  accountIds: string[];
  windowStart: string;
  windowEnd: string;
  explanationVi: string;
  explanationEn: string;
  /** How it involves the timeline: names the citizen, lists one of the events, or covers a lookup of an account's. */
  involves: 'subject' | 'event' | 'window' | 'account';
}

/** Every lookup of one citizen, grouped to draw (docs/trace.md, "Timelines"). */
export interface CitizenTimeline {
  from: string | null;
  to: string | null;
  total: number;
  /** The newest events (at most TIMELINE_EVENTS_MAX); `truncated` when there are more. */
  events: TraceEvent[];
  truncated: boolean;
  byDay: ({ day: string } & TimelineCount)[];
  byAccount: ({ accountId: string; unitCode: string | null } & TimelineCount)[];
  byUnit: ({ unitCode: string | null; accounts: number } & TimelineCount)[];
  byDossier: ({ dossierCode: string | null; procedureCode: string | null; accountIds: string[] } & TimelineCount)[];
  alerts: TimelineAlert[];
}

export interface AccountTimelineDay {
  day: string;
  events: number;
  lookups: number;
  distinctSubjects: number;
  explained: number;
  refused: number;
  exports: number;
  exportedSubjects: number;
  /** The median of the account's lookups on its previous BASELINE_DAYS active days (null: no history yet). */
  baseline: number | null;
}

/** What one account did (docs/trace.md, "Timelines"). */
export interface AccountTimeline {
  accountId: string;
  from: string;
  to: string;
  days: AccountTimelineDay[];
  /**
   * The units of the citizens it looked up, as the events tell them: the unit a dossier belongs to (iGate dossier
   * codes begin with the receiving unit's code), null for lookups without a dossier. The citizen's own residence
   * is not in the events.
   */
  citizenUnits: { dossierUnit: string | null; ownUnit: boolean; lookups: number; citizens: number }[];
  dossiers: ({ dossierCode: string; procedureCode: string | null; citizens: number } & TimelineCount)[];
  alerts: TimelineAlert[];
  /** Locks, unlocks and exemptions (account_history), newest first. */
  lockHistory: { at: string; changeKind: string; actor: string; reason: string | null }[];
}
