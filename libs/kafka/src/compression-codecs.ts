import { init as initZstd, compress as zstdCompress } from '@bokuweb/zstd-wasm';
import { decompress as zstdDecompress } from 'fzstd';
import { CompressionCodecs, CompressionTypes } from 'kafkajs';
import { compressFrameSync as lz4Compress, decompressFrameSync as lz4Decompress } from 'lz4-napi';
import { compressSync as snappyCompress, uncompressSync as snappyUncompress } from 'snappy';
import type { KafkaCompression } from '@app/config';
import { markUndecodable } from './undecodable-batch.util';

/** What kafkajs hands a codec to compress: the encoded record set. */
interface Encoder {
  buffer: Buffer;
}
interface Codec {
  compress(encoder: Encoder): Promise<Buffer>;
  decompress(buffer: Buffer): Promise<Buffer>;
}

/**
 * snappy-java (what Java producers use) writes its own framing: a 16-byte header, then blocks of
 * [4-byte big-endian length][raw snappy]. librdkafka and Go clients may send raw snappy; both are read.
 */
const XERIAL_MAGIC = Buffer.from([0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00]);
const XERIAL_HEADER = Buffer.concat([XERIAL_MAGIC, Buffer.from([0, 0, 0, 1, 0, 0, 0, 1])]);
const XERIAL_BLOCK = 32 * 1024;

export function snappyDecode(buffer: Buffer): Buffer {
  if (buffer.length < 16 || !buffer.subarray(0, 8).equals(XERIAL_MAGIC)) return snappyUncompress(buffer) as Buffer;
  const blocks: Buffer[] = [];
  for (let at = 16; at < buffer.length; ) {
    const length = buffer.readUInt32BE(at);
    at += 4;
    if (at + length > buffer.length) throw new Error('snappy: a framed block runs past the end of the batch');
    blocks.push(snappyUncompress(buffer.subarray(at, at + length)) as Buffer);
    at += length;
  }
  return Buffer.concat(blocks);
}

/** Written the way snappy-java writes it, which every Kafka client reads. */
export function snappyEncode(buffer: Buffer): Buffer {
  const parts: Buffer[] = [XERIAL_HEADER];
  for (let at = 0; at < buffer.length; at += XERIAL_BLOCK) {
    const block = snappyCompress(buffer.subarray(at, at + XERIAL_BLOCK));
    const length = Buffer.alloc(4);
    length.writeUInt32BE(block.length);
    parts.push(length, block);
  }
  return Buffer.concat(parts);
}

let zstdReady: Promise<void> | undefined;

/**
 * Decoding: fzstd (pure JS) reads streamed frames without a content size, which Java's zstd-jni writes.
 * Encoding: zstd-wasm (the reference C library in WebAssembly), loaded on first use.
 */
const CODECS: Record<'snappy' | 'lz4' | 'zstd', { decode: (b: Buffer) => Buffer; encode: (b: Buffer) => Promise<Buffer> }> = {
  snappy: { decode: snappyDecode, encode: async (b) => snappyEncode(b) },
  // Kafka's lz4 is the LZ4 frame format (KIP-57); lz4-napi binds the Rust lz4_flex implementation.
  lz4: { decode: (b) => lz4Decompress(b), encode: async (b) => lz4Compress(b) },
  zstd: {
    decode: (b) => Buffer.from(zstdDecompress(b)),
    encode: async (b) => {
      await (zstdReady ??= initZstd());
      return Buffer.from(zstdCompress(b, 3));
    },
  },
};

const GZIP_TYPE = CompressionTypes.GZIP;

/**
 * Registers snappy, lz4 and zstd with kafkajs (it ships gzip only), and wraps every codec's decoding so that a
 * record batch that cannot be decoded stops only its partition (see undecodable-batch.util) instead of failing
 * the whole fetch and crashing the consumer. kafkajs keeps codecs in one process-wide table: idempotent.
 */
export function registerCompressionCodecs(): void {
  if (registered) return;
  registered = true;
  const gzip = CompressionCodecs[GZIP_TYPE]() as Codec;
  CompressionCodecs[GZIP_TYPE] = () => ({
    compress: (encoder: Encoder) => gzip.compress(encoder),
    decompress: async (buffer: Buffer) => {
      try {
        return await gzip.decompress(buffer);
      } catch (error) {
        return markUndecodable('gzip', buffer, error as Error);
      }
    },
  });
  const types = { snappy: CompressionTypes.Snappy, lz4: CompressionTypes.LZ4, zstd: CompressionTypes.ZSTD };
  for (const name of ['snappy', 'lz4', 'zstd'] as const) {
    const codec = CODECS[name];
    (CompressionCodecs as Record<number, () => Codec>)[types[name]] = () => ({
      compress: (encoder: Encoder) => codec.encode(encoder.buffer),
      decompress: async (buffer: Buffer) => {
        try {
          return codec.decode(buffer);
        } catch (error) {
          return markUndecodable(name, buffer, error as Error);
        }
      },
    });
  }
}
let registered = false;

/** The kafkajs compression type of a configured codec name. */
export function compressionTypeOf(name: KafkaCompression): CompressionTypes {
  return {
    none: CompressionTypes.None,
    gzip: CompressionTypes.GZIP,
    snappy: CompressionTypes.Snappy,
    lz4: CompressionTypes.LZ4,
    zstd: CompressionTypes.ZSTD,
  }[name];
}
