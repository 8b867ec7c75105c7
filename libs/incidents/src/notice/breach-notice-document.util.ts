import { startOfLocalDay } from '@app/detection';
import type { BreachNoticeContent } from './breach-notice.type';
import { BREACH_NOTICE_FORMS } from './breach-notice-form.util';
import type { NoticeBlock, NoticeDocument } from './notice-document.type';
import {
  categoryVi,
  discoveredVi,
  numberTextOf,
  occurredVi,
  redactPersonalIds,
  volumeVi,
} from './notice-text.util';

export const BREACH_NOTICE_TITLE = 'THÔNG BÁO VI PHẠM QUY ĐỊNH VỀ BẢO VỆ DỮ LIỆU CÁ NHÂN';
export const NATIONAL_PORTAL = 'Cổng thông tin quốc gia về bảo vệ dữ liệu cá nhân';

const LEGAL_BASIS: Record<BreachNoticeContent['form'], string> = {
  'decree-356-form-08':
    'Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15 và Nghị định số 356/2025/NĐ-CP của Chính phủ quy định chi tiết ' +
    'một số điều và biện pháp để tổ chức, hướng dẫn thi hành Luật Bảo vệ dữ liệu cá nhân',
  'decree-13-form-03': 'Nghị định số 13/2023/NĐ-CP ngày 17/4/2023 của Chính phủ về bảo vệ dữ liệu cá nhân',
};

/** Fields numbered in order: the forms number them, and Form 08 has two more than Form 03. */
function numbered(fields: [string, string][], first = 1): NoticeBlock[] {
  return fields.map(([label, text], i) => ({ kind: 'field', label: `${first + i}. ${label}`, text }));
}

function organisationBlocks(c: BreachNoticeContent): NoticeBlock[] {
  const o = c.organisation;
  const lead = o.dataProtectionLead;
  const form08 = BREACH_NOTICE_FORMS[c.form].asksTaxCodeAndLeadEmail;
  const leadText = [
    `họ và tên: ${lead.name}`,
    `chức danh: ${lead.title}`,
    `số điện thoại liên lạc: ${lead.phone}`,
    ...(form08 ? [`thư điện tử: ${lead.email}`] : []),
  ].join('; ');
  return [
    { kind: 'heading', text: 'I. THÔNG TIN VỀ CƠ QUAN, TỔ CHỨC' },
    ...numbered([
      ['Tên cơ quan, tổ chức', o.name],
      ['Địa chỉ trụ sở chính', o.headOfficeAddress],
      ['Địa chỉ giao dịch', o.transactionAddress],
      ['Quyết định thành lập/Giấy chứng nhận đăng ký', o.foundingDocument],
      ...(form08 ? [['Mã số thuế', o.taxCode ?? ''] as [string, string]] : []),
      ['Số điện thoại', o.phone],
      ['Thư điện tử', o.email],
      ['Website', o.website ?? 'không có'],
      ['Người phụ trách bảo vệ dữ liệu cá nhân', leadText],
    ]),
  ];
}

function violationBlocks(c: BreachNoticeContent): NoticeBlock[] {
  const v = c.violation;
  const t = redactPersonalIds;
  return [
    { kind: 'heading', text: 'II. MÔ TẢ VI PHẠM' },
    ...numbered([
      ['Thời gian xảy ra', `${occurredVi(v)}; thời điểm phát hiện: ${discoveredVi(v)}`],
      ['Địa điểm', t(v.place)],
      ['Hành vi vi phạm', t(v.act)],
      ['Tổ chức, cá nhân liên quan', t(v.parties)],
      ['Các loại dữ liệu cá nhân liên quan', ''],
    ]),
    ...v.dataCategories.map((d): NoticeBlock => ({ kind: 'bullet', text: categoryVi(d) })),
    ...numbered(
      [
        ['Số lượng dữ liệu liên quan', volumeVi(v)],
        ['Người chịu trách nhiệm', t(v.responsiblePerson)],
        ['Mô tả hậu quả, thiệt hại có thể xảy ra', t(v.consequences)],
        ['Biện pháp đã áp dụng để giải quyết, giảm thiểu tác hại', t(v.measuresTaken)],
        ...(c.lateReason?.trim()
          ? [['Lý do thông báo sau 72 giờ', t(c.lateReason)] as [string, string]]
          : []),
      ],
      6,
    ),
  ];
}

/** The notice to the Ministry of Public Security on its form, laid out for PDF and DOCX. */
export function breachNoticeDocument(c: BreachNoticeContent): NoticeDocument {
  const form = BREACH_NOTICE_FORMS[c.form];
  const o = c.organisation;
  return {
    formReference: form.reference,
    governingBody: o.governingBody,
    issuingBody: o.issuingBody,
    numberText: numberTextOf(c),
    place: o.place,
    issuedAt: startOfLocalDay(c.issuedOn),
    title: BREACH_NOTICE_TITLE,
    summary: '',
    addressees: c.recipients,
    blocks: [
      {
        kind: 'paragraph',
        text: `Thực hiện quy định tại ${LEGAL_BASIS[c.form]}, ${o.name} thông báo vi phạm quy định về bảo vệ dữ liệu cá nhân như sau:`,
      },
      ...organisationBlocks(c),
      ...violationBlocks(c),
      { kind: 'heading', text: 'III. TÀI LIỆU GỬI KÈM' },
      ...(c.attachments.length
        ? c.attachments.map((a): NoticeBlock => ({ kind: 'bullet', text: redactPersonalIds(a) }))
        : [{ kind: 'paragraph', text: 'Không có.' } as NoticeBlock]),
      { kind: 'heading', text: 'IV. CAM KẾT' },
      { kind: 'paragraph', text: redactPersonalIds(c.commitment) },
    ],
    signer: o.signer,
    copies: ['Như trên;', ...(o.copies ?? ['Lưu: VT.'])],
    footer: [
      `Theo ${form.reference}. Gửi qua ${NATIONAL_PORTAL}.` + (c.number ? '' : ' DỰ THẢO: chưa cấp số.'),
    ],
    subject: `${BREACH_NOTICE_TITLE} (${form.formNumber}, ${form.decree})`,
  };
}
