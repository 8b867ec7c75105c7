/**
 * SpreadsheetML rows (`<row>` of `<c>` cells) written as UTF-8 bytes straight from the values' own UTF-8 bytes:
 * a value from the database is copied byte by byte with XML's escapes, never decoded into a string. Every cell is
 * an inline text cell (`t="inlineStr"`) but those written with `number` (digits as they are); a NULL is no cell.
 *
 * Text is kept exactly: `&`, `<` and `>` become entities, a line feed and a carriage return character references
 * (a raw one would be normalised to a line feed by every XML reader), a value starting or ending with XML whitespace
 * gets `xml:space="preserve"`. Characters XML 1.0 cannot hold at all (the C0 controls but tab, line feed and
 * carriage return; U+FFFE, U+FFFF) are written as SpreadsheetML writes them, `_xHHHH_` (ECMA-376 ST_Xstring), and a
 * stored text that itself reads `_xHHHH_` has its underscore written `_x005F_`: spreadsheet programs show the
 * stored value, and the verifier reads it back byte for byte (an official's user agent with a control character in
 * it must not make the evidence unverifiable).
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
    // An escape is at most 7 bytes for 1; markup and the reference about 60.
    this.room(96 + (end - start) * 7);
    this.cellOpen(column);
    const preserve = end > start && (isXmlSpace(src[start]) || isXmlSpace(src[end - 1]));
    this.put(preserve ? TEXT_OPEN_PRESERVE : TEXT_OPEN);
    const out = this.out;
    let at = this.at;
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
      else if (b === 0x5f) {
        // A stored "_xHHHH_" would be read as an escape: its underscore is escaped itself.
        if (readsAsEscape(src, i, end)) at = copyInto(out, at, UNDERSCORE);
        else out[at++] = b;
      } else if (b === 0xef) {
        // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not XML characters.
        if (i + 2 < end && src[i + 1] === 0xbf && (src[i + 2] === 0xbe || src[i + 2] === 0xbf)) {
          at = copyInto(out, at, src[i + 2] === 0xbe ? NOT_CHAR_FFFE : NOT_CHAR_FFFF);
          i += 2;
        } else out[at++] = b;
      } else at = copyInto(out, at, CONTROL_ESCAPES[b]); // any other C0 control
    }
    this.at = at;
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
const UNDERSCORE = ascii('_x005F_');
const NOT_CHAR_FFFE = ascii('_xFFFE_');
const NOT_CHAR_FFFF = ascii('_xFFFF_');
/** `_x0001_` … `_x001F_` for each C0 control (tab, line feed and carriage return are never looked up). */
const CONTROL_ESCAPES = Array.from({ length: 32 }, (_, b) => ascii(`_x${b.toString(16).toUpperCase().padStart(4, '0')}_`));

/** Copies a few bytes (markup, an entity, digits) into out at `at`; returns the position after them. */
function copyInto(out: Buffer, at: number, bytes: Uint8Array, start = 0, end = bytes.length): number {
  for (let i = start; i < end; i++) out[at++] = bytes[i];
  return at;
}

/**
 * Bytes copied as they are: all but &, <, >, _ (which may start what reads as an escape), 0xEF (which may start
 * U+FFFE or U+FFFF) and the C0 controls save tab.
 */
const PLAIN = new Uint8Array(256).map((_, b) => (b === 0x26 || b === 0x3c || b === 0x3e || b === 0x5f || b === 0xef || (b < 0x20 && b !== 0x09) ? 0 : 1));

const isHex = (b: number): boolean => (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66);

/** Whether src[i, end) starts with `_x`, four hex digits and `_`: what a reader takes for an escaped character. */
function readsAsEscape(src: Uint8Array, i: number, end: number): boolean {
  return i + 6 < end && src[i + 1] === 0x78 && isHex(src[i + 2]) && isHex(src[i + 3]) && isHex(src[i + 4]) && isHex(src[i + 5]) && src[i + 6] === 0x5f;
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
