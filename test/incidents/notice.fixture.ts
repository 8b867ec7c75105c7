import type { NoticeCatalogEntry, NoticeIncident, NoticeOrganisation } from '../../libs/incidents/src/notice';

/** An organisation as configuration gives it, every field filled (no placeholders). */
export function noticeOrganisationFixture(): NoticeOrganisation {
  return {
    name: 'Văn phòng Ủy ban nhân dân tỉnh Quảng Trị',
    headOfficeAddress: 'Số 45 đường Hùng Vương, phường Đông Hà, tỉnh Quảng Trị',
    transactionAddress: 'Trung tâm Phục vụ hành chính công tỉnh, phường Đông Hà, tỉnh Quảng Trị',
    foundingDocument: 'Quyết định số 12/QĐ-UBND ngày 05/01/2010 của UBND tỉnh Quảng Trị',
    taxCode: '3200123456',
    phone: '0233 3852 111',
    email: 'vanphong@example.gov.vn',
    website: 'https://vanphong.example.gov.vn',
    dataProtectionLead: {
      name: 'Trần Thị Bình',
      title: 'Trưởng phòng Hành chính - Tổ chức',
      phone: '0233 3852 222',
      email: 'baovedulieu@example.gov.vn',
    },
    place: 'Quảng Trị',
    governingBody: 'UBND TỈNH QUẢNG TRỊ',
    issuingBody: 'VĂN PHÒNG',
    symbol: 'TB-VP',
    signer: { authority: 'KT. CHÁNH VĂN PHÒNG', title: 'PHÓ CHÁNH VĂN PHÒNG', name: 'Nguyễn Văn An' },
    recipients: [
      'Bộ Công an (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao - A05)',
      'Ủy ban nhân dân tỉnh Quảng Trị (qua Công an tỉnh)',
    ],
    copies: ['Lưu: VT, HCTC.'],
  };
}

export const CATALOG_FIXTURE: NoticeCatalogEntry[] = [
  { field: 'fullName', label: 'Họ, chữ đệm và tên khai sinh', sensitive: false },
  { field: 'dateOfBirth', label: 'Ngày, tháng, năm sinh', sensitive: false },
  { field: 'permanentResidence', label: 'Nơi thường trú', sensitive: false },
  { field: 'religion', label: 'Tôn giáo', sensitive: true },
  { field: 'faceImage', label: 'Ảnh chân dung', sensitive: true },
  { field: 'fingerprints', label: 'Vân tay', sensitive: true },
];

export function noticeIncidentFixture(over: Partial<NoticeIncident> = {}): NoticeIncident {
  const discoveredAt = over.discoveredAt ?? new Date('2026-01-05T02:30:00Z');
  return {
    id: '5b0a4f8e-6d7c-4f6e-9a51-3c2d1e0f9a8b',
    title: 'Tra cứu hàng loạt ngoài giờ',
    discoveredAt,
    deadlineAt: new Date(discoveredAt.getTime() + 72 * 3_600_000),
    accounts: ['ubnd.xa.cam.lo.tp01'],
    units: ['UBND xã Cam Lộ'],
    alertIds: ['a1', 'a2'],
    subjectsAffected: 312,
    recordsAffected: 340,
    fields: ['fullName', 'religion', 'faceImage'],
    occurredFrom: new Date('2026-01-03T14:00:00Z'),
    occurredTo: new Date('2026-01-04T16:00:00Z'),
    description:
      'Tài khoản cán bộ tra cứu 340 lượt thông tin công dân không gắn với hồ sơ thủ tục hành chính, ngoài giờ làm việc.',
    measuresTaken: 'Khóa tài khoản ngay khi phát hiện; thu hồi quyền truy cập; rà soát nhật ký tra cứu.',
    ...over,
  };
}
