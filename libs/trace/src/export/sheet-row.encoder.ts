/**
 * SpreadsheetML rows (`<row>` of `<c>` cells) written as UTF-8 bytes straight from the values' own UTF-8 bytes:
 * a value from the database is copied byte by byte with XML's escapes, never decoded into a string. Every cell is
 * an inline text cell (`t="inlineStr"`) but those written with `number` (digits as they are); a NULL is no cell.
 *
 * Text is kept exactly where XML 1.0 can hold it: `&`, `<` and `>` become entities, a line feed and a carriage
 * return character references (a raw one would be normalised to a line feed by every XML reader), a value starting
 * or ending with XML whitespace gets `xml:space="preserve"`. Characters XML 1.0 cannot hold at all (the C0 controls
 * but tab, line feed and carriage return; U+FFFE, U+FFFF) are left out, as spreadsheet writers do: such a value is
 * not the stored one (the CSV keeps it).
 */
export class SheetRowEncoder {
  private out: Buffer;
  private at = 0;
  /** `<c r="` and the column's letters, for each column. */
  private readonly cellOpens: Uint8Array[];
  /** Room for a row number's ASCII digits, and the row's own (a view of its end). */
  private readonly digitSpace = new Uint8Array(16);
  private digits = this.digitSpace.subarray(16);
  /** Buffers handed out by `take` and given back (`recycle`) once their bytes were used. */
  private readonly spare: Buffer[] = [];

  /** chunk: the size of each piece `take` hands out (a piece may be larger by one row). */
  constructor(
    columns: number,
    private readonly chunk: number,
  ) {
    this.cellOpens = columnLetters(columns).map((letters) => ascii(`<c r="${letters}`));
    this.out = Buffer.allocUnsafe(chunk * 2);
  }

  /** Bytes written since the last `take`. */
  get size(): number {
    return this.at;
  }

  /**
   * The bytes written since the last take (no copy: the encoder goes on in another buffer). Give the piece back
   * with `recycle` once it has been used: buffers are then reused rather than left to the garbage collector (a
   * million rows are a gigabyte of XML).
   */
  take(): Buffer {
    const piece = this.out.subarray(0, this.at);
    this.out = this.spare.pop() ?? Buffer.allocUnsafe(this.chunk * 2);
    this.at = 0;
    return piece;
  }

  /** A piece from `take` whose bytes are no longer needed. */
  recycle(piece: Buffer): void {
    // Only the buffers of the usual size (one grown for a huge row is let go).
    if (piece.buffer.byteLength === this.chunk * 2 && piece.byteOffset === 0 && this.spare.length < 8) this.spare.push(Buffer.from(piece.buffer, 0, this.chunk * 2));
  }

  /** Markup of the sheet itself (ASCII). */
  raw(text: string): void {
    this.room(text.length);
    this.at += this.out.write(text, this.at, 'latin1');
  }

  beginRow(r: number): void {
    let first = 16;
    for (let v = r; v > 0 || first === 16; v = Math.floor(v / 10)) this.digitSpace[--first] = 48 + (v % 10);
    this.digits = this.digitSpace.subarray(first);
    this.room(32);
    this.put(ROW_OPEN);
    this.put(this.digits);
    this.put(TAG_END);
  }

  endRow(): void {
    this.room(8);
    this.put(ROW_CLOSE);
  }

  /** A text cell of column `column` from the UTF-8 bytes src[start, end). */
  text(column: number, src: Uint8Array, start: number, end: number): void {
    // An entity is at most 5 bytes for 1; markup and the reference about 60.
    this.room(96 + (end - start) * 5);
    this.cellOpen(column);
    const preserve = end > start && (isXmlSpace(src[start]) || isXmlSpace(src[end - 1]));
    this.put(preserve ? TEXT_OPEN_PRESERVE : TEXT_OPEN);
    const from = this.at;
    const out = this.out;
    let at = from;
    let dropped = false;
    for (let i = start; i < end; i++) {
      const b = src[i];
      if (PLAIN[b]) {
        out[at++] = b;
        continue;
      }
      if (b === 0x26) at = copyInto(out, at, AMP);
      else if (b === 0x3c) at = copyInto(out, at, LT);
      else if (b === 0x3e) at = copyInto(out, at, GT);
      else if (b === 0x0a) at = copyInto(out, at, LF);
      else if (b === 0x0d) at = copyInto(out, at, CR);
      else if (b === 0xef) {
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
        if (i + 2 < end && src[i + 1] === 0xbf && (src[i + 2] === 0xbe || src[i + 2] === 0xbf)) {
          i += 2;
          dropped = true;
        } else out[at++] = b;
      } else dropped = true; // any other C0 control is left out
    }
    this.at = at;
    // A character left out at an edge may have had whitespace beside it: the text as written decides.
    if (dropped && edgeSpace(out, from, at) !== preserve) this.retag(from, preserve);
    this.put(TEXT_CLOSE);
  }

