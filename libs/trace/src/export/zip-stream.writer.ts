import { once } from 'node:events';
import { Writable } from 'node:stream';
import { createDeflateRaw, crc32, DeflateRaw, ZlibOptions } from 'node:zlib';

/**
 * The largest entry (uncompressed) written without ZIP64 sizes: callers split their content below it (the XLSX
 * writer starts a new worksheet), so that every entry's sizes fit the data descriptor's 32 bits.
 */
export const ZIP_ENTRY_MAX_BYTES = 0xffff_0000;

const VERSION = 20; // 2.0: deflate, data descriptor
const VERSION_ZIP64 = 45;
/** Bit 3: sizes and CRC-32 in a data descriptor after the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0008 | 0x0800;
const DEFLATED = 8;
const U32_MAX = 0xffff_ffff;
/** Uncompressed bytes the deflate may hold before `write` asks the caller to wait. */
const DEFLATE_AHEAD = 8 * 2 ** 20;

interface EntryRecord {
  name: Buffer;
  offset: number;
  crc: number;
  compressed: number;
  size: number;
}

/**
 * A zip archive written as a stream (APPNOTE.TXT 6.3): each entry is a local header, its deflated bytes (zlib's
 * deflate on libuv's thread pool) and a data descriptor with the CRC-32 and sizes; then the central directory, with
 * ZIP64 records where an offset passes 4 GiB. The CRC is zlib's (native, 0.3 µs a row of the XLSX export) on the
 * main thread, where the zip libraries' CRC in JavaScript took 2.2 µs a row (docs/benchmarks.md, evidence export).
 *
 * Back-pressure runs through: `write` returns a promise while the deflate's buffer is full, and the deflate waits
 * while `out` is.
 */
export class ZipStreamWriter {
  private readonly entries: EntryRecord[] = [];
  private offset = 0;
  private current: { record: EntryRecord; deflate: DeflateRaw; done: Promise<unknown> } | null = null;
  private readonly time: number;
  private readonly date: number;

  constructor(
    private readonly out: Writable,
    private readonly options: { level: number; modified: Date },
  ) {
    const d = options.modified;
    this.time = (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2);
    this.date = ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate();
  }

  /** Uncompressed bytes written to the entry being written so far. */
  get entryBytes(): number {
    return this.current?.record.size ?? 0;
  }

