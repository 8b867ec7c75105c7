import { Injectable } from '@nestjs/common';
import { parse } from 'csv-parse';
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
import { IngestService } from '../ingest.service';
import { RawRecord } from '../ingest.type';
import { csvRowToEvent } from './csv-event.util';

export type ImportFormat = 'ndjson' | 'csv';

/** Records per stored batch: large enough for COPY to pay off, small enough to show steady progress. */
export const IMPORT_BATCH_SIZE = 5000;

export interface ImportProgress {
  records: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportSummary {
  file: string;
  read: number;
  stored: number;
  duplicates: number;
  rejected: number;
  rejectedByReason: Record<string, number>;
}

/**
 * Back-fill from a file, streamed in batches through the same path as Kafka and HTTP. Safe to re-run:
 * events already stored are counted as duplicates, rejected lines are kept once.
 */
@Injectable()
export class FileImportService {
  constructor(private readonly ingest: IngestService) {}

  async importFile(path: string, format: ImportFormat, onProgress?: (p: ImportProgress) => void): Promise<ImportSummary> {
    const file = basename(path);
    const totalBytes = statSync(path).size;
    const summary: ImportSummary = { file, read: 0, stored: 0, duplicates: 0, rejected: 0, rejectedByReason: {} };
    const input = createReadStream(path);
    let bytesRead = 0;
    input.on('data', (chunk) => (bytesRead += chunk.length));
    let batch: RawRecord[] = [];
    const flush = async () => {
      const outcome = await this.ingest.ingest(batch, { source: 'file', origin: { file, firstLine: batch[0]?.position } });
      summary.stored += outcome.accepted;
      summary.duplicates += outcome.duplicates;
      summary.rejected += outcome.rejected;
      for (const r of outcome.rejections) summary.rejectedByReason[r.reason] = (summary.rejectedByReason[r.reason] ?? 0) + 1;
      batch = [];
      onProgress?.({ records: summary.read, bytesRead, totalBytes });
    };
    for await (const record of format === 'csv' ? csvRecords(input, file) : ndjsonRecords(input, file)) {
      batch.push(record);
      summary.read++;
      if (batch.length >= IMPORT_BATCH_SIZE) await flush();
    }
    if (batch.length) await flush();
    onProgress?.({ records: summary.read, bytesRead: totalBytes, totalBytes });
    return summary;
  }
}

async function* ndjsonRecords(input: NodeJS.ReadableStream, file: string): AsyncGenerator<RawRecord> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    yield { payload: text, position: { source: 'file', file, line } };
  }
}

async function* csvRecords(input: NodeJS.ReadableStream, file: string): AsyncGenerator<RawRecord> {
  const parser = input.pipe(parse({ columns: true, bom: true, skip_empty_lines: true, relax_column_count: true, info: true }));
  for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
    yield { payload: csvRowToEvent(record), position: { source: 'file', file, line: info.lines } };
  }
}
