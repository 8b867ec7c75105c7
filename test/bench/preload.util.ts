import { createHmac } from 'node:crypto';
import { once } from 'node:events';
import { Writable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { QueryLogEventV1 } from '@app/contracts';
import { EventGenerator } from '@app/gateway-simulator';

export interface PreloadResult {
  rows: number;
  seconds: number;
  from: Date;
  to: Date;
}

const DAY_MS = 86_400_000;
const QUERY_EVENT_COLUMNS =
  'occurred_at, event_id, batch_id, account_id, unit_code, client_ip, source_system, action, subject_hash, ' +
  'subject_key_id, subject_count, fields, dossier_code, procedure_code, result, user_agent, extra, flags';

/** One query_event row in COPY text form, pseudonymised like the store does (the simulator writes no tab or backslash). */
function eventLine(e: QueryLogEventV1, hashKey: Buffer, keyId: string): string {
  const n = (v: unknown): string => (v === null || v === undefined ? '\\N' : String(v));
  const hash = e.subjectId
    ? `\\\\x${createHmac('sha256', hashKey).update(e.subjectId).digest('hex')}`
    : '\\N';
  const extra = e.terminalId ? JSON.stringify({ terminalId: e.terminalId }) : '\\N';
  const occurredAt = new Date(e.occurredAt).toISOString();
  return (
    [
      occurredAt,
      e.eventId,
      '0',
      e.accountId,
      n(e.unitCode),
      e.clientIp,
      e.sourceSystem,
      e.action,
      hash,
      e.subjectId ? keyId : '\\N',
      n(e.subjectCount),
      `{${(e.fields ?? []).join(',')}}`,
      n(e.dossierCode),
      n(e.procedureCode),
      n(e.result),
      n(e.userAgent),
      extra,
      '{}',
    ].join('\t') + '\n'
  );
}

async function ensureMonthlyPartitions(client: Client, from: Date, to: Date): Promise<void> {
  // Same names and bounds as QueryEventPartitionService (query_event_YYYY_MM, UTC months), so the service reuses them.
  for (
    let y = from.getUTCFullYear(), m = from.getUTCMonth();
    Date.UTC(y, m, 1) <= to.getTime();
    m === 11 ? (y++, (m = 0)) : m++
  ) {
    const start = new Date(Date.UTC(y, m, 1)).toISOString();
    const end = new Date(Date.UTC(m === 11 ? y + 1 : y, (m + 1) % 12, 1)).toISOString();
    const name = `query_event_${y}_${String(m + 1).padStart(2, '0')}`;
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF query_event FOR VALUES FROM ('${start}') TO ('${end}')`,
    );
  }
}

async function write(stream: Writable, chunk: string): Promise<void> {
  if (!stream.write(chunk)) await once(stream, 'drain');
}

/**
 * Fills the store directly with `count` simulated events (about 270,000 a day, ending where the measured stream
 * starts): COPY into query_event (routed to its monthly partitions, indexes maintained) and into query_event_id.
 * The rows sit outside the hash chain (batch 0): this is a scale fixture for the benchmark only.
 */
export async function preloadStore(
  url: string,
  count: number,
  options: { before: Date; hashKey: string; keyId: string; log: (m: string) => void },
): Promise<PreloadResult> {
  const days = Math.max(1, Math.ceil(count / 270_000));
  const start = new Date(options.before.getTime() - days * DAY_MS);
  const events = new EventGenerator({ count, seed: 'preload', start, days });
  const [eventsClient, idsClient] = [
    new Client({ connectionString: url }),
    new Client({ connectionString: url }),
  ];
  await Promise.all([eventsClient.connect(), idsClient.connect()]);
  const started = performance.now();
  try {
    await ensureMonthlyPartitions(eventsClient, start, new Date(options.before.getTime() + DAY_MS));
    const eventsCopy = eventsClient.query(copyFrom(`COPY query_event (${QUERY_EVENT_COLUMNS}) FROM STDIN`));
    const idsCopy = idsClient.query(
      copyFrom(`COPY query_event_id (event_id, occurred_at, batch_id) FROM STDIN`),
    );
    const key = Buffer.from(options.hashKey, 'utf8');
    let rows = 0;
    let eventChunk = '';
    let idChunk = '';
    for (const e of events) {
      eventChunk += eventLine(e, key, options.keyId);
      idChunk += `${e.eventId}\t${new Date(e.occurredAt).toISOString()}\t0\n`;
      if (++rows % 5000 === 0) {
        await Promise.all([write(eventsCopy, eventChunk), write(idsCopy, idChunk)]);
        eventChunk = idChunk = '';
        if (rows % 1_000_000 === 0)
          options.log(
            `preload: ${rows.toLocaleString('en')} rows, ${Math.round(rows / ((performance.now() - started) / 1000))} rows/s`,
          );
      }
    }
    await Promise.all([write(eventsCopy, eventChunk), write(idsCopy, idChunk)]);
    eventsCopy.end();
    idsCopy.end();
    await Promise.all([once(eventsCopy, 'finish'), once(idsCopy, 'finish')]);
    return { rows, seconds: (performance.now() - started) / 1000, from: start, to: options.before };
  } finally {
    await Promise.all([eventsClient.end(), idsClient.end()]);
  }
}
