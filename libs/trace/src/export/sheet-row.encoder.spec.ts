import { SheetRowEncoder } from './sheet-row.encoder';

function rowXml(r: number, cells: (string | number | null)[]): string {
  const e = new SheetRowEncoder(cells.length, 64);
  e.beginRow(r);
  cells.forEach((v, i) => {
    if (v === null) return;
    const bytes = Buffer.from(String(v), 'utf8');
    if (typeof v === 'number') e.number(i, bytes, 0, bytes.length);
    else e.text(i, bytes, 0, bytes.length);
  });
  e.endRow();
  return e.take().toString('utf8');
}

describe('SheetRowEncoder', () => {
  it('writes inline text cells with XML escapes, numbers as numbers, and no cell for NULL', () => {
    expect(rowXml(7, ['a&b<c>d', 42, null, ''])).toBe(
      '<row r="7"><c r="A7" t="inlineStr"><is><t>a&amp;b&lt;c&gt;d</t></is></c><c r="B7"><v>42</v></c><c r="D7" t="inlineStr"><is><t></t></is></c></row>',
    );
  });

  it('keeps line feeds and carriage returns as character references, and marks edge whitespace to be preserved', () => {
    expect(rowXml(1, ['x\r\ny', ' lead', 'trail\t', 'in side'])).toBe(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>x&#13;&#10;y</t></is></c>' +
        '<c r="B1" t="inlineStr"><is><t xml:space="preserve"> lead</t></is></c>' +
        '<c r="C1" t="inlineStr"><is><t xml:space="preserve">trail\t</t></is></c>' +
        '<c r="D1" t="inlineStr"><is><t>in side</t></is></c></row>',
    );
  });

  it('copies multi-byte UTF-8 as it is and writes what XML 1.0 cannot hold (C0 controls, U+FFFE, U+FFFF) as _xHHHH_', () => {
    const xml = rowXml(3, ['Nguyễn Văn Ả – 𝔘', 'a\u0001b\u001fc\u0000d', 'x\uFFFEy\uFFFFz\uFFFDw', '\u007f']);
    expect(xml).toContain('<t>Nguyễn Văn Ả – 𝔘</t>');
    expect(xml).toContain('<t>a_x0001_b_x001F_c_x0000_d</t>');
    expect(xml).toContain('<t>x_xFFFE_y_xFFFF_z\uFFFDw</t>'); // U+FFFD (EF BF BD) is a character
    expect(xml).toContain('<t>\u007f</t>');
  });

  it('escapes the underscore of a stored text that reads as an escape, and decides on xml:space from the stored text', () => {
    expect(rowXml(1, ['a_x0041_b', 'snake_case_x12_', '_xabcd_', ' padded\u0001', '\u0001x'])).toBe(
      '<row r="1"><c r="A1" t="inlineStr"><is><t>a_x005F_x0041_b</t></is></c>' +
        '<c r="B1" t="inlineStr"><is><t>snake_case_x12_</t></is></c>' +
        '<c r="C1" t="inlineStr"><is><t>_x005F_xabcd_</t></is></c>' +
        '<c r="D1" t="inlineStr"><is><t xml:space="preserve"> padded_x0001_</t></is></c>' +
        '<c r="E1" t="inlineStr"><is><t>_x0001_x</t></is></c></row>',
    );
  });

  it('names columns past Z with two letters and grows its buffer for a value larger than a piece', () => {
    const cells: string[] = Array.from({ length: 28 }, (_, i) => (i === 27 ? 'v'.repeat(100_000) : ''));
    const xml = rowXml(1_048_576, cells);
    expect(xml).toContain('<c r="Z1048576" t="inlineStr">');
    expect(xml).toContain(`<c r="AB1048576" t="inlineStr"><is><t>${'v'.repeat(100_000)}</t></is></c></row>`);
  });

  it('hands out pieces that stay intact while later rows are written into a recycled buffer', () => {
    const e = new SheetRowEncoder(1, 16);
    const piece = (text: string): Buffer => {
      e.beginRow(1);
      e.text(0, Buffer.from(text), 0, text.length);
      e.endRow();
      return e.take();
    };
    const first = piece('first');
    const copy = Buffer.from(first);
    e.recycle(piece('second'));
    piece('third');
    expect(first.equals(copy)).toBe(true);
  });
});
