import { csvRecord, csvRecords } from './csv.util';
import { escapeFormula, unescapeFormula } from './export-row.util';

describe('csvRecord', () => {
  it('writes NULL as nothing and an empty text as "", quoting what RFC 4180 needs', () => {
    expect(csvRecord([null, '', 'a,b', 'say "hi"', 'line\nbreak', 7])).toBe(',"","a,b","say ""hi""","line\nbreak",7\n');
  });

  it('reads back exactly what it wrote, NULL and empty text apart, with or without a byte-order mark', () => {
    const rows = [
      ['a', null, '', 'x"y', 'multi\r\nline', null],
      [null, null],
      ['ư', 'bấm'],
    ];
    const text = `\uFEFF${rows.map(csvRecord).join('')}`;
    expect([...csvRecords(text)]).toEqual(rows);
  });

  it('names the record of an unterminated quote', () => {
    expect(() => [...csvRecords('a,b\r\n"open')]).toThrow('record 2: a quoted field does not end');
  });
});

describe('escapeFormula', () => {
  it('prefixes what a spreadsheet would run, and apostrophes, so one leading apostrophe always comes off', () => {
    for (const value of ['=1+1', '+84', '-1', '@SUM(A1)', '\tx', '\rx', "'quoted", "''", 'plain', '', 'a=b']) {
      const escaped = escapeFormula(value);
      expect(escaped).not.toMatch(/^[=+\-@\t\r]/);
      expect(unescapeFormula(escaped)).toBe(value);
    }
    expect(escapeFormula('plain')).toBe('plain');
  });
});
