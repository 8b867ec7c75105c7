import type { Content } from 'pdfmake/interfaces';
import type { ReportOrganisation } from '@app/config';
import { renderAdministrativeDocument } from '../render/administrative-document.util';
import { heading, paragraph, sentenceCase, subheading, table } from '../render/pdf-blocks.util';
import { formatDateTimeVi, formatDayVi, formatNumberVi, periodVi } from '../render/report-format.util';
import type { ReportDocumentNumber } from '../report.type';
import { actionVi, fieldLabelVi } from './citizen-access-labels.constant';
import type { CitizenAccessContent } from './citizen-access.type';
import { addDays } from '@app/detection';

export const CITIZEN_ACCESS_SUMMARY_LINE = 'Về việc truy cập dữ liệu cá nhân của công dân';

/** "từ ngày … đến hết ngày …", or everything the store still keeps up to a day. */
export function accessPeriodVi(c: CitizenAccessContent): string {
  return c.openStart
    ? `trong toàn bộ thời gian nhật ký còn được lưu giữ, đến hết ngày ${formatDayVi(addDays(c.period.to, -1))}`
    : periodVi(c.period);
}

/**
 * The citizen's access report as a Decree 30 document addressed to the citizen. The personal ID is not printed (not
 * even masked): the citizen is named as the admin typed the name, and the case reference ties the report to the
 * request. Body: the figures, every lookup, and the appendix of chain evidence with how to check it.
 */
export function renderCitizenAccessPdf(
  c: CitizenAccessContent,
  d: { organisation: ReportOrganisation; number: ReportDocumentNumber; footer: string[] },
): Promise<Buffer> {
  const issuer = sentenceCase(d.organisation.issuingBody);
  const filing = d.organisation.recipients.filter((r) => r.startsWith('Lưu'));
  return renderAdministrativeDocument({
    organisation: {
      ...d.organisation,
      recipients: [c.requesterName ? `Ông/Bà ${c.requesterName};` : 'Công dân đề nghị;', ...filing],
    },
    number: d.number,
    issuedAt: c.asOf,
    title: 'BÁO CÁO',
    summary: CITIZEN_ACCESS_SUMMARY_LINE,
    subject: `${CITIZEN_ACCESS_SUMMARY_LINE} (${c.case.caseReference})`,
    footer: d.footer,
    body: [
      {
        text: `Kính gửi: ${c.requesterName ? `Ông/Bà ${c.requesterName}` : 'Công dân đề nghị cung cấp thông tin'}.`,
        alignment: 'center',
        margin: [0, 0, 0, 8],
      },
      paragraph(
        `Thực hiện đề nghị của công dân (hồ sơ số ${c.case.caseReference}), ${issuer} báo cáo các lượt tra cứu, xác thực và kết xuất dữ liệu cá nhân của công dân trong Cơ sở dữ liệu quốc gia về dân cư qua hệ thống giải quyết thủ tục hành chính của tỉnh, ${accessPeriodVi(c)} (số liệu đến ${formatDateTimeVi(c.asOf)}), như sau:`,
      ),
      paragraph(
        'Số định danh cá nhân của công dân không được in trên báo cáo này và không được lưu ở dạng đọc được: hệ thống chỉ giữ mã băm có khóa của số định danh, dùng để tìm các lượt tra cứu.',
      ),
      ...figures(c),
      ...entries(c),
      ...evidence(c),
      paragraph(
        `Trên đây là báo cáo về việc truy cập dữ liệu cá nhân của công dân, ${accessPeriodVi(c)}. Công dân có ý kiến về các lượt tra cứu trên, đề nghị liên hệ ${issuer} và nêu số hồ sơ ${c.case.caseReference}./.`,
      ),
    ],
  });
}

function figures(c: CitizenAccessContent): Content[] {
  const s = c.summary;
  if (!s.events)
    return [
      heading('I. TỔNG HỢP'),
      paragraph(
        'Trong thời gian trên, nhật ký không ghi nhận lượt tra cứu nào dữ liệu cá nhân của công dân.',
      ),
    ];
  return [
    heading('I. TỔNG HỢP'),
    paragraph(
      `Nhật ký ghi nhận ${formatNumberVi(s.events)} lượt tra cứu, xác thực hoặc kết xuất dữ liệu cá nhân của công dân, do ${formatNumberVi(s.accounts)} tài khoản thuộc ${formatNumberVi(s.units)} đơn vị thực hiện, ` +
        `từ ${formatDateTimeVi(new Date(s.firstAt!))} đến ${formatDateTimeVi(new Date(s.lastAt!))}.`,
    ),
  ];
}

