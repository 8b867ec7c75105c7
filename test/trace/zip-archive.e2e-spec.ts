import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import JSZip from 'jszip';
import { installDebianPackages } from '../utils/debian-package';
import { pythonZipEntries } from '../utils/python-readers';
import { ZipStreamWriter } from '../../libs/trace/src/export/zip-stream.writer';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A receiver that takes a chunk only every few milliseconds (the writer must wait, not buffer without end). */
function slowReceiver(): Writable & { bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 16 * 1024,
    write(chunk: Buffer, _e, done) {
      chunks.push(chunk);
      setTimeout(done, 1);
    },
  }) as Writable & { bytes: () => Buffer };
  out.bytes = () => Buffer.concat(chunks);
  return out;
}

describe('ZipStreamWriter', () => {
  it('writes an archive that zip readers of three other projects read whole, with the CRC of every entry right', async () => {
    // Text that compresses (several deflate blocks) and bytes that do not; an empty entry; a UTF-8 name.
    const text = Buffer.from(Array.from({ length: 60_000 }, (_, i) => `<row r="${i}"><c><v>${i * 7}</v></c></row>`).join(''));
    const noise = randomBytes(300_000);
    const entries: [string, Buffer][] = [
      ['xl/worksheets/sheet1.xml', text],
      ['noise.bin', noise],
      ['empty.txt', Buffer.alloc(0)],
      ['tên/tệp.txt', Buffer.from('Tiếng Việt')],
    ];
    const out = slowReceiver();
    const zip = new ZipStreamWriter(out, { level: 1, modified: new Date(2026, 11, 3, 10, 30, 14) });
    for (const [name, bytes] of entries) {
      await zip.begin(name);
      for (let at = 0; at < bytes.length; at += 100_000) await zip.write(bytes.subarray(at, at + 100_000));
      if (name === 'noise.bin') expect(zip.entryBytes).toBe(noise.length);
    }
    await zip.finish();
    await new Promise<void>((resolve) => out.end(resolve));
    const archive = out.bytes();
    const file = join(mkdtempSync(join(tmpdir(), 'zip-')), 'archive.zip');
    writeFileSync(file, archive);

    const read = await JSZip.loadAsync(archive);
    for (const [name, bytes] of entries) expect(sha256(await read.file(name)!.async('nodebuffer'))).toBe(sha256(bytes));
    expect(read.file('xl/worksheets/sheet1.xml')!.date.getMinutes()).toBe(30);

    const python = pythonZipEntries(file);
    expect(python.bad).toBeNull();
    expect(python.entries).toEqual(Object.fromEntries(entries.map(([name, bytes]) => [name, { size: bytes.length, sha256: sha256(bytes) }])));

    installDebianPackages(['unzip'], { tag: 'unzip', why: 'Info-ZIP unzip is missing', present: () => hasUnzip() });
    expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toContain('No errors detected');
    expect(text.length / archive.length).toBeGreaterThan(1.2); // the text was deflated
  });
});

function hasUnzip(): boolean {
  try {
    execFileSync('unzip', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
