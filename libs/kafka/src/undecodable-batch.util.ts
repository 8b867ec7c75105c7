import { createHash } from 'node:crypto';

/** What is known of a record batch whose records could not be decompressed. Never its bytes: they may hold IDs. */
export interface UndecodableBatch {
  codec: string;
  /** The decoder's error, e.g. "incorrect header check". */
  error: string;
  recordCount: number;
  compressedBytes: number;
  /** SHA-256 of the compressed bytes, to match the batch with a copy taken from the broker. */
  sha256: string;
}

/**
 * Record batch v2 header before the records: firstOffset(8) length(4) partitionLeaderEpoch(4) magic(1) crc(4)
 * attributes(2) lastOffsetDelta(4) firstTimestamp(8) maxTimestamp(8) producerId(8) producerEpoch(2)
 * firstSequence(4) recordCount(4). `length` counts from partitionLeaderEpoch to the end of the records.
 */
const HEADER_BYTES = 61;
const LENGTH_AT = 8;
const MAGIC_AT = 16;
const LAST_OFFSET_DELTA_AT = 23;
const RECORD_COUNT_AT = 57;
const AFTER_LENGTH = HEADER_BYTES - LENGTH_AT - 4;

/** Synthetic record sets made here, by their memory: no payload a producer sends can pass for one. */
const marked = new WeakMap<ArrayBufferLike, UndecodableBatch>();

/**
 * kafkajs decodes a whole fetch response at once, so one batch its codec cannot decompress fails the fetch of
 * every partition and crashes the consumer. A codec instead answers such a batch with this: as many empty
 * placeholder records as the batch declares, at its offsets, that the consumer recognises (undecodableBatchOf)
 * and holds back, stopping only that partition. kafkajs passes the codec a slice of the fetched response, so
 * the batch header sits just before it in the same memory; when it does not look like one (not magic 2, or a
 * length that does not match), the batch cannot be isolated and the error is thrown as before.
 */
export function markUndecodable(codec: string, compressed: Buffer, error: Error): Buffer {
  const start = compressed.byteOffset - HEADER_BYTES;
  if (start < 0) throw error;
  const header = Buffer.from(compressed.buffer, start, HEADER_BYTES);
  if (header.readInt8(MAGIC_AT) !== 2 || header.readInt32BE(LENGTH_AT) !== compressed.length + AFTER_LENGTH) throw error;
  const recordCount = header.readInt32BE(RECORD_COUNT_AT);
  const lastOffsetDelta = header.readInt32BE(LAST_OFFSET_DELTA_AT);
  if (recordCount <= 0 || lastOffsetDelta < recordCount - 1) throw error;
  const records = placeholderRecords(recordCount, lastOffsetDelta);
  marked.set(records.buffer, {
    codec,
    error: error.message,
    recordCount,
    compressedBytes: compressed.length,
    sha256: createHash('sha256').update(compressed).digest('hex'),
  });
  return records;
}

/** The undecodable batch a fetched message stands in for, if it is a placeholder. */
export function undecodableBatchOf(value: Buffer | null): UndecodableBatch | undefined {
  return value ? marked.get(value.buffer) : undefined;
}

/**
 * Records of one byte each, the last at lastOffsetDelta so the batch's offset range is covered (compaction may
 * leave gaps between a batch's offsets).
 */
function placeholderRecords(count: number, lastOffsetDelta: number): Buffer {
  const bodies = Array.from({ length: count }, (_, i) =>
    Buffer.from([
      0, // attributes
      ...varint(0), // timestampDelta
      ...varint(i === count - 1 ? lastOffsetDelta : i),
      ...varint(-1), // no key
      ...varint(1),
      0, // a one-byte value
      ...varint(0), // no headers
    ]),
  );
  const parts = bodies.flatMap((b) => [Buffer.from(varint(b.length)), b]);
  // Its own memory (Buffer.alloc never pools), so the WeakMap key belongs to this record set alone.
  const out = Buffer.alloc(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) at += p.copy(out, at);
  return out;
}

/** Kafka's zig-zag varint. */
function varint(value: number): number[] {
  let v = (value << 1) ^ (value >> 31);
  const bytes: number[] = [];
  while ((v & ~0x7f) !== 0) {
    bytes.push((v & 0x7f) | 0x80);
    v >>>= 7;
  }
  bytes.push(v);
  return bytes;
}
