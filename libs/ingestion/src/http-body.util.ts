import { DomainException, ErrorCode } from '@app/common';
import { RawRecord } from './ingest.type';

/**
 * The records of a POST /v1/ingest/events body: a JSON array (already parsed) or NDJSON text, each with its
 * line (NDJSON line, or 1-based array position). Refuses other bodies and more than maxRecords.
 */
export function recordsFromHttpBody(body: unknown, requestId: string, maxRecords: number): RawRecord[] {
  let records: RawRecord[];
  if (Array.isArray(body)) {
    records = body.map((payload, i) => ({ payload: payload as object, position: { source: 'http', requestId, line: i + 1 } }));
  } else if (typeof body === 'string') {
    records = [];
    const lines = body.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const text = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
      if (text.trim() !== '') records.push({ payload: text, position: { source: 'http', requestId, line: i + 1 } });
    }
  } else {
    throw new DomainException(
      ErrorCode.VALIDATION_FAILED,
      'The body must be a JSON array of events (Content-Type: application/json) or NDJSON, one event per line (Content-Type: application/x-ndjson)',
    );
  }
  if (records.length > maxRecords) {
    throw new DomainException(
      ErrorCode.PAYLOAD_TOO_LARGE,
      `${records.length} records in one request; at most ${maxRecords} are accepted (INGEST_MAX_RECORDS_PER_REQUEST): send them in smaller requests`,
    );
  }
  return records;
}
