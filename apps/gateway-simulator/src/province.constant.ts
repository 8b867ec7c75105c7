import type { AccountRole, Procedure } from './province.type';

export const FAMILY_NAMES = [
  'nguyen',
  'tran',
  'le',
  'pham',
  'hoang',
  'huynh',
  'phan',
  'vu',
  'vo',
  'dang',
  'bui',
  'do',
  'ho',
  'ngo',
  'duong',
  'ly',
  'dinh',
  'truong',
];
export const MIDDLE_NAMES = [
  'van',
  'thi',
  'duc',
  'minh',
  'ngoc',
  'thanh',
  'huu',
  'quoc',
  'xuan',
  'thu',
  'kim',
  'hong',
];
export const GIVEN_NAMES = [
  'an',
  'binh',
  'cuong',
  'dung',
  'giang',
  'ha',
  'hai',
  'hoa',
  'hung',
  'huong',
  'khanh',
  'lan',
  'linh',
  'long',
  'mai',
  'nam',
  'nga',
  'phuong',
  'quang',
  'son',
  'tam',
  'thao',
  'trang',
  'tuan',
  'vy',
  'yen',
  'anh',
  'bao',
  'chau',
  'duy',
];

/** Sở, ban, ngành of a province, with the latin slug their accounts carry. */
export const DEPARTMENTS = [
  'tuphap',
  'ldtbxh',
  'yte',
  'gddt',
  'noivu',
  'tnmt',
  'khdt',
  'xaydung',
  'gtvt',
  'nnptnt',
  'vhttdl',
  'tttt',
  'taichinh',
  'congthuong',
  'khcn',
  'dantoc',
  'thanhtra',
  'vpubnd',
  'bhxh',
  'thue',
];

export const POST_OFFICE_TOWNS = [
  'quynhon',
  'anhon',
  'hoaian',
  'hoainhon',
  'phumy',
  'phucat',
  'tayson',
  'tuyphuoc',
  'vancanh',
  'vinhthanh',
  'anlao',
  'tamquan',
];

/** Provinces whose people move here: the first three digits of their personal IDs. */
export const OTHER_PROVINCE_CODES = ['001', '079', '049', '051', '054', '064', '048', '038'];

const F = {
  base: ['fullName', 'dateOfBirth', 'gender', 'personalId'],
  residence: ['permanentResidence', 'currentResidence'],
};

/** Administrative procedures (mã TTHC) and the data items a lookup returns for them. */
export const PROCEDURES = {
  birth: {
    code: '1.001612',
    name: 'Đăng ký khai sinh',
    fields: [...F.base, 'permanentResidence', 'familyRelations'],
    wholeHousehold: true,
  },
  marriage: {
    code: '1.000894',
    name: 'Đăng ký kết hôn',
    fields: [...F.base, 'maritalStatus', 'permanentResidence'],
    wholeHousehold: false,
  },
  death: {
    code: '1.001193',
    name: 'Đăng ký khai tử',
    fields: [...F.base, 'deathOrMissing', 'household'],
    wholeHousehold: false,
  },
  maritalCert: {
    code: '1.004873',
    name: 'Cấp giấy xác nhận tình trạng hôn nhân',
    fields: [...F.base, 'maritalStatus', 'familyRelations'],
    wholeHousehold: false,
  },
  residence: {
    code: '1.004194',
    name: 'Đăng ký thường trú',
    fields: [...F.base, ...F.residence, 'temporaryResidence', 'household'],
    wholeHousehold: true,
  },
  socialAllowance: {
    code: '1.001776',
    name: 'Trợ cấp xã hội hằng tháng',
    fields: [...F.base, ...F.residence, 'household', 'occupation'],
    wholeHousehold: true,
  },
  judicialRecord: {
    code: '2.000488',
    name: 'Cấp phiếu lý lịch tư pháp',
    fields: [...F.base, 'hometown', 'permanentResidence', 'familyRelations', 'criminalRecord'],
    wholeHousehold: false,
  },
  healthInsurance: {
    code: '1.011860',
    name: 'Cấp thẻ bảo hiểm y tế',
    fields: [...F.base, 'permanentResidence', 'household', 'phone'],
    wholeHousehold: true,
  },
  schoolEnrolment: {
    code: '1.005088',
    name: 'Tuyển sinh đầu cấp',
    fields: [...F.base, 'permanentResidence', 'familyRelations'],
    wholeHousehold: false,
  },
  businessLicence: {
    code: '2.001612',
    name: 'Đăng ký hộ kinh doanh',
    fields: [...F.base, 'idCardInfo', 'permanentResidence', 'phone', 'email'],
    wholeHousehold: false,
  },
  postalDelivery: {
    code: '2.000908',
    name: 'Tiếp nhận hồ sơ qua bưu chính công ích',
    fields: ['fullName', 'personalId', 'household'],
    wholeHousehold: false,
  },
  ethnicSupport: {
    code: '1.010735',
    name: 'Hỗ trợ đồng bào dân tộc thiểu số',
    fields: [...F.base, 'ethnicity', 'permanentResidence', 'household'],
    wholeHousehold: true,
  },
} satisfies Record<string, Procedure>;

const P = PROCEDURES;
/** Which procedures a department handles; the rest fall back to general ones. */
export const DEPARTMENT_PROCEDURES: Record<string, Procedure[]> = {
  tuphap: [P.birth, P.marriage, P.death, P.judicialRecord, P.maritalCert],
  ldtbxh: [P.socialAllowance, P.healthInsurance],
  yte: [P.healthInsurance],
  gddt: [P.schoolEnrolment],
  khdt: [P.businessLicence],
  bhxh: [P.healthInsurance, P.socialAllowance],
  dantoc: [P.ethnicSupport],
};
export const GENERAL_PROCEDURES: Procedure[] = [P.residence, P.businessLicence, P.maritalCert];
export const COMMUNE_PROCEDURES: Procedure[] = [
  P.birth,
  P.birth,
  P.marriage,
  P.death,
  P.residence,
  P.residence,
  P.socialAllowance,
  P.maritalCert,
  P.healthInsurance,
];
export const POST_OFFICE_PROCEDURES: Procedure[] = [P.postalDelivery, P.postalDelivery, P.birth, P.residence];

/** How an account of each role is staffed per unit and how busy it is. */
export const ROLE_ACTIVITY: Record<AccountRole, number> = {
  chuyen_vien: 1,
  van_thu: 0.35,
  lanh_dao: 0.06,
  nhan_vien_buu_chinh: 0.8,
  service: 2.5,
};

export const BROWSER_AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:132.0) Gecko/20100101 Firefox/132.0',
  'Mozilla/5.0 (Windows NT 6.1; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/109.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) CocCoc/117.0.0 Chrome/123.0.0.0 Safari/537.36',
];
export const SERVICE_AGENT = 'iGate-LienThong/3.2 (Java/17)';
export const KIOSK_AGENT = 'DVC-BuuDien-Kiosk/1.8 (Android 11)';
