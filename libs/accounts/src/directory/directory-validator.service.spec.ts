import { DirectoryValidator } from './directory-validator.service';

describe(DirectoryValidator.name, () => {
  const sut = new DirectoryValidator();

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

  it('masks personal ID numbers in extra columns, in keys and values, however they are typed', () => {
    const result = sut.validate({ ...{ accountId: 'a', unitCode: 'U1', status: 'active' }, cccd: '001234567890', note: 'CCCD 0012 3456 7891' });
    expect(result).toMatchObject({ ok: true, entry: { extra: { cccd: '************', note: 'CCCD **** **** ****' } } });
  });
});
