import type { QueryLogAction, QueryLogResult } from '@app/contracts';
import type { SimAccount } from './province.type';

/** One event of a simulated session before it gets its id: what happened, when (UTC ms). */
export interface DraftEvent {
  at: number;
  account: SimAccount;
  action: QueryLogAction;
  subjectId: string | null;
  subjectCount?: number;
  fields: string[];
  dossierCode: string | null;
  procedureCode: string | null;
  result: QueryLogResult;
  /** Client address when not the account's office machine (unusual-network cases). */
  clientIp?: string;
  /** Which anomaly scenario produced it, if any (not written to the event). */
  anomaly?: string;
}

/** A session's events, in time order, and how far it has been played. */
export interface DraftSession {
  events: DraftEvent[];
  next: number;
}
