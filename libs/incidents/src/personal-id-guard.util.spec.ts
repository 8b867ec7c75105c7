import { DomainException } from '@app/common';
import { organisationNumbers, refusePersonalIds } from './personal-id-guard.util';

const fieldsOf = (sut: () => void): string[] => {
  try {
    sut();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainException);
    return (e as DomainException).details.map((d) => d.field!);
  }
  return [];
};

describe(refusePersonalIds.name, () => {
  it('names every field holding twelve digits in a row', () => {
    const sut = () => refusePersonalIds({ violation: { act: 'Tra cứu công dân 052190012345 ngoài giờ', parties: 'cb.a' }, recipients: ['A05', 'số 001234567890'] }, 'content');
    expect(fieldsOf(sut)).toEqual(['content.violation.act', 'content.recipients[1]']);
  });

  it('catches an ID grouped, hyphenated, in full-width digits or with a digit missing', () => {
    const sut = () =>
      refusePersonalIds({ accounts: ['cb.a', '0792 0300 1234'], units: ['079-203-001-234'], fields: ['０７９２０３００１２３４'], note: 'số 07920300123' });
    expect(fieldsOf(sut)).toEqual(['accounts[1]', 'units[0]', 'fields[0]', 'note']);
  });

  it('lets phone numbers and tax codes (by their key), dates, counts and short numbers through', () => {
    expect(() =>
      refusePersonalIds({ phone: '0233 3852 123', lead: { phone: '0912345678' }, taxCode: '3200123456', at: '2026-12-02T08:30:00Z', rows: 123456789012345, ref: '123/CV-UBND' }),
    ).not.toThrow();
  });

  it('refuses a personal ID put where a phone number or a tax code goes, and does not let it through a sentence', () => {
    const content = { organisation: { phone: '079203001234', taxCode: '0792 0300 1234' }, violation: { act: 'tra cứu 079203001234' } };
    expect(fieldsOf(() => refusePersonalIds(content, 'content', organisationNumbers(content))).sort()).toEqual(
      ['content.organisation.phone', 'content.organisation.taxCode', 'content.violation.act'].sort(),
    );
    expect(() => refusePersonalIds({ taxCode: '0100109106-001', phone: '+84 233 3852 123' })).not.toThrow();
  });

  it("lets the organisation's own phone numbers through inside a sentence, and nothing else that long", () => {
    const content = { organisation: { phone: '0233 3852 123', dataProtectionLead: { phone: '0912345678' } }, violation: { responsiblePerson: 'Bà B, điện thoại: 0912345678', act: 'gọi 0912345679' } };
    expect(fieldsOf(() => refusePersonalIds(content, 'content', organisationNumbers(content)))).toEqual(['content.violation.act']);
  });
});