  /** Starts an entry (ends the one before it first). */
  async begin(name: string): Promise<void> {
    if (this.current) await this.end();
    const record: EntryRecord = { name: Buffer.from(name, 'utf8'), offset: this.offset, crc: 0, compressed: 0, size: 0 };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATED, 8);
    header.writeUInt16LE(this.time, 10);
    header.writeUInt16LE(this.date, 12);
    // CRC-32 and sizes (14-25) are zero: the data descriptor after the data gives them.
    header.writeUInt16LE(record.name.length, 26);
    this.emit(Buffer.concat([header, record.name]));
    // The writer runs ahead of the deflate by up to DEFLATE_AHEAD: the two then work at once, on two cores
    // (writableHighWaterMark is a stream option zlib passes on to its Transform; its types do not list it).
    const deflate = createDeflateRaw({ level: this.options.level, chunkSize: 2 ** 20, writableHighWaterMark: DEFLATE_AHEAD } as ZlibOptions);
    deflate.on('data', (chunk: Buffer) => {
      record.compressed += chunk.length;
      this.offset += chunk.length;
      if (!this.out.write(chunk)) {
        deflate.pause();
        this.out.once('drain', () => deflate.resume());
      }
    });
    const done = once(deflate, 'end');
    done.catch(() => undefined); // a deflate error is thrown by the write or the end that meets it
    this.current = { record, deflate, done };
  }

  /**
   * Adds bytes to the entry; a promise when the caller must wait for room. `consumed` is called once the deflate
   * no longer needs `bytes` (the buffer may then be reused).
   */
  write(bytes: Buffer | string, consumed?: () => void): Promise<void> | undefined {
    const entry = this.current;
    if (!entry) throw new Error('No zip entry was begun');
    const data = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
    entry.record.crc = crc32(data, entry.record.crc);
    entry.record.size += data.length;
    if (entry.record.size > ZIP_ENTRY_MAX_BYTES) throw new Error(`A zip entry over ${ZIP_ENTRY_MAX_BYTES} bytes needs ZIP64 sizes, which this writer does not write`);
    return entry.deflate.write(data, consumed) ? undefined : once(entry.deflate, 'drain').then(() => undefined);
  }

  /** Ends the entry: its last deflated bytes, then its data descriptor. */
  async end(): Promise<void> {
    const entry = this.current;
    if (!entry) return;
    this.current = null;
    entry.deflate.end();
    await entry.done;
    const { record } = entry;
    if (record.compressed > U32_MAX) throw new Error('A zip entry compressed to over 4 GiB needs ZIP64 sizes, which this writer does not write');
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(record.crc, 4);
    descriptor.writeUInt32LE(record.compressed, 8);
    descriptor.writeUInt32LE(record.size, 12);
    this.emit(descriptor);
    this.entries.push(record);
  }

  /** Ends the last entry and writes the central directory: the archive is complete in `out` (not ended). */
  async finish(): Promise<void> {
    await this.end();
    const start = this.offset;
    for (const e of this.entries) this.emit(centralEntry(e, this.time, this.date));
    const size = this.offset - start;
    const zip64 = start >= U32_MAX || size >= U32_MAX || this.entries.length >= 0xffff;
    if (zip64) this.emit(zip64End(this.entries.length, size, start, this.offset));
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(Math.min(this.entries.length, 0xffff), 8);
    end.writeUInt16LE(Math.min(this.entries.length, 0xffff), 10);
    end.writeUInt32LE(Math.min(size, U32_MAX), 12);
    end.writeUInt32LE(Math.min(start, U32_MAX), 16);
    this.emit(end);
  }

  private emit(bytes: Buffer): void {
    this.offset += bytes.length;
    this.out.write(bytes);
  }
}

/** A central directory entry; an offset past 4 GiB goes in a ZIP64 extra field. */
function centralEntry(e: EntryRecord, time: number, date: number): Buffer {
  const far = e.offset >= U32_MAX;
  const extra = far ? Buffer.alloc(12) : Buffer.alloc(0);
  if (far) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(e.offset), 4);
  }
  const h = Buffer.alloc(46);
  h.writeUInt32LE(0x02014b50, 0);
  h.writeUInt16LE(far ? VERSION_ZIP64 : VERSION, 4); // made by: MS-DOS attributes
  h.writeUInt16LE(far ? VERSION_ZIP64 : VERSION, 6);
  h.writeUInt16LE(FLAGS, 8);
  h.writeUInt16LE(DEFLATED, 10);
  h.writeUInt16LE(time, 12);
  h.writeUInt16LE(date, 14);
  h.writeUInt32LE(e.crc, 16);
  h.writeUInt32LE(e.compressed, 20);
  h.writeUInt32LE(e.size, 24);
  h.writeUInt16LE(e.name.length, 28);
  h.writeUInt16LE(extra.length, 30);
  // comment length, disk, internal and external attributes: zero
  h.writeUInt32LE(far ? U32_MAX : e.offset, 42);
  return Buffer.concat([h, e.name, extra]);
}

/** The ZIP64 end of central directory record and its locator. */
function zip64End(entries: number, size: number, start: number, at: number): Buffer {
  const r = Buffer.alloc(56 + 20);
  r.writeUInt32LE(0x06064b50, 0);
  r.writeBigUInt64LE(44n, 4);
  r.writeUInt16LE(VERSION_ZIP64, 12);
  r.writeUInt16LE(VERSION_ZIP64, 14);
  r.writeBigUInt64LE(BigInt(entries), 24);
  r.writeBigUInt64LE(BigInt(entries), 32);
  r.writeBigUInt64LE(BigInt(size), 40);
  r.writeBigUInt64LE(BigInt(start), 48);
  r.writeUInt32LE(0x07064b50, 56);
  r.writeBigUInt64LE(BigInt(at), 64);
  r.writeUInt32LE(1, 72);
  return r;
}
