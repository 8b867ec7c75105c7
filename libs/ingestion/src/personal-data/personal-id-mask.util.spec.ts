import { maskFieldCodes, maskPersonalIds, maskPersonalIdsDeep } from './personal-id-mask.util';

describe('maskPersonalIds', () => {
  it('masks every long digit run, keeping its length, and leaves dates and short codes', () => {
    expect(maskPersonalIds('{"note":"052190012345","x":"52190012345"} 2026-11-20 000001')).toBe(
      '{"note":"************","x":"***********"} 2026-11-20 000001',
    );
  });

  it('masks IDs typed in separated groups, and leaves dates, times and IPv4 addresses readable', () => {
    expect(maskPersonalIds('id 0012 3456 7890, 001-234-567-892, 001_234_567_893')).toBe('id **** **** ****, ***-***-***-***, ***_***_***_***');
    expect(maskPersonalIds('2026-11-20 07:43:17 from 192.168.100.200, dossier 000.00.12.H40-261120-0001')).toBe(
      '2026-11-20 07:43:17 from 192.168.100.200, dossier 000.00.12.H40-261120-0001',
    );
  });

  it('masks IDs in groups joined by dots, commas or slashes, or spaced after a code, and leaves amounts, addresses and procedure codes', () => {
    expect(maskPersonalIds('001.234.567.890 | 0012.3456.7890 | 001234/567890 | 0012,3456,7890 | H40-0012 3456 7890')).toBe(
      '***.***.***.*** | ****.****.**** | ******/****** | ****,****,**** | H40-**** **** ****',
    );
    // An ID whose groups could be octets is still an ID when written with the leading zero of a province code.
    expect(maskPersonalIds('001.234.123.200')).toBe('***.***.***.***');
    const readable = 'from 192.168.100.200 and 10.2.33.4, procedure 1.004227.000.00.00.H12, unit 000.00.31.H52, 2026/12/08, fined 250.000.000 đồng, 100,000,000,000 VND';
    expect(maskPersonalIds(readable)).toBe(readable);
  });

  it('reads JSON escapes and full-width digits as the digits they are', () => {
    expect(maskPersonalIds('"\\u0030\\u0030\\u0031\\u0032\\u0033\\u0034\\u0035\\u0036\\u0037\\u0038\\u0039\\u0030"')).toBe('"************"');
    expect(maskPersonalIds('ID ００１２３４５６７８９０')).toBe('ID ************');
  });

  it('masks the subjectId value whatever its shape', () => {
    expect(maskPersonalIds('{"subjectId": "0012-34", "n": 1}')).toBe('{"subjectId": "****-**", "n": 1}');
    expect(maskPersonalIds('{"subjectId":12345,"action":"lookup"}')).toBe('{"subjectId":*****,"action":"lookup"}');
    expect(maskPersonalIds('{"subjectId":"abc\\"d"}')).toBe('{"subjectId":"*****"}');
  });

  it('masks strings at every depth of a JSON value', () => {
    expect(maskPersonalIdsDeep({ a: ['id 052190012345'], b: { c: 'ok', n: 5 } })).toEqual({ a: ['id ************'], b: { c: 'ok', n: 5 } });
  });
});

describe('maskFieldCodes', () => {
  it('keeps catalog codes and masks the digits of anything else', () => {
    expect(maskFieldCodes(['fullName', 'idCardInfo'])).toEqual(['fullName', 'idCardInfo']);
    expect(maskFieldCodes(['fullName', 'cccd:001234567893', '0012-3456-7894', 'x 12'])).toEqual([
      'fullName',
      'cccd:************',
      '****-****-****',
      'x **',
    ]);
  });
});
