import type { ChainProof } from '@app/audit-trail';
import type { TraceCase } from '@app/trace';
import type { CitizenAccessSummary, ReportPeriod } from '../report.type';

/**
 * What an admin asks, answering a citizen's request: the citizen's personal ID (hashed on arrival with every key,
 * never stored, logged or printed), the case, and optionally the name to address the report to and the local days.
 */
export interface CitizenAccessRequest {
  subject: string;
  case: Partial<TraceCase>;
  /** The citizen's name as the admin types it: printed after "Kính gửi", kept nowhere else. */
  requesterName?: string;
  /** Local days (Vietnam), [from, to); without `from` everything retained, without `to` up to now. */
  from?: string;
  to?: string;
}

/** One lookup of the citizen, as the report lists it. */
export interface CitizenAccessEntry {
  eventId: string;
  occurredAt: Date;
  batchId: string;
  accountId: string;
  fullName: string | null;
  unitCode: string | null;
  unitName: string | null;
  sourceSystem: string;
  sourceSystemName: string | null;
  action: string;
  result: string;
  dossierCode: string | null;
  procedureCode: string | null;
  /** Field codes returned (the field catalog names them). */
  fields: string[];
}

/** A stored batch the listed events come from, with its chained digest as stored. */
export interface CitizenAccessBatch {
  batchId: string;
  chainSeq: string;
  /** Events of the citizen in it. */
  events: number;
  digest: string;
}

/** Everything the report says; the PDF and the XLSX are two renderings of it. */
export interface CitizenAccessContent {
  case: TraceCase;
  requesterName: string | null;
  /** The days covered, and whether `from` was left open (everything retained). */
  period: ReportPeriod;
  openStart: boolean;
  asOf: Date;
  entries: CitizenAccessEntry[];
  batches: CitizenAccessBatch[];
  /** The chain from those batches to signed heads, as an evidence export's manifest carries it. */
  chain: ChainProof;
  summary: CitizenAccessSummary;
}
