import { RejectionReason } from './validation/rejection-reason.constant';

export type IngestSource = 'kafka' | 'http' | 'file';

/** Where one record came from, precise enough for an operator to find it again. */
export type RecordPosition =
  | { source: 'kafka'; topic: string; partition: number; offset: string }
  | { source: 'http'; requestId: string; line: number }
  | { source: 'file'; file: string; line: number };

/** One record as a transport received it: text (Kafka value, NDJSON line) or an already parsed value (JSON array item, CSV row). */
export interface RawRecord {
  payload: string | Buffer | object;
  position: RecordPosition;
}

export interface IngestContext {
  source: IngestSource;
  /** Kept with the stored batch (topic/partition/offsets, request id, file name). */
  origin?: Record<string, unknown>;
  /** The source system of the producer key that sent the records (HTTP): other systems' events are rejected. */
  producerSystem?: string;
}

export interface RejectedRecord {
  position: RecordPosition;
  eventId: string | null;
  reason: RejectionReason;
  field: string | null;
  /** Names the field and the problem; never contains a personal ID. */
  message: string;
}

export interface IngestOutcome {
  /** Newly stored. */
  accepted: number;
  /** Already stored before (same eventId): not stored again. */
  duplicates: number;
  rejected: number;
  rejections: RejectedRecord[];
}
