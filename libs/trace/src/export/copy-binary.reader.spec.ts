import { CopyBinaryReader } from './copy-binary.reader';

/** A binary COPY stream as PostgreSQL writes it: signature, flags, a header extension, tuples, the trailer. */
function copyStream(tuples: (string | null)[][], extension = Buffer.alloc(0)): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(4)];
  const ext = Buffer.alloc(4);
  ext.writeInt32BE(extension.length);
  parts.push(ext, extension);
  for (const tuple of tuples) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(tuple.length);
    parts.push(count);
    for (const v of tuple) {
      const length = Buffer.alloc(4);
      if (v === null) {
        length.writeInt32BE(-1);
        parts.push(length);
      } else {
        const bytes = Buffer.from(v, 'utf8');
        length.writeInt32BE(bytes.length);
        parts.push(length, bytes);
      }
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

const TUPLES: (string | null)[][] = [
  ['a', null, 'Nguyễn'],
  ['', 'x'.repeat(300), null],
  [null, null, null],
  ['last', '1', '2'],
];

function readAll(reader: CopyBinaryReader, chunks: Buffer[], decline?: (n: number) => boolean): (string | null)[][] {
  const seen: (string | null)[][] = [];
  const take = (bytes: Buffer, start: Int32Array, end: Int32Array): boolean => {
    if (decline?.(seen.length)) return false;
    seen.push(Array.from(start, (s, i) => (s < 0 ? null : bytes.toString('utf8', s, end[i]))));
    return true;
  };
  for (const chunk of chunks) {
    reader.push(chunk, take);
    while (reader.waiting) reader.push(Buffer.alloc(0), take);
  }
  return seen;
}

describe('CopyBinaryReader', () => {
  it('gives every tuple, NULLs apart from empty text, wherever the chunks are cut (every split point, and byte by byte)', () => {
    const stream = copyStream(TUPLES, Buffer.from('ext'));
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new CopyBinaryReader(3);
      expect(readAll(reader, [stream.subarray(0, cut), stream.subarray(cut)])).toEqual(TUPLES);
      expect(reader.complete).toBe(true);
    }
    const reader = new CopyBinaryReader(3);
    expect(readAll(reader, Array.from(stream, (b) => Buffer.from([b])))).toEqual(TUPLES);
    expect(reader.complete).toBe(true);
  });

  it('stops before a tuple the handler declines and hands it over again on the next push', () => {
    const reader = new CopyBinaryReader(3);
    let declined = 0;
    const seen = readAll(reader, [copyStream(TUPLES)], (n) => n === 2 && declined++ === 0);
    expect(declined).toBe(2);
    expect(seen).toEqual(TUPLES);
  });

  it('is not complete before the trailer, and refuses a stream that is not binary COPY or has other columns', () => {
    const stream = copyStream(TUPLES);
    const reader = new CopyBinaryReader(3);
    readAll(reader, [stream.subarray(0, stream.length - 2)]);
    expect(reader.complete).toBe(false);
    expect(() => new CopyBinaryReader(3).push(Buffer.from('a,b,c\n'.repeat(5)), () => true)).toThrow('Not a binary COPY stream');
    expect(() => new CopyBinaryReader(2).push(stream, () => true)).toThrow('A COPY tuple of 3 fields where 2 were expected');
  });
});
