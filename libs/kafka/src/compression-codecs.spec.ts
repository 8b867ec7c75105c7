import { gzipSync } from 'node:zlib';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { registerCompressionCodecs, snappyDecode, snappyEncode } from './compression-codecs';
import { undecodableBatchOf } from './undecodable-batch.util';

/** A record batch v2 header (61 bytes) followed by its records, inside a larger buffer as a fetch response is. */
function batchIn(records: Buffer, recordCount: number, lastOffsetDelta: number): Buffer {
  const header = Buffer.alloc(61);
  header.writeBigInt64BE(42n, 0); // firstOffset
  header.writeInt32BE(49 + records.length, 8);
  header.writeInt8(2, 16); // magic
  header.writeInt16BE(1, 21); // gzip
  header.writeInt32BE(lastOffsetDelta, 23);
  header.writeInt32BE(recordCount, 57);
  const response = Buffer.concat([Buffer.from('fetch response before the batch'), header, records, Buffer.from('after')]);
  const start = response.indexOf(header);
  return response.subarray(start + 61, start + 61 + records.length);
}

describe('compression codecs', () => {
  beforeAll(() => registerCompressionCodecs());
  const codec = (type: CompressionTypes) =>
    (CompressionCodecs as unknown as Record<number, () => { compress(e: { buffer: Buffer }): Promise<Buffer>; decompress(b: Buffer): Promise<Buffer> }>)[type]();

  it('round-trips every codec kafkajs lacks', async () => {
    const data = Buffer.from('{"eventId":"e-1","action":"lookup"}'.repeat(3000));
    for (const type of [CompressionTypes.GZIP, CompressionTypes.Snappy, CompressionTypes.LZ4, CompressionTypes.ZSTD]) {
      const compressed = await codec(type).compress({ buffer: data });
      expect(compressed.length).toBeLessThan(data.length / 5);
      expect((await codec(type).decompress(compressed)).equals(data)).toBe(true);
    }
  });

  it('reads snappy-java framing (what Java producers send) and raw snappy (librdkafka)', () => {
    const data = Buffer.alloc(100_000, 'abc');
    const framed = snappyEncode(data);
    expect(framed.subarray(0, 8)).toEqual(Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0]));
    expect(snappyDecode(framed).equals(data)).toBe(true);
    const raw = framed.subarray(20, 20 + framed.readUInt32BE(16));
    expect(snappyDecode(raw).equals(data.subarray(0, 32 * 1024))).toBe(true);
  });

  it('answers an undecodable batch with one recognisable placeholder per record, at its offsets', async () => {
    const compressed = batchIn(Buffer.from('not gzip at all, though the batch says so'), 3, 5);
    const records = await codec(CompressionTypes.GZIP).decompress(compressed);
    const info = undecodableBatchOf(records.subarray(2, 3));
    expect(info).toMatchObject({ codec: 'gzip', recordCount: 3, compressedBytes: compressed.length });
    expect(info!.sha256).toMatch(/^[0-9a-f]{64}$/);
    // zig-zag varints: length 7, attributes, timestampDelta, offsetDelta (zig-zag), key -1, value length 1, value, headers
    expect([...records]).toEqual([14, 0, 0, 0, 1, 2, 0, 0, 14, 0, 0, 2, 1, 2, 0, 0, 14, 0, 0, 10, 1, 2, 0, 0]);
    // A payload a producer sends can never pass for one: recognition is by memory, not content.
    expect(undecodableBatchOf(Buffer.from(records))).toBeUndefined();
  });

  it('throws as before when what it was given is not inside a record batch', async () => {
    await expect(codec(CompressionTypes.GZIP).decompress(Buffer.from('no header before this'))).rejects.toThrow();
    await expect(codec(CompressionTypes.LZ4).decompress(gzipSync(Buffer.from('x')))).rejects.toThrow();
  });
});
