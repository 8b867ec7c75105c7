import { createHash } from 'node:crypto';
import { canonicalEvent, canonicalEventReference, eventHash, StoredEventRecord } from './canonical-event';

const base: StoredEventRecord = {
  eventId: 'igate-20261120-000002',
  occurredAt: new Date('2026-11-20T00:43:17.530Z'),
  accountId: 'cb.tuphap.nguyenvana',
  unitCode: '000.00.10.H52',
  clientIp: '10.52.11.24',
  sourceSystem: 'igate',
  action: 'lookup',
  subjectHash: Buffer.alloc(32, 7),
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

describe('canonicalEvent', () => {
  it.each([
    ['a plain lookup', base],
    [
      'odd text, extra properties and an encrypted copy',
      {
        ...base,
        userAgent: 'tab\t"quote" \\ tiếng Việt \u2028',
        fields: ['a"b', ''],
        extra: { z: [1, { b: null, a: 'x' }], a: true },
        subjectEnc: Buffer.from([1, 2, 3]),
        subjectCount: 4,
        flags: ['unregistered_source'],
      },
    ],
  ])('builds the same text as the reference form for %s', (_, record) => {
    expect(canonicalEvent(record)).toBe(canonicalEventReference(record));
  });

  it('keeps the hash of an already stored event stable (changing the form would break verify of old data)', () => {
    expect(eventHash(base).toString('hex')).toBe(
      createHash('sha256').update(canonicalEventReference(base)).digest('hex'),
    );
    expect(canonicalEvent(base)).toBe(
      '[1,"igate-20261120-000002","2026-11-20T00:43:17.530Z","cb.tuphap.nguyenvana","000.00.10.H52","10.52.11.24",' +
        '"igate","lookup","0707070707070707070707070707070707070707070707070707070707070707","k1",null,null,' +
        '["fullName","personalId"],"000001052-261120-0042","1.001612","success",null,null,[]]',
    );
  });
});
