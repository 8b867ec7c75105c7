import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Transform, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { csvRecord, ExportCell } from '@app/audit-trail';

export type ExportFormat = 'csv' | 'xlsx';

/** What the file came to: its SHA-256 (hex), its size and the rows written. */
export interface WrittenFile {
  sha256: string;
  bytes: number;
  rows: number;
}

/** An XLSX worksheet holds at most 1,048,576 rows: a new sheet (with the header again) every million. */
const ROWS_PER_SHEET = 1_000_000;
const CSV_CHUNK = 64 * 1024;
/** XML bytes of a sheet allowed to wait for the zip's deflate. */
const XLSX_BACKLOG = 4 * 1024 * 1024;

/** What a Node (or readable-stream) stream has buffered, on either side. */
interface StreamState {
  _readableState?: { length: number };
  _writableState?: { length: number };
}
const UTF8_BOM = '\uFEFF';

/**
 * Writes an export file to `out`, hashing every byte on the way, with back-pressure (a slow client holds the rows
 * back instead of memory filling up). `out` is not ended: the caller ends it once the manifest is stored, so that a
 * client that has the whole file can fetch its manifest.
 */
export abstract class ExportFileWriter {
  protected readonly sink: Transform;
  private readonly hash = createHash('sha256');
  private bytes = 0;
  protected rows = 0;

  constructor(out: Writable) {
    this.sink = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        done(null, chunk);
      },
    });
    this.sink.pipe(out, { end: false });
  }

  static for(format: ExportFormat, out: Writable, columns: readonly string[]): ExportFileWriter {
    return format === 'xlsx' ? new XlsxExportWriter(out, columns) : new CsvExportWriter(out, columns);
  }

  /** Writes one row; a promise when the caller must wait for the client (back-pressure), else nothing. */
  abstract row(cells: ExportCell[]): Promise<void> | undefined;

  /** Finishes the file; resolves once every byte has gone to `out`. */
  async finish(): Promise<WrittenFile> {
    await this.close();
    if (!this.sink.writableEnded) this.sink.end(); // exceljs ends the stream itself
    await finished(this.sink);
    return { sha256: this.hash.digest('hex'), bytes: this.bytes, rows: this.rows };
  }

  protected abstract close(): Promise<void>;

  protected async drained(): Promise<void> {
    if (this.sink.writableNeedDrain) await once(this.sink, 'drain');
  }
}

/** RFC 4180, UTF-8 with a byte-order mark (spreadsheet programs then read Vietnamese text right), CRLF. */
class CsvExportWriter extends ExportFileWriter {
  private buffer: string;

  constructor(out: Writable, columns: readonly string[]) {
    super(out);
    this.buffer = UTF8_BOM + csvRecord([...columns]);
  }

  row(cells: ExportCell[]): Promise<void> | undefined {
    this.buffer += csvRecord(cells);
    this.rows++;
    return this.buffer.length >= CSV_CHUNK ? this.flush() : undefined;
  }

  private async flush(): Promise<void> {
    this.sink.write(Buffer.from(this.buffer, 'utf8'));
    this.buffer = '';
    await this.drained();
  }

  protected async close(): Promise<void> {
    if (this.buffer) await this.flush();
  }
}

/** exceljs's streaming writer: each row is committed (written out) at once; no shared strings, no styles. */
class XlsxExportWriter extends ExportFileWriter {
  private readonly workbook: ExcelJS.stream.xlsx.WorkbookWriter;
  private sheet: ExcelJS.Worksheet | null = null;
  private inSheet = 0;
  private sheets = 0;

  constructor(
    out: Writable,
    private readonly columns: readonly string[],
  ) {
    super(out);
    this.workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: this.sink, useStyles: false, useSharedStrings: false });
  }

  row(cells: ExportCell[]): Promise<void> | undefined {
    if (!this.sheet || this.inSheet === ROWS_PER_SHEET) this.newSheet();
    this.sheet!.addRow(cells).commit();
    this.inSheet++;
    this.rows++;
    return this.rows % 1000 === 0 ? this.zipped() : undefined;
  }

  /**
   * exceljs hands a sheet's XML to the zip without waiting for it to be compressed, and compression runs only when
   * the event loop turns: every thousand rows the writer lets it turn, and waits while more than XLSX_BACKLOG bytes
   * of XML wait for the deflate (read from the stream exceljs pipes the sheet into: its internals; were they to
   * change, only the client's back-pressure would hold). Without this a million rows piled up as a gigabyte of XML.
   */
  private async zipped(): Promise<void> {
    const into = (this.sheet as unknown as { stream?: { pipes?: StreamState[] } }).stream?.pipes?.[0];
    await new Promise((resolve) => setImmediate(resolve));
    while (into && (into._readableState?.length ?? 0) + (into._writableState?.length ?? 0) > XLSX_BACKLOG) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    await this.drained();
  }

  private newSheet(): void {
    this.sheet?.commit();
    this.sheet = this.workbook.addWorksheet(`rows-${++this.sheets}`);
    this.sheet.addRow([...this.columns]).commit();
    this.inSheet = 0;
  }

  protected async close(): Promise<void> {
    if (!this.sheet) this.newSheet();
    this.sheet!.commit();
    await this.workbook.commit();
  }
}
