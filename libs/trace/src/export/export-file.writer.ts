import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { Transform, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { csvRecord, EXPORT_NUMBER_COLUMNS, ExportCell } from '@app/audit-trail';
import { CopyBinaryReader } from './copy-binary.reader';
import { SheetRowEncoder } from './sheet-row.encoder';
import { ZIP_ENTRY_MAX_BYTES, ZipStreamWriter } from './zip-stream.writer';

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

  /** Rows written so far. */
  get rowsSoFar(): number {
    return this.rows;
  }

  /**
   * Rejects once `out` fails or closes before the file is complete (the client went away): a wait for room in the
   * stream then ends instead of holding the export's transaction open for ever.
   */
  protected readonly gone: Promise<never>;

  /** ms a wait for room in the receiver may last before the export is stopped (0: for ever). */
  private readonly stallMs: number;

  constructor(out: Writable, stallMs = 0) {
    this.stallMs = stallMs;
    this.sink = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        done(null, chunk);
      },
    });
    this.sink.pipe(out, { end: false });
    this.gone = new Promise<never>((_, reject) => {
      const closed = () => reject(new Error('The receiver closed the connection before the file was complete'));
      // A receiver may have gone before the file began (while the database was asked whether the export may run).
      if (out.destroyed || out.closed) return closed();
      out.once('error', reject);
      out.once('close', closed);
    });
    this.gone.catch(() => undefined);
  }

  /**
   * rowsPerSheet: XLSX rows per worksheet (a million by default; smaller in tests). stallMs: how long the receiver
   * may take nothing before the export is stopped (TRACE_EXPORT_STALL_SECONDS; 0 or absent: no limit).
   */
  static for(format: ExportFormat, out: Writable, columns: readonly string[], options: { rowsPerSheet?: number; stallMs?: number } = {}): ExportFileWriter {
    return format === 'xlsx'
      ? new XlsxExportWriter(out, columns, options.rowsPerSheet ?? ROWS_PER_SHEET, options.stallMs)
      : new CsvExportWriter(out, columns, options.stallMs);
  }

  /** Writes one row; a promise when the caller must wait for the client (back-pressure), else nothing. */
  abstract row(cells: ExportCell[]): Promise<void> | undefined;

  /**
   * What the database writes for `copied`: `COPY (SELECT EXPORT_SAFE_SELECT_SQL …) TO STDOUT (FORMAT …)` of this
   * format gives the file's rows, every cell already formula-safe.
   */
  abstract readonly copyFormat: 'csv' | 'binary';

  /** Output of the COPY (copyFormat), in chunks as they come; a promise when the caller must wait for room. */
  abstract copied(chunk: Buffer): Promise<void> | undefined;

  /** The COPY has ended with `rows` records written. */
  abstract copyEnded(rows: number): void;

  /** Finishes the file; resolves once every byte has gone to `out`. */
  async finish(): Promise<WrittenFile> {
    await this.receiverTook(this.close());
    this.sink.end();
    await this.receiverTook(finished(this.sink));
    return { sha256: this.hash.digest('hex'), bytes: this.bytes, rows: this.rows };
  }

  protected abstract close(): Promise<void>;

  protected async drained(): Promise<void> {
    if (this.sink.writableNeedDrain) await this.receiverTook(once(this.sink, 'drain'));
  }

  /**
   * A wait for the receiver to take what was written: rejects once it has gone, or once it has taken nothing for
   * stallMs (a client that opened an export and stopped reading would otherwise hold the export's transaction and
   * connection for as long as it stays connected). Only these waits count: the database's own time before the first
   * row (a large sort) is not a stall.
   */
  protected receiverTook<T>(wait: Promise<T>): Promise<T> {
    if (!this.stallMs) return Promise.race([wait, this.gone]);
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The receiver took nothing for ${this.stallMs / 1000} s: the export was stopped`)), this.stallMs);
    });
    return Promise.race([wait, this.gone, stalled]).finally(() => clearTimeout(timer));
  }
}

/** RFC 4180's quoting, UTF-8 with a byte-order mark (spreadsheet programs then read Vietnamese text right), LF. */
export class CsvExportWriter extends ExportFileWriter {
  readonly copyFormat = 'csv';
  private buffer: string;

  constructor(out: Writable, columns: readonly string[], stallMs?: number) {
    super(out, stallMs);
    this.buffer = UTF8_BOM + csvRecord([...columns]);
  }

  row(cells: ExportCell[]): Promise<void> | undefined {
    this.buffer += csvRecord(cells);
    this.rows++;
    return this.buffer.length >= CSV_CHUNK ? this.flush() : undefined;
  }

  /**
   * Records the database wrote in this file's dialect (COPY … TO STDOUT (FORMAT csv) of EXPORT_SAFE_SELECT_SQL),
   * passed on as they are. Until copyEnded gives the COPY's own count, rows counts the line ends seen: a value
   * holding a line break counts once more (what a failed export records is then an upper bound).
   */
  copied(chunk: Buffer): Promise<void> | undefined {
    if (this.buffer) this.sink.write(Buffer.from(this.buffer, 'utf8'));
    this.buffer = '';
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) this.rows++;
    return this.sink.write(chunk) ? undefined : this.drained();
  }

  copyEnded(rows: number): void {
    this.rows = rows;
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

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const SHEET_HEAD = `${XML_HEAD}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`;
const SHEET_TAIL = '</sheetData></worksheet>';
/** Sheet XML gathered before it is handed to the zip. */
const XLSX_CHUNK = 2 * 2 ** 20;
/** A worksheet ends before its XML reaches the zip entry's limit (a row is far smaller than the margin). */
const SHEET_BYTES_MAX = ZIP_ENTRY_MAX_BYTES - 64 * 2 ** 20;
/** Deflate level 1: 6.8 times smaller than the XML, where level 3 gives 7.2 at two thirds of the speed. */
const DEFLATE_LEVEL = 1;

/**
 * SpreadsheetML written directly (one worksheet per million rows, inline strings, numbers as numbers, no styles)
 * into a streaming zip: from the database's binary COPY the values' bytes go into the XML as they are, escaped
 * (SheetRowEncoder), with no string or object made per row; a row given as cells is encoded the same way. Where a
 * workbook library builds row and cell objects for each, this writes several times more rows a second
 * (docs/benchmarks.md). Back-pressure runs through the deflate to the client.
 */
class XlsxExportWriter extends ExportFileWriter {
  readonly copyFormat = 'binary';
  private readonly zip: ZipStreamWriter;
  private readonly encoder: SheetRowEncoder;
  private readonly copy: CopyBinaryReader;
  private readonly header: Buffer[];
  /** The columns whose COPY values are integers' digits (number cells). */
  private readonly numeric: boolean[];
  /** Rows in the current sheet, its header included (0: no sheet begun). */
  private inSheet = 0;
  private sheets = 0;

  constructor(
    out: Writable,
    columns: readonly string[],
    private readonly rowsPerSheet: number,
    stallMs?: number,
  ) {
    super(out, stallMs);
    this.zip = new ZipStreamWriter(this.sink, { level: DEFLATE_LEVEL, modified: new Date() });
    this.encoder = new SheetRowEncoder(columns.length, XLSX_CHUNK);
    this.copy = new CopyBinaryReader(columns.length);
    this.header = columns.map((c) => Buffer.from(c, 'utf8'));
    this.numeric = columns.map((c) => (EXPORT_NUMBER_COLUMNS as readonly string[]).includes(c));
  }

  row(cells: ExportCell[]): Promise<void> | undefined {
    if (this.sheetFull()) return this.nextSheet().then(() => this.row(cells));
    const e = this.encoder;
    e.beginRow(++this.inSheet);
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null) continue;
      const bytes = Buffer.from(String(v), 'utf8');
      if (typeof v === 'number') e.number(i, bytes, 0, bytes.length);
      else e.text(i, bytes, 0, bytes.length);
    }
    e.endRow();
    this.rows++;
    return this.flush(false);
  }

  copied(chunk: Buffer): Promise<void> | undefined {
    this.copy.push(chunk, this.tuple);
    if (!this.copy.waiting) return this.flush(false);
    // The reader stopped at a row: the sheet is full (the next sheet takes the row and the rest), or a piece of XML
    // is ready (handed over first, so that the encoder's buffer keeps its size and is reused).
    const next = this.sheetFull() ? this.nextSheet() : (this.flush(true) ?? Promise.resolve());
    return next.then(() => this.copied(EMPTY));
  }

  copyEnded(rows: number): void {
    if (!this.copy.complete || rows !== this.rows) throw new Error(`The COPY wrote ${rows} rows and the file took ${this.rows}`);
  }

  /** One row of the binary COPY: every column text (formula-safe) but the numbers' digits; false when the sheet is full or a piece is ready. */
  private readonly tuple = (bytes: Buffer, start: Int32Array, end: Int32Array): boolean => {
    if (this.sheetFull() || this.encoder.size >= XLSX_CHUNK) return false;
    const { encoder: e, numeric } = this;
    e.beginRow(++this.inSheet);
    for (let i = 0; i < start.length; i++) {
      if (start[i] < 0) continue;
      if (numeric[i]) e.number(i, bytes, start[i], end[i]);
      else e.text(i, bytes, start[i], end[i]);
    }
    e.endRow();
    this.rows++;
    return true;
  };

  private sheetFull(): boolean {
    return this.inSheet === 0 || this.inSheet > this.rowsPerSheet || this.zip.entryBytes + this.encoder.size > SHEET_BYTES_MAX;
  }

  /** Hands the XML gathered to the zip once there is enough of it (or all of it). */
  private flush(all: boolean): Promise<void> | undefined {
    if (!all && this.encoder.size < XLSX_CHUNK) return undefined;
    const piece = this.encoder.take();
    const wait = this.zip.write(piece, () => this.encoder.recycle(piece));
    return wait && this.receiverTook(wait);
  }

  private async nextSheet(): Promise<void> {
    if (this.inSheet) await this.endSheet();
    await this.receiverTook(this.zip.begin(`xl/worksheets/sheet${++this.sheets}.xml`));
    this.encoder.raw(SHEET_HEAD);
    this.encoder.beginRow(++this.inSheet);
    this.header.forEach((name, i) => this.encoder.text(i, name, 0, name.length));
    this.encoder.endRow();
  }

  private async endSheet(): Promise<void> {
    this.encoder.raw(SHEET_TAIL);
    await this.flush(true);
    this.inSheet = 0;
  }

  protected async close(): Promise<void> {
    if (!this.sheets) await this.nextSheet();
    await this.endSheet();
    const sheets = Array.from({ length: this.sheets }, (_, i) => i + 1);
    const parts: [string, string][] = [
      ['xl/workbook.xml', workbookXml(sheets)],
      ['xl/_rels/workbook.xml.rels', workbookRelsXml(sheets)],
      ['[Content_Types].xml', contentTypesXml(sheets)],
      ['_rels/.rels', ROOT_RELS],
    ];
    for (const [name, xml] of parts) {
      await this.zip.begin(name);
      await this.zip.write(xml);
    }
    await this.zip.finish();
  }
}

const EMPTY = Buffer.alloc(0);

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';

function workbookXml(sheets: number[]): string {
  const list = sheets.map((n) => `<sheet name="rows-${n}" sheetId="${n}" r:id="rId${n}"/>`).join('');
  return (
    `${XML_HEAD}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
    `xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${list}</sheets></workbook>`
  );
}

function workbookRelsXml(sheets: number[]): string {
  const list = sheets
    .map((n) => `<Relationship Id="rId${n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${n}.xml"/>`)
    .join('');
  return `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${list}</Relationships>`;
}

function contentTypesXml(sheets: number[]): string {
  const list = sheets
    .map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('');
  return (
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
    `${list}</Types>`
  );
}
