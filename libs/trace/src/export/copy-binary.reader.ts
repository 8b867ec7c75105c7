/** PostgreSQL's binary COPY signature, the first 11 bytes of the stream. */
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
/** Signature, flags (int32), header extension length (int32). */
const HEADER_BYTES = SIGNATURE.length + 8;

/**
 * One tuple's fields inside `bytes`: field i is bytes[start[i], end[i]), or NULL where start[i] is -1. Returning
 * false declines the tuple: the reader stops before it (`waiting`) and hands it over again on the next push.
 */
export type CopyTupleHandler = (bytes: Buffer, start: Int32Array, end: Int32Array) => boolean;

/**
 * Splits the output of `COPY … TO STDOUT (FORMAT binary)` into tuples, as it arrives in chunks of any size, without
 * decoding a value (https://www.postgresql.org/docs/current/sql-copy.html, "Binary Format"): each field is handed
 * over as a range of the bytes, the value in the type's binary form (for text, its UTF-8 bytes).
 */
export class CopyBinaryReader {
  private readonly start: Int32Array;
  private readonly end: Int32Array;
  /** The bytes of a tuple the last chunk ended inside of (`pendingBytes` of them). */
  private pending: Buffer = Buffer.alloc(0);
  private pendingBytes = 0;
  /** Where a pending tuple and the next chunk are put together (reused: no buffer is made per chunk). */
  private joined: Buffer = Buffer.alloc(0);
  private headerRead = false;
  private ended = false;
  private declined = false;

  constructor(private readonly fields: number) {
    this.start = new Int32Array(fields);
    this.end = new Int32Array(fields);
  }

  /** The trailer has been read: every tuple of the COPY has been handed over. */
  get complete(): boolean {
    return this.ended;
  }

  /** The last push stopped at a tuple the handler declined: push again (an empty chunk will do) to go on. */
  get waiting(): boolean {
    return this.declined;
  }

  /** Hands each whole tuple in `chunk` (with what an earlier chunk left) to `onTuple`. */
  push(chunk: Buffer, onTuple: CopyTupleHandler): void {
    this.declined = false;
    const bytes = this.pendingBytes ? this.join(chunk) : chunk;
    this.pendingBytes = 0;
    let at = 0;
    if (!this.headerRead) {
      if (bytes.length < HEADER_BYTES) {
        this.keep(bytes, 0);
        return;
      }
      if (!bytes.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('Not a binary COPY stream (no PGCOPY signature)');
      const extension = bytes.readInt32BE(SIGNATURE.length + 4);
      if (bytes.length < HEADER_BYTES + extension) {
        this.keep(bytes, 0);
        return;
      }
      at = HEADER_BYTES + extension;
      this.headerRead = true;
    }
    const { start, end } = this;
    while (!this.ended && at + 2 <= bytes.length) {
      const count = bytes.readInt16BE(at);
      if (count === -1) {
        this.ended = true;
        at += 2;
        break;
      }
      if (count !== this.fields) throw new Error(`A COPY tuple of ${count} fields where ${this.fields} were expected`);
      let p = at + 2;
      let whole = true;
      for (let f = 0; f < count; f++) {
        if (p + 4 > bytes.length) {
          whole = false;
          break;
        }
        const length = bytes.readInt32BE(p);
        p += 4;
        if (length < 0) {
          start[f] = -1;
          end[f] = -1;
          continue;
        }
        if (p + length > bytes.length) {
          whole = false;
          break;
        }
        start[f] = p;
        end[f] = p + length;
        p += length;
      }
      if (!whole) break;
      if (!onTuple(bytes, start, end)) {
        this.declined = true;
        break;
      }
      at = p;
    }
    this.keep(bytes, at);
  }

  /** The pending bytes, then the chunk, in `joined`. */
  private join(chunk: Buffer): Buffer {
    const size = this.pendingBytes + chunk.length;
    if (this.joined.length < size) this.joined = Buffer.allocUnsafeSlow(Math.max(size, this.joined.length * 2));
    this.pending.copy(this.joined, 0, 0, this.pendingBytes);
    chunk.copy(this.joined, this.pendingBytes);
    return this.joined.subarray(0, size);
  }

  /** Keeps bytes[from, …) for the next push (a copy: `bytes` may be `joined`, or a chunk the stream reuses). */
  private keep(bytes: Buffer, from: number): void {
    const rest = bytes.length - from;
    if (rest > 0) {
      if (this.ended) throw new Error('Bytes after the end of a binary COPY stream');
      if (this.pending.length < rest) this.pending = Buffer.allocUnsafeSlow(Math.max(rest, 2 * this.pending.length, 64 * 1024));
      bytes.copy(this.pending, 0, from);
      this.pendingBytes = rest;
    }
  }
}
