import { createHash } from 'node:crypto';
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { collectingStream } from '../../../../test/utils/collecting-stream';
import { ExportFileWriter } from './export-file.writer';


describe('ExportFileWriter (XLSX)', () => {
  it('starts a new sheet with the header after rowsPerSheet rows, keeps text, numbers and empty cells apart, and hashes every byte', async () => {
    const out = collectingStream();
    const writer = ExportFileWriter.for('xlsx', out, ['a', 'b', 'c', 'd'], { rowsPerSheet: 10 });
    const rows = Array.from({ length: 25 }, (_, i) => [`r${i} <&> "x"`, i, i % 2 ? null : '', ' lead and trail '] as (string | number | null)[]);
    for (const row of rows) await writer.row(row);
    const file = await writer.finish();
    const bytes = out.bytes();
    expect(file).toEqual({ rows: 25, bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });

    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['rows-1', 'rows-2', 'rows-3']);
    const read: unknown[][] = [];
    for (const sheet of book.worksheets) {
      const values: unknown[][] = [];
      sheet.eachRow({ includeEmpty: false }, (row) => values.push((row.values as unknown[]).slice(1)));
      expect(values[0]).toEqual(['a', 'b', 'c', 'd']);
      read.push(...values.slice(1));
    }
    expect(read.map((r) => [r[0], r[1], r[3]])).toEqual(rows.map((r) => [r[0], r[1], r[3]]));
    expect(read.map((r) => typeof r[1])).toEqual(rows.map(() => 'number'));
    // An empty text is an empty text cell; NULL is no cell at all (the verifier's streaming reader tells them apart).
    const sheet1 = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(sheet1).toContain('<c r="C2" t="inlineStr"><is><t></t></is></c>');
    expect(sheet1).not.toContain('r="C3"');
    expect(sheet1).toContain('<t>r0 &lt;&amp;&gt; "x"</t>');
    expect(sheet1).toContain('<t xml:space="preserve"> lead and trail </t>');
  });

  it('gives up at once on a receiver that was gone before the file began', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      const out = collectingStream();
      out.destroy();
      await new Promise((resolve) => setImmediate(resolve));
      const writer = ExportFileWriter.for(format, out, ['a']);
      for (let i = 0; i < 10; i++) await Promise.race([writer.row([`row ${i}`]), new Promise((resolve) => setImmediate(resolve))]);
      await expect(writer.finish()).rejects.toThrow('The receiver closed the connection before the file was complete');
    }
  });

  it('stops the export when the receiver takes nothing for the stall time, and not before', async () => {
    for (const format of ['csv', 'xlsx'] as const) {
      // A receiver that accepts 64 KiB, then never again (its first write's callback never comes).
      const out = new Writable({ highWaterMark: 64 * 1024, write: () => undefined });
      const writer = ExportFileWriter.for(format, out, ['a'], { stallMs: 300 });
      const started = Date.now();
      const writing = (async () => {
        for (let i = 0; ; i++) await writer.row([`row ${i} `.repeat(20)]);
      })();
      await expect(writing).rejects.toThrow('The receiver took nothing for 0.3 s: the export was stopped');
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
      out.destroy();
    }
  });
});

