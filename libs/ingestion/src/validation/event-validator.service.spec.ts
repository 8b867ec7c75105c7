import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTRACTS_SOURCE_DIR } from '@app/contracts';
import { EventValidator } from './event-validator.service';
import { RejectionReason } from './rejection-reason.constant';

const lines = (name: string) => readFileSync(join(CONTRACTS_SOURCE_DIR, 'examples', name), 'utf8').split('\n').filter(Boolean);

describe(EventValidator.name, () => {
  const sut = new EventValidator();

  it('accepts every valid example of the contract, extra properties included', () => {
    for (const line of lines('valid-events.ndjson')) expect(sut.parseAndValidate(line)).toMatchObject({ ok: true });
  });

  it.each([
    ['bad-1', RejectionReason.SCHEMA_VIOLATION, 'occurredAt', /^occurredAt: must be an RFC 3339 date-time with an explicit offset/],
    ['bad-2', RejectionReason.SCHEMA_VIOLATION, 'subjectId', /^subjectId: must be 12 digits$/],
    ['bad-3', RejectionReason.SCHEMA_VIOLATION, 'accountId', /^accountId: must not be empty$/],
    ['bad-4', RejectionReason.SCHEMA_VIOLATION, 'clientIp', /^clientIp: must be an IPv4 or IPv6 address$/],
    ['bad-5', RejectionReason.SCHEMA_VIOLATION, 'action', /^action: must be one of login, logout, lookup, verify, export$/],
    ['bad-6', RejectionReason.UNSUPPORTED_SCHEMA_VERSION, 'schemaVersion', /^schemaVersion: version 2 is not supported/],
    ['"bad-7"', RejectionReason.INVALID_JSON, null, /^not valid JSON/],
    ['not json', RejectionReason.INVALID_JSON, null, /^not valid JSON/],
    ['bad-9', RejectionReason.SCHEMA_VIOLATION, 'subjectId', /^subjectId: must be 12 digits when action is lookup or verify$/],
  ])('rejects the invalid example %s with a reason naming the problem', (marker, reason, field, message) => {
    const line = lines('invalid-events.ndjson').find((l) => l.includes(marker.replace(/"/g, '')))!;
    const result = sut.parseAndValidate(line);
    expect(result).toMatchObject({ ok: false, reason, field });
    expect(result.ok || result.message).toMatch(message);
  });

  it.each([
    ['2026-11-20 07:43:17+07:00', false],
    ['2026-11-20T07:43:17', false],
    ['2026-11-20T23:59:60Z', false],
    ['2026-02-30T07:43:17Z', false],
    ['2026-02-29T07:43:17Z', false],
    ['2028-02-29T07:43:17Z', true],
    ['2100-02-29T07:43:17Z', false],
    ['2000-02-29T07:43:17Z', true],
    ['2026-04-31T07:43:17Z', false],
    ['2026-13-01T07:43:17Z', false],
    ['2026-11-20T24:00:00Z', false],
    ['2026-11-20T07:43:17+24:00', false],
    ['2026-11-20T07:43:17-07:60', false],
    ['2026-12-31T23:59:59.999-12:00', true],
    ['2026-11-20T07:43:17.123456+07:00', true],
    ['2026-11-20T00:43:17Z', true],
  ])('takes occurredAt %s only with an explicit offset and a real time (%s)', (occurredAt, ok) => {
    const event = { schemaVersion: 1, eventId: 'e', occurredAt, accountId: 'a', clientIp: '10.0.0.1', sourceSystem: 's', action: 'login' };
    expect(sut.validate(event).ok).toBe(ok);
  });

  it('names the missing field, the array item and the rule of the export action', () => {
    const base = { schemaVersion: 1, eventId: 'e', occurredAt: '2026-11-20T07:43:17Z', accountId: 'a', clientIp: '::1', sourceSystem: 's' };
    expect(sut.validate({ ...base })).toMatchObject({ field: 'action', message: 'action: is required' });
    expect(sut.validate({ ...base, action: 'login', fields: ['a', 1] })).toMatchObject({ field: 'fields[1]', message: 'fields[1]: must be string' });
    expect(sut.validate({ ...base, action: 'export' })).toMatchObject({ field: 'subjectCount', message: 'subjectCount: is required when action is export' });
    expect(sut.validate([base])).toMatchObject({ ok: false, message: 'the record must be a JSON object' });
  });

  it('never repeats the value it rejects', () => {
    const result = sut.parseAndValidate('{"schemaVersion":1,"eventId":"x","subjectId":"0521900123456"');
    expect(result.ok || result.message).not.toMatch(/\d{9}/);
  });
});

describe(`${EventValidator.name} on values the database cannot hold`, () => {
  const sut = new EventValidator();
  const base = { schemaVersion: 1, eventId: 'e', occurredAt: '2026-11-20T07:43:17Z', accountId: 'a', clientIp: '::1', sourceSystem: 's' };

  it.each([
    [{ ...base, action: 'export', subjectCount: 3_000_000_000 }, 'subjectCount', /^subjectCount: must be at most 2147483647$/],
    [{ ...base, action: 'login', occurredAt: '0000-01-01T00:00:00Z' }, 'occurredAt', /^occurredAt: must fall within the years 0001–9999/],
    [{ ...base, action: 'login', occurredAt: '9999-12-31T23:30:00-01:00' }, 'occurredAt', /^occurredAt: must fall within the years 0001–9999/],
  ])('rejects %j by field instead of failing the whole batch', (event, field, message) => {
    const result = sut.validate(event);
    expect(result).toMatchObject({ ok: false, reason: RejectionReason.UNSTORABLE_VALUE, field });
    expect(result.ok || result.message).toMatch(message);
  });

  it('takes the edges the store holds', () => {
    expect(sut.validate({ ...base, action: 'export', subjectCount: 2_147_483_647 }).ok).toBe(true);
    expect(sut.validate({ ...base, action: 'login', occurredAt: '0001-01-01T00:00:00Z' }).ok).toBe(true);
    expect(sut.validate({ ...base, action: 'login', occurredAt: '9999-12-31T23:59:59.999Z' }).ok).toBe(true);
  });
});

describe(`${EventValidator.name} on text the database cannot hold`, () => {
  const sut = new EventValidator();
  const event = (accountId: string) =>
    JSON.stringify({ schemaVersion: 1, eventId: 'e', occurredAt: '2026-11-20T07:43:17Z', accountId, clientIp: '::1', sourceSystem: 's', action: 'login' });

  it.each([['a\u0000b'], ['a\ud800b']])('rejects %j as unstorable text instead of failing the batch', (accountId) => {
    expect(sut.parseAndValidate(event(accountId))).toMatchObject({ ok: false, reason: RejectionReason.UNSTORABLE_TEXT });
    expect(sut.validate(JSON.parse(event(accountId)))).toMatchObject({ ok: false, reason: RejectionReason.UNSTORABLE_TEXT });
  });

  it('accepts escaped characters that are fine', () => {
    expect(sut.parseAndValidate(event('\u00e9\ud83d\ude00'))).toMatchObject({ ok: true });
  });
});