function entries(c: CitizenAccessContent): Content[] {
  return [
    heading('II. DANH SÁCH CÁC LƯỢT TRA CỨU'),
    table(
      [
        { header: 'STT', width: 22, numeric: true },
        { header: 'Thời gian', width: 58 },
        { header: 'Tài khoản, đơn vị', width: '*' },
        { header: 'Hệ thống, thao tác', width: 80 },
        { header: 'Hồ sơ, thủ tục', width: 78 },
        { header: 'Thông tin được cung cấp', width: 100 },
      ],
      c.entries.map((e, i) => [
        i + 1,
        formatDateTimeVi(e.occurredAt),
        `${e.fullName ? `${e.fullName} (${e.accountId})` : e.accountId}; ${e.unitName ?? e.unitCode ?? 'không rõ đơn vị'}`,
        `${e.sourceSystemName ?? e.sourceSystem}; ${actionVi(e.action, e.result)}`,
        [
          e.dossierCode ? `Hồ sơ ${e.dossierCode}` : 'Không gắn hồ sơ',
          e.procedureCode ? `thủ tục ${e.procedureCode}` : null,
        ]
          .filter(Boolean)
          .join('; '),
        e.fields.length ? e.fields.map(fieldLabelVi).join('; ') : '—',
      ]),
    ),
  ];
}

const mono = (text: string): Content => ({ text, fontSize: 8, alignment: 'left', margin: [0, 0, 0, 2] });

function evidence(c: CitizenAccessContent): Content[] {
  const keys = Object.keys(c.chain.publicKeys);
  return [
    heading('III. PHỤ LỤC: CĂN CỨ ĐỐI CHIẾU TÍNH TOÀN VẸN'),
    paragraph(
      'Mỗi lượt tra cứu trên được lưu trong một lô nhật ký; mỗi lô có mã băm chuỗi (SHA-256) nối với lô trước, và đầu chuỗi được ký số định kỳ (Ed25519). Sửa, xóa một lượt tra cứu làm mã băm chuỗi không còn khớp với chữ ký.',
    ),
    subheading('1. Các lô nhật ký chứa các lượt tra cứu'),
    // Lines rather than a table: a digest (64 hex digits) must stay on one line to be copied and compared.
    ...c.batches.map((b) =>
      mono(`Lô ${b.batchId}, vị trí ${b.chainSeq}, ${formatNumberVi(b.events)} lượt: ${b.digest}`),
    ),
    ...(c.batches.length ? [] : [paragraph('Không có.')]),
    subheading('2. Đầu chuỗi đã ký số'),
    ...c.chain.segments.flatMap((s): Content[] => [
      mono(
        `Lô ${s.head.batchId}, vị trí ${s.head.chainSeq}, ký lúc ${formatDateTimeVi(new Date(s.head.signedAt))} (${s.head.signedAt})`,
      ),
      mono(`Mã băm chuỗi: ${s.head.digest}`),
      mono(`Chữ ký: ${s.head.signature}`),
      mono(`Khóa ký (dấu vân tay SHA-256 của khóa công khai): ${s.head.keyId}`),
    ]),
    ...(c.chain.segments.length ? [] : [paragraph('Không có (không có lượt tra cứu).')]),
    ...(c.chain.unproven.length
      ? [
          paragraph(
            `Có ${c.chain.unproven.length} lô không đối chiếu được với chuỗi: đề nghị kiểm tra tính toàn vẹn.`,
          ),
        ]
      : []),
    subheading('3. Cách kiểm tra'),
    paragraph(
      'Khóa công khai của hệ thống được công bố tại GET /v1/integrity/public-key; dấu vân tay SHA-256 của khóa đó phải trùng với dấu vân tay dưới đây. ' +
        'Chữ ký đầu chuỗi là chữ ký Ed25519 trên nội dung "tthc-audit/signed-digest/v1", vị trí, số lô, mã băm chuỗi và thời điểm ký, mỗi mục một dòng. ' +
        'Việc kiểm tra toàn bộ chuỗi (npm run cli -- verify hoặc GET /v1/integrity/verify) xác nhận mã băm của từng lô trên nối tới đầu chuỗi đã ký. ' +
        'Cơ quan có thẩm quyền cần đối chiếu từng lượt tra cứu có thể đề nghị kết xuất chứng cứ theo số hồ sơ trên: tệp kết xuất kèm bản kê được kiểm tra độc lập, không cần cơ sở dữ liệu.',
    ),
    ...keys.map((k) => mono(`Dấu vân tay của khóa công khai: ${k}`)),
  ];
}
