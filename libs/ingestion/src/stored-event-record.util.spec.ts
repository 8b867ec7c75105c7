import { QueryLogEventV1 } from '@app/contracts';
import { SubjectPseudonymizer } from './personal-data/subject-pseudonymizer.service';
import { toStoredRecord } from './stored-event-record.util';

describe('toStoredRecord', () => {
  const pseudonymizer = new SubjectPseudonymizer('k'.repeat(32), 'k1');
  const event = JSON.parse(
    '{"schemaVersion":1,"eventId":"e1","occurredAt":"2026-11-20T07:43:17.5+07:00","accountId":"a","clientIp":"::1",' +
      '"sourceSystem":"igate","action":"lookup","subjectId":"052190012345","terminalId":"kiosk-7",' +
      '"note":"for 052190012345","__proto__":{"x":1}}',
  ) as QueryLogEventV1;

  it('keeps the ID only as its keyed hash, applies the defaults and keeps the properties beyond the schema', () => {
    const sut = toStoredRecord(event, pseudonymizer, ['undeclared_fields']);
    expect(sut).toMatchObject({
      occurredAt: new Date('2026-11-20T00:43:17.500Z'),
      subjectHash: pseudonymizer.hash('052190012345').toString('hex'),
      subjectKeyId: 'k1',
      subjectEnc: null,
      unitCode: null,
      fields: [],
      result: 'success',
      flags: ['undeclared_fields'],
    });
    expect(JSON.stringify(sut.extra)).toBe('{"terminalId":"kiosk-7","note":"for ************","__proto__":{"x":1}}');
    expect(JSON.stringify(sut)).not.toContain('052190012345');
  });
});
