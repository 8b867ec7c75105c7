import { directoryFormatOf, parseDirectory } from './directory-parser.util';

describe('parseDirectory', () => {
  it('reads CSV with the header on line 1, empty cells as null, extra columns kept', () => {
    const sut = parseDirectory('accountId,unitCode,status,email,office\ncb.a,U1,active,,P.201\n\ncb.b,U2,retired,b@x.vn,\n', 'csv');
    expect(sut.errors).toEqual([]);
    expect(sut.records).toEqual([
      { line: 2, value: { accountId: 'cb.a', unitCode: 'U1', status: 'active', email: null, office: 'P.201' } },
      { line: 4, value: { accountId: 'cb.b', unitCode: 'U2', status: 'retired', email: 'b@x.vn', office: null } },
    ]);
  });

  it('reports a CSV record with the wrong number of columns by its line and keeps the others', () => {
    const sut = parseDirectory('accountId,unitCode,status\ncb.a,U1\ncb.b,U2,active\n', 'csv');
    expect(sut.errors).toEqual([{ line: 2, message: expect.stringContaining('not a valid CSV record') }]);
    expect(sut.records.map((r) => r.line)).toEqual([3]);
  });

  it('reads NDJSON line by line and names the lines that are not JSON', () => {
    const sut = parseDirectory('{"accountId":"a"}\n\n{oops\n{"accountId":"b"}', 'ndjson');
    expect(sut.records.map((r) => r.line)).toEqual([1, 4]);
    expect(sut.errors).toEqual([{ line: 3, message: 'not valid JSON' }]);
  });

  it('numbers the items of a JSON array from 1 and refuses anything but an array', () => {
    expect(parseDirectory([{ a: 1 }, { b: 2 }], 'json').records.map((r) => r.line)).toEqual([1, 2]);
    expect(parseDirectory({ accountId: 'x' }, 'json').errors).toEqual([{ line: 1, message: 'the body must be a JSON array of accounts' }]);
  });

  it('takes the format from the content type', () => {
    expect(directoryFormatOf('text/csv; charset=utf-8')).toBe('csv');
    expect(directoryFormatOf('application/x-ndjson')).toBe('ndjson');
    expect(directoryFormatOf('application/json')).toBe('json');
  });
});
