import { DomainException, ErrorCode } from '@app/common';
import { startOfLocalDay } from '@app/detection';
import type { BreachNoticeContent } from './breach-notice.type';
import { citizenNoticeRequired } from './breach-notice-draft.util';
import type { NoticeBlock, NoticeDocument } from './notice-document.type';
import { categoryVi, discoveredVi, numberTextOf, occurredVi, redactPersonalIds } from './notice-text.util';

export const CITIZEN_NOTICE_SUMMARY = 'Về việc dữ liệu cá nhân của công dân bị xâm phạm';

function whatTheyCanDo(c: BreachNoticeContent): NoticeBlock[] {
  const biometric = c.violation.dataCategories.some((d) => d.kind === 'biometric');
  const location = c.violation.dataCategories.some((d) => d.kind === 'location');
  const tips = [
    'Cảnh giác với cuộc gọi, tin nhắn, thư điện tử mạo danh cơ quan nhà nước, công an hoặc ngân hàng đề nghị cung cấp ' +
      'thông tin cá nhân, mật khẩu, mã OTP hoặc chuyển tiền; không cung cấp các thông tin này cho bất kỳ ai.',
    'Kiểm tra tài khoản định danh điện tử (VNeID), tài khoản ngân hàng, ví điện tử của mình; đổi mật khẩu và báo ngay ' +
      'cho ngân hàng hoặc cơ quan công an nơi gần nhất khi thấy dấu hiệu bất thường.',
    ...(biometric
      ? [
          'Nếu ông/bà dùng khuôn mặt hoặc vân tay để xác thực giao dịch, hãy theo dõi thông báo giao dịch và đề nghị ' +
            'ngân hàng, tổ chức cung cấp dịch vụ hỗ trợ khi thấy giao dịch lạ.',
        ]
      : []),
    ...(location ? ['Lưu ý những người lạ tiếp cận hoặc theo dõi nơi ở, nơi làm việc của mình.'] : []),
    'Ông/bà có quyền được biết, yêu cầu cung cấp thông tin về việc xử lý dữ liệu cá nhân của mình, khiếu nại, tố cáo ' +
      'và yêu cầu bồi thường thiệt hại theo quy định của pháp luật.',
  ];
  return tips.map((text): NoticeBlock => ({ kind: 'bullet', text }));
}

/**
 * The plain-language letter to the affected citizens when biometric or location data was involved: what happened,
 * which of their data, what was done, what they can do, whom to contact. It names no citizen and prints no personal ID.
 */
export function citizenNoticeDocument(c: BreachNoticeContent): NoticeDocument {
  if (!citizenNoticeRequired(c))
    throw new DomainException(
      ErrorCode.NOT_FOUND,
      "No citizens' notice: no biometric or location data was involved",
    );
  const o = c.organisation;
  const v = c.violation;
  const lead = o.dataProtectionLead;
  const t = redactPersonalIds;
  return {
    formReference: null,
    governingBody: o.governingBody,
    issuingBody: o.issuingBody,
    numberText: numberTextOf(c),
    place: o.place,
    issuedAt: startOfLocalDay(c.issuedOn),
    title: 'THÔNG BÁO',
    summary: CITIZEN_NOTICE_SUMMARY,
    addressees: ['Các công dân có dữ liệu cá nhân liên quan'],
    blocks: [
      {
        kind: 'paragraph',
        text: `${o.name} trân trọng thông báo tới ông/bà sự việc liên quan đến dữ liệu cá nhân của ông/bà như sau:`,
      },
      { kind: 'heading', text: '1. Sự việc đã xảy ra' },
      {
        kind: 'paragraph',
        text: `Trong thời gian ${occurredVi(v)} (phát hiện lúc ${discoveredVi(v)}): ${t(v.act)}`,
      },
      { kind: 'heading', text: '2. Dữ liệu của ông/bà có liên quan' },
      ...v.dataCategories.map((d): NoticeBlock => ({ kind: 'bullet', text: categoryVi(d) })),
      { kind: 'heading', text: '3. Những việc chúng tôi đã làm' },
      { kind: 'paragraph', text: t(v.measuresTaken) },
      {
        kind: 'paragraph',
        text: `Sự việc đã được thông báo tới ${c.recipients.join('; ')} theo quy định của pháp luật về bảo vệ dữ liệu cá nhân.`,
      },
      { kind: 'heading', text: '4. Ông/bà nên làm gì' },
      ...whatTheyCanDo(c),
      { kind: 'heading', text: '5. Liên hệ' },
      {
        kind: 'paragraph',
        text:
          `Mọi thắc mắc, đề nghị xin liên hệ ${lead.name}, ${lead.title}, ${o.name}; điện thoại: ${lead.phone}` +
          `${lead.email ? `; thư điện tử: ${lead.email}` : ''}; địa chỉ: ${o.transactionAddress}.`,
      },
      { kind: 'paragraph', text: 'Chúng tôi thành thật xin lỗi ông/bà về sự việc này.' },
    ],
    signer: o.signer,
    copies: ['Như trên;', ...(o.copies ?? ['Lưu: VT.'])],
    footer: [`Thông báo tới chủ thể dữ liệu cá nhân về vi phạm quy định bảo vệ dữ liệu cá nhân.`],
    subject: `Thông báo tới công dân: ${CITIZEN_NOTICE_SUMMARY.toLowerCase()}`,
  };
}
