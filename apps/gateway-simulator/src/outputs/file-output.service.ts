import type { QueryLogEventV1 } from '@app/contracts';
import { createWriteStream, WriteStream } from 'node:fs';
import { once } from 'node:events';
import { csvHeader, csvLine } from './csv-event.util';
import type { EventOutput } from './event-output.type';

/** Writes NDJSON, or CSV when the file name ends in .csv; waits for the disk when the stream is full. */
export class FileEventOutput implements EventOutput {
  private stream?: WriteStream;
  private readonly csv: boolean;
  private lines = 0;

  constructor(private readonly path: string) {
    this.csv = path.toLowerCase().endsWith('.csv');
  }

  async open(): Promise<void> {
    this.stream = createWriteStream(this.path);
    await once(this.stream, 'open');
    if (this.csv) this.stream.write(csvHeader());
  }

  async write(batch: QueryLogEventV1[]): Promise<void> {
    const text = this.csv ? batch.map(csvLine).join('') : batch.map((e) => JSON.stringify(e) + '\n').join('');
    this.lines += batch.length;
    if (!this.stream!.write(text)) await once(this.stream!, 'drain');
  }

  async close(): Promise<void> {
    if (!this.stream) return;
    this.stream.end();
    await once(this.stream, 'finish');
  }

  describe(): string {
    return `${this.lines} events written to ${this.path} (${this.csv ? 'CSV' : 'NDJSON'})`;
  }
}
