import type { QueryLogEventV1 } from '@app/contracts';

/**
 * CSV columns: the schema's property names, plus the extra property the postal system sends. The file import
 * reads the header, treats empty cells as absent and `fields` as `a|b|c`.
 */
export const CSV_COLUMNS = [
  'schemaVersion',
  'eventId',
  'occurredAt',
  'accountId',
  'unitCode',
  'clientIp',
  'sourceSystem',
  'action',
  'subjectId',
  'subjectCount',
  'fields',
  'dossierCode',
  'procedureCode',
  'result',
  'userAgent',
  'terminalId',
] as const;

export function csvHeader(): string {
  return CSV_COLUMNS.join(',') + '\n';
}

/** RFC 4180 quoting where a cell needs it (user agents hold commas). */
function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = Array.isArray(value) ? value.join('|') : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(event: QueryLogEventV1): string {
  return CSV_COLUMNS.map((c) => cell(event[c])).join(',') + '\n';
}
