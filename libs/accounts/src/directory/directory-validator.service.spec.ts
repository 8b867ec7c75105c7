import { FixedClock } from '@app/common';
import type { AppConfig } from '@app/config';
import { DirectoryValidator } from './directory-validator.service';

describe(DirectoryValidator.name, () => {
  const now = new Date('2026-11-24T03:00:00.000Z');
  const sut = new DirectoryValidator(new FixedClock(now), { ingest: { futureSkew: 300 } } as AppConfig);

  it('accepts a contract entry, normalising instants to UTC and keeping unknown properties as extra', () => {
    const result = sut.validate({ accountId: 'cb.a', unitCode: 'U1', status: 'active', createdAt: '2023-03-01T08:00:00+07:00', office: 'P.201' });
    expect(result).toEqual({
      ok: true,
      entry: expect.objectContaining({ accountId: 'cb.a', accountType: 'person', createdAt: '2023-03-01T01:00:00.000Z', extra: { office: 'P.201' } }),
    });
  });

  it.each([
    [{ unitCode: 'U1', status: 'active' }, 'accountId', 'accountId: is required'],
    [{ accountId: 'a', unitCode: 'U1', status: 'left' }, 'status', 'status: must be one of active, transferred, retired, suspended'],
    [{ accountId: 'a', unitCode: 'U1', status: 'active', lastLoginAt: '2026-11-20 07:00' }, 'lastLoginAt', 'lastLoginAt: must match format "date-time"'],
  ])('rejects %j naming the field', (value, field, message) => {
    expect(sut.validate(value)).toEqual({ ok: false, field, message });
  });

  it('rejects a sign-in or creation later than now plus the skew, and accepts one within it', () => {
    const entry = { accountId: 'a', unitCode: 'U1', status: 'active' };
    expect(sut.validate({ ...entry, lastLoginAt: '2999-01-01T00:00:00Z' })).toEqual({
      ok: false,
      field: 'lastLoginAt',
      message: expect.stringMatching(/^lastLoginAt: 2999-01-01T00:00:00.000Z is in the future/),
    });
    expect(sut.validate({ ...entry, createdAt: '2026-11-24T03:05:01Z' })).toMatchObject({ ok: false, field: 'createdAt' });
    expect(sut.validate({ ...entry, lastLoginAt: '2026-11-24T03:05:00Z' })).toMatchObject({ ok: true });
  });

  it('masks personal ID numbers in extra columns, in keys and values, however they are typed', () => {
    const result = sut.validate({ ...{ accountId: 'a', unitCode: 'U1', status: 'active' }, cccd: '001234567890', note: 'CCCD 0012 3456 7891' });
    expect(result).toMatchObject({ ok: true, entry: { extra: { cccd: '************', note: 'CCCD **** **** ****' } } });
  });
});
