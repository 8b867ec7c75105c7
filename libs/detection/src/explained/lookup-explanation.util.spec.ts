import { EXPLAINED, judgeLookup, UNNEEDED_FIELD, UNNEEDED_SENSITIVE } from './lookup-explanation.util';

describe(judgeLookup.name, () => {
  const needs = new Map([['1.001612', new Set(['fullName', 'dateOfBirth', 'personalId', 'familyRelations'])]]);
  const unit = '000.00.10.H52';
  const lookup = (o: Partial<Parameters<typeof judgeLookup>[0]> = {}) => ({
    unitCode: unit,
    dossierCode: `${unit}-261120-0042`,
    procedureCode: '1.001612',
    fields: ['fullName', 'dateOfBirth'],
    ...o,
  });
  const sut = (o?: Partial<Parameters<typeof judgeLookup>[0]>) => judgeLookup(lookup(o), needs);

  it('explains a lookup for a dossier of its unit, with a procedure, returning only what the procedure needs', () => {
    expect(sut()).toBe(EXPLAINED);
  });

  it('does not explain a lookup without a dossier, of another unit\'s dossier, or without a procedure', () => {
    expect(sut({ dossierCode: null })).toBe(0);
    expect(sut({ dossierCode: '000.00.11.H52-261120-0001' })).toBe(0);
    expect(sut({ unitCode: null })).toBe(0);
    // No procedure: no field is needed, so each returned is beyond the need.
    expect(sut({ procedureCode: null })).toBe(UNNEEDED_FIELD);
    expect(sut({ procedureCode: null, fields: ['religion'] })).toBe(UNNEEDED_FIELD | UNNEEDED_SENSITIVE);
  });

  it('marks fields beyond the need, and sensitive ones apart', () => {
    expect(sut({ fields: ['fullName', 'phone'] })).toBe(UNNEEDED_FIELD);
    expect(sut({ fields: ['fullName', 'phone', 'criminalRecord'] })).toBe(UNNEEDED_FIELD | UNNEEDED_SENSITIVE);
  });

  it('does not judge the fields of a procedure nobody knows: explained on dossier and unit alone', () => {
    expect(sut({ procedureCode: '9.999999', fields: ['religion'] })).toBe(EXPLAINED);
  });
});
