import { loadReportOrganisation } from '@app/config';
import { join } from 'node:path';
import {
  CATALOG_FIXTURE,
  noticeIncidentFixture,
  noticeOrganisationFixture,
} from '../../../../test/incidents/notice.fixture';
import { citizenNoticeRequired, draftBreachNotice } from './breach-notice-draft.util';
import { validateBreachNotice } from './breach-notice-validate.util';
import { noticeOrganisationOf } from './notice-organisation.util';

const TODAY = new Date('2026-01-05T09:00:00+07:00');

describe(draftBreachNotice.name, () => {
  it('pre-fills Form 08 from the organisation, the incident and the catalog, sensitive categories flagged', () => {
    const sut = draftBreachNotice(
      noticeIncidentFixture(),
      noticeOrganisationFixture(),
      CATALOG_FIXTURE,
      TODAY,
    );
    expect(sut).toMatchObject({
      form: 'decree-356-form-08',
      number: null,
      issuedOn: '2026-01-05',
      recipients: [expect.stringContaining('A05'), 'Ủy ban nhân dân tỉnh Quảng Trị (qua Công an tỉnh)'],
      organisation: { taxCode: '3200123456', dataProtectionLead: { email: 'baovedulieu@example.gov.vn' } },
      lateReason: null,
    });
    expect(sut.violation).toMatchObject({
      occurredFrom: '2026-01-03T14:00:00.000Z',
      occurredTo: '2026-01-04T16:00:00.000Z',
      discoveredAt: '2026-01-05T02:30:00.000Z',
      act: expect.stringContaining('340 lượt'),
      parties: 'Tài khoản: ubnd.xa.cam.lo.tp01. Cơ quan, đơn vị: UBND xã Cam Lộ',
      subjectsAffected: 312,
      recordsAffected: 340,
      responsiblePerson: 'Trần Thị Bình, Trưởng phòng Hành chính - Tổ chức, điện thoại: 0233 3852 222',
      consequences: expect.stringContaining('của 312 công dân'),
      measuresTaken: expect.stringContaining('Khóa tài khoản'),
    });
    expect(sut.violation.consequences).toContain('dữ liệu cá nhân nhạy cảm');
    expect(sut.violation.dataCategories).toEqual([
      { field: 'fullName', label: 'Họ, chữ đệm và tên khai sinh', sensitive: false },
      { field: 'religion', label: 'Tôn giáo', sensitive: true },
      { field: 'faceImage', label: 'Ảnh chân dung', sensitive: true, kind: 'biometric' },
    ]);
    expect(sut.attachments[0]).toContain('2 cảnh báo');
    expect(sut.commitment).toMatch(/cam kết/);
    expect(citizenNoticeRequired(sut)).toBe(true);
    expect(validateBreachNotice(sut)).toEqual([]);
  });

  it('uses Form 03 for a violation discovered before 2026 and names unknown fields as unclassified', () => {
    const incident = noticeIncidentFixture({
      discoveredAt: new Date('2025-12-31T23:30:00+07:00'),
      occurredFrom: null,
      occurredTo: null,
      fields: ['dateOfBirth', 'bankAccount'],
    });
    const sut = draftBreachNotice(incident, noticeOrganisationFixture(), CATALOG_FIXTURE, TODAY);
    expect(sut.form).toBe('decree-13-form-03');
    expect(sut.violation.dataCategories).toEqual([
      { field: 'dateOfBirth', label: 'Ngày, tháng, năm sinh', sensitive: false },
      { field: 'bankAccount', label: 'Trường dữ liệu "bankAccount" (chưa phân loại)', sensitive: false },
    ]);
    expect(sut.violation.consequences).not.toContain('nhạy cảm');
    expect(citizenNoticeRequired(sut)).toBe(false);
  });

  it('addresses the sample configuration to A05 and the province, and flags its placeholders', () => {
    const { organisation } = loadReportOrganisation(
      undefined,
      join(__dirname, '..', '..', '..', '..', 'config'),
    );
    const org = noticeOrganisationOf(organisation!);
    expect(org.recipients).toEqual([
      'Bộ Công an (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao - A05)',
      'Ủy ban nhân dân tỉnh Quảng Trị (qua Công an tỉnh)',
    ]);
    expect(org).toMatchObject({ place: 'Quảng Trị', symbol: 'TB-VP', signer: { name: 'Nguyễn Văn An' } });
    const sut = draftBreachNotice(noticeIncidentFixture(), org, CATALOG_FIXTURE, TODAY);
    expect(validateBreachNotice(sut)).toEqual([
      'organisation.headOfficeAddress: is still the placeholder "(địa chỉ trụ sở chính)": replace it in the configuration or the draft',
      'organisation.transactionAddress: is still the placeholder "(địa chỉ giao dịch)": replace it in the configuration or the draft',
      'organisation.foundingDocument: is still the placeholder "(quyết định thành lập: số, ngày, cơ quan ban hành)": replace it in the configuration or the draft',
      'organisation.phone: is still the placeholder "(số điện thoại)": replace it in the configuration or the draft',
      'organisation.dataProtectionLead.phone: is still the placeholder "(số điện thoại)": replace it in the configuration or the draft',
      'organisation.taxCode: is still the placeholder 0000000000: give the real tax code',
    ]);
  });
});

describe(validateBreachNotice.name, () => {
  const ready = () =>
    draftBreachNotice(noticeIncidentFixture(), noticeOrganisationFixture(), CATALOG_FIXTURE, TODAY);

  it('asks the tax code and the lead’s email on Form 08 only', () => {
    const form08 = ready();
    form08.organisation.taxCode = null;
    form08.organisation.dataProtectionLead.email = ' ';
    expect(validateBreachNotice(form08)).toEqual([
      'organisation.taxCode: must give the tax code (Form 08 asks it)',
      "organisation.dataProtectionLead.email: must give the lead's email (Form 08 asks it)",
    ]);
    const form03 = draftBreachNotice(
      noticeIncidentFixture({
        discoveredAt: new Date('2025-11-20T10:00:00+07:00'),
        occurredFrom: null,
        occurredTo: null,
      }),
      { ...noticeOrganisationFixture(), taxCode: null },
      CATALOG_FIXTURE,
      TODAY,
    );
    form03.organisation.dataProtectionLead.email = '';
    expect(validateBreachNotice(form03)).toEqual([]);
  });

  it('names each missing or wrong field of the violation', () => {
    const sut = ready();
    sut.form = 'decree-13-form-03';
    sut.recipients = [];
    sut.violation.act = '';
    sut.violation.occurredTo = '2026-01-01T00:00:00Z';
    sut.violation.dataCategories = [];
    sut.violation.subjectsAffected = null;
    sut.violation.recordsAffected = -1;
    sut.violation.measuresTaken = 'Đã khóa tài khoản của công dân 001 203 004 567.';
    sut.commitment = '';
    expect(validateBreachNotice(sut)).toEqual([
      'recipients: must name at least one addressee',
      'violation.occurredTo: must not be before occurredFrom',
      'form: a violation discovered on 2026-01-05T02:30:00.000Z is notified on Mẫu số 08 ban hành kèm theo Nghị định số 356/2025/NĐ-CP',
      'violation.act: must give what was done',
      'violation.dataCategories: must name at least one category of data',
      'violation.recordsAffected: must be a whole number ≥ 0',
      'commitment: must give the commitment',
      'violation.measuresTaken: must not contain a personal ID (9 or more digits, grouped or not)',
    ]);
  });
});
