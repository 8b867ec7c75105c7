import { createHash } from 'node:crypto';
import { canonicalEvent, canonicalEventV1, eventHash, StoredEventRecord, textArrayLiteral } from './canonical-event';

const base: StoredEventRecord = {
  eventId: 'igate-20261120-000002',
  occurredAt: new Date('2026-11-20T00:43:17.530Z'),
  accountId: 'cb.tuphap.nguyenvana',
  unitCode: '000.00.10.H52',
  clientIp: '10.52.11.24',
  sourceSystem: 'igate',
  action: 'lookup',
  subjectHash: '07'.repeat(32),
  subjectKeyId: 'k1',
  subjectEnc: null,
  subjectCount: null,
  fields: ['fullName', 'personalId'],
  dossierCode: '000001052-261120-0042',
  procedureCode: '1.001612',
  result: 'success',
  userAgent: null,
  extra: null,
  flags: [],
};

describe('canonicalEvent (form 2: the row as COPY text)', () => {
  it('is the row PostgreSQL COPY reads, columns in the documented order', () => {
    expect(canonicalEvent(base)).toBe(
      [
        '2026-11-20T00:43:17.530Z',
        'igate-20261120-000002',
        'cb.tuphap.nguyenvana',
        '000.00.10.H52',
        '10.52.11.24',
        'igate',
        'lookup',
        `\\\\x${'07'.repeat(32)}`,
        'k1',
        '\\N',
        '\\N',
        '{"fullName","personalId"}',
        '000001052-261120-0042',
        '1.001612',
        'success',
        '\\N',
        '\\N',
        '{}',
      ].join('\t'),
    );
    expect(eventHash(base)).toEqual(createHash('sha256').update(canonicalEvent(base)).digest());
  });

  it('escapes what COPY would read otherwise, keeps NULL apart from empty text, and sorts extra keys', () => {
    const odd: StoredEventRecord = {
      ...base,
      userAgent: 'tab\t"quote" \\ new\nline tiếng Việt \u2028',
      dossierCode: '',
      fields: ['a"b', 'c\\d', ''],
      extra: { z: [1, { b: null, a: 'x\ty' }], a: true },
      subjectEnc: Buffer.from([1, 2, 3]),
      subjectCount: 4,
      flags: ['unregistered_source'],
    };
    const columns = canonicalEvent(odd).split('\t');
    expect(columns).toHaveLength(18);
    expect(columns[15]).toBe('tab\\t"quote" \\\\ new\\nline tiếng Việt \u2028');
    expect(columns[12]).toBe('');
    expect(columns[11]).toBe('{"a\\\\"b","c\\\\\\\\d",""}');
    expect(columns[16]).toBe('{"a":true,"z":[1,{"a":"x\\\\ty","b":null}]}');
    expect(columns[9]).toBe('\\\\x010203');
    expect(canonicalEvent({ ...odd, extra: { a: true, z: [1, { a: 'x\ty', b: null }] } })).toBe(canonicalEvent(odd));
    expect(canonicalEvent({ ...odd, dossierCode: null })).not.toBe(canonicalEvent(odd));
  });
});

describe('textArrayLiteral', () => {
  /** Every element quoted, backslash and quote escaped: the literal by its definition. */
  const reference = (values: string[]) => `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;

  it.each([
    [[]],
    [['fullName', 'personalId']],
    [['a"b', 'c\\d', 'e\\"f', '']],
    [['tab\there', 'new\nline', '\u0001', 'tiếng Việt', '\u2028', '\ud800']],
    [['\\n', '\\u0041', '"\\']],
  ])('writes %j as the quoted literal', (values) => {
    expect(textArrayLiteral(values)).toBe(reference(values));
  });
});

describe('canonicalEventV1 (form 1, batches written before form 2)', () => {
  it('keeps the hash of events stored in form 1 stable, so those batches still verify', () => {
    expect(eventHash(base, 1).toString('hex')).toBe(createHash('sha256').update(canonicalEventV1(base)).digest('hex'));
    expect(canonicalEventV1(base)).toBe(
      '[1,"igate-20261120-000002","2026-11-20T00:43:17.530Z","cb.tuphap.nguyenvana","000.00.10.H52","10.52.11.24",' +
        '"igate","lookup","0707070707070707070707070707070707070707070707070707070707070707","k1",null,null,' +
        '["fullName","personalId"],"000001052-261120-0042","1.001612","success",null,null,[]]',
    );
  });
});