  /** A number cell from its digits (as the database prints an integer). */
  number(column: number, src: Uint8Array, start: number, end: number): void {
    this.room(64 + (end - start));
    this.cellOpen(column);
    this.put(NUMBER_OPEN);
    this.at = copyInto(this.out, this.at, src, start, end);
    this.put(NUMBER_CLOSE);
  }

  /** Swaps the opening tag before the text at `from` (written `preserve` or not) for the other one. */
  private retag(from: number, preserve: boolean): void {
    const [was, now] = preserve ? [TEXT_OPEN_PRESERVE, TEXT_OPEN] : [TEXT_OPEN, TEXT_OPEN_PRESERVE];
    const tagAt = from - was.length;
    this.out.copyWithin(tagAt + now.length, from, this.at);
    this.at += now.length - was.length;
    copyInto(this.out, tagAt, now);
  }

  private cellOpen(column: number): void {
    this.put(this.cellOpens[column]);
    this.put(this.digits);
  }

  private put(bytes: Uint8Array): void {
    this.at = copyInto(this.out, this.at, bytes);
  }

  /** Makes room for `bytes` more (a long value, a huge row: the buffer grows for it). */
  private room(bytes: number): void {
    if (this.at + bytes <= this.out.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.at + bytes));
    this.out.copy(bigger, 0, 0, this.at);
    this.out = bigger;
  }
}

const ascii = (text: string): Uint8Array => Uint8Array.from(Buffer.from(text, 'latin1'));
const ROW_OPEN = ascii('<row r="');
const TAG_END = ascii('">');
const ROW_CLOSE = ascii('</row>');
const TEXT_OPEN = ascii('" t="inlineStr"><is><t>');
const TEXT_OPEN_PRESERVE = ascii('" t="inlineStr"><is><t xml:space="preserve">');
const TEXT_CLOSE = ascii('</t></is></c>');
const NUMBER_OPEN = ascii('"><v>');
const NUMBER_CLOSE = ascii('</v></c>');
const AMP = ascii('&amp;');
const LT = ascii('&lt;');
const GT = ascii('&gt;');
const LF = ascii('&#10;');
const CR = ascii('&#13;');

/** Copies a few bytes (markup, an entity, digits) into out at `at`; returns the position after them. */
function copyInto(out: Buffer, at: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  for (let i = start; i < end; i++) out[at++] = bytes[i];
  return at;
}

/** Bytes copied as they are: all but &, <, >, 0xEF (which may start U+FFFE or U+FFFF) and the C0 controls save tab. */
const PLAIN = new Uint8Array(256).map((_, b) => (b === 0x26 || b === 0x3c || b === 0x3e || b === 0xef || (b < 0x20 && b !== 0x09) ? 0 : 1));

/** Whether the escaped text out[from, to) starts or ends with whitespace (a space, a tab, &#10; or &#13;). */
function edgeSpace(out: Buffer, from: number, to: number): boolean {
  if (to === from) return false;
  const reference = (at: number) => at >= from && at + 5 <= to && out[at] === 0x26 && out[at + 1] === 0x23 && out[at + 2] === 0x31 && (out[at + 3] === 0x30 || out[at + 3] === 0x33) && out[at + 4] === 0x3b;
  return out[from] === 0x20 || out[from] === 0x09 || reference(from) || out[to - 1] === 0x20 || out[to - 1] === 0x09 || reference(to - 5);
}

/** XML's whitespace: space, tab, line feed, carriage return. */
const isXmlSpace = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Column letters A, B, …, Z, AA, … of a row's cells. */
function columnLetters(count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    let name = '';
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    return name;
  });
}
