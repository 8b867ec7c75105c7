import { Writable } from 'node:stream';

/** A receiver that keeps every byte written to it, as a browser saving a download would. */
export function collectingStream(): Writable & { bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _e, done) {
      chunks.push(chunk);
      done();
    },
  }) as Writable & { bytes: () => Buffer };
  out.bytes = () => Buffer.concat(chunks);
  return out;
}
