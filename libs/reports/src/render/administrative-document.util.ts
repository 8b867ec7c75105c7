import type { Column, Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { ReportOrganisation } from '@app/config';
import type { ReportDocumentNumber } from '../report.type';
import { DOCUMENT_FONT, documentPdfMake } from './pdf-fonts.util';
import { placeAndDateVi } from './report-format.util';

/** Millimetres to PDF points. */
const mm = (n: number): number => (n * 72) / 25.4;

/**
 * A Vietnamese administrative document (Decree 30/2020/NĐ-CP, appendix I) of any kind: the periodic report today,
 * the citizen's access report and breach notices later. The frame is the decree's; the body is the caller's.
 */
export interface AdministrativeDocument {
  organisation: Pick<ReportOrganisation, 'governingBody' | 'issuingBody' | 'place' | 'signer' | 'recipients'>;
  /** The number and symbol, or the text after "Số:" as is (a draft's blank number). */
  number: ReportDocumentNumber | { text: string };
  issuedAt: Date;
  /** A form's reference printed top right above the header (e.g. "Mẫu số 08 ban hành kèm theo Nghị định …"). */
  formReference?: string;
  /** e.g. BÁO CÁO */
  title: string;
  /** The summary line under the title (trích yếu). */
  summary: string;
  body: Content[];
  /** Printed small at the foot of every page (the report's check sums, its archive id). */
  footer: string[];
  /** PDF metadata. */
  subject: string;
}

export const PAGE_WIDTH = mm(210);
export const MARGINS = { left: mm(30), right: mm(15), top: mm(20), bottom: mm(25) } as const;
/** The width between the margins: where tables and charts go. */
export const CONTENT_WIDTH = PAGE_WIDTH - MARGINS.left - MARGINS.right;

/** Short rule under the issuing body and the motto: a third to a half of the text's width, centred. */
function rule(width: number, column: number): Content {
  return {
    canvas: [
      { type: 'line', x1: (column - width) / 2, y1: 0, x2: (column + width) / 2, y2: 0, lineWidth: 0.6 },
    ],
    margin: [0, 1, 0, 0],
  };
}

function header(d: AdministrativeDocument): Content {
  const left = CONTENT_WIDTH * 0.4;
  const right = CONTENT_WIDTH - left;
  return {
    columns: [
      {
        width: left,
        stack: [
          { text: d.organisation.governingBody.toUpperCase(), fontSize: 12.5, alignment: 'center' },
          { text: d.organisation.issuingBody.toUpperCase(), fontSize: 12.5, bold: true, alignment: 'center' },
          rule(left * 0.4, left),
          {
            text: `Số: ${'text' in d.number ? d.number.text : `${d.number.number}/${d.number.symbol}`}`,
            fontSize: 13,
            alignment: 'center',
            margin: [0, 6, 0, 0],
          },
        ],
      },
      {
        width: right,
        stack: [
          { text: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', fontSize: 12.5, bold: true, alignment: 'center' },
          {
            text: 'Độc lập - Tự do - Hạnh phúc',
            fontSize: 13.5,
            bold: true,
            alignment: 'center',
            decoration: 'underline',
          },
          {
            text: placeAndDateVi(d.organisation.place, d.issuedAt),
            fontSize: 13.5,
            italics: true,
            alignment: 'center',
            margin: [0, 8, 0, 0],
          },
        ],
      },
    ],
  };
}

function signature(d: AdministrativeDocument): Content {
  const recipients: Column = {
    width: CONTENT_WIDTH * 0.5,
    stack: [
      { text: 'Nơi nhận:', bold: true, italics: true, fontSize: 12 },
      ...d.organisation.recipients.map((r): Content => ({ text: `- ${r}`, fontSize: 11 })),
    ],
  };
  const signer = d.organisation.signer;
  const sign: Column = {
    width: CONTENT_WIDTH * 0.5,
    stack: [
      ...(signer.authority
        ? [{ text: signer.authority.toUpperCase(), bold: true, alignment: 'center' } as Content]
        : []),
      { text: signer.title.toUpperCase(), bold: true, alignment: 'center' },
      {
        text: '(Đã ký)',
        italics: true,
        alignment: 'center',
        margin: [0, 28, 0, 28],
        color: '#555555',
        fontSize: 11,
      },
      { text: signer.name, bold: true, alignment: 'center' },
    ],
  };
  return { columns: [recipients, sign], margin: [0, 14, 0, 0], unbreakable: true };
}

export function administrativeDocumentDefinition(d: AdministrativeDocument): TDocumentDefinitions {
  return {
    pageSize: 'A4',
    pageMargins: [MARGINS.left, MARGINS.top, MARGINS.right, MARGINS.bottom],
    defaultStyle: { font: DOCUMENT_FONT, fontSize: 13, lineHeight: 1.15 },
    info: {
      title: `${d.title} ${d.summary}`,
      author: `${d.organisation.governingBody} - ${d.organisation.issuingBody}`,
      subject: d.subject,
      creator: 'TTHC Access Audit',
      producer: 'TTHC Access Audit (pdfmake)',
      creationDate: d.issuedAt,
    },
    // Decree 30: page numbers centred in the top margin, not on the first page.
    header: (page: number) =>
      page > 1 ? { text: String(page), alignment: 'center', fontSize: 13, margin: [0, mm(10), 0, 0] } : '',
    footer: (page: number, pages: number) => ({
      margin: [MARGINS.left, 4, MARGINS.right, 0],
      stack: [
        {
          canvas: [
            { type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.3, lineColor: '#888888' },
          ],
        },
        ...d.footer.map((line): Content => ({ text: line, fontSize: 7.5, color: '#333333' })),
        { text: `Trang ${page}/${pages}`, fontSize: 7.5, alignment: 'right', color: '#333333' },
      ],
    }),
    content: [
      ...(d.formReference
        ? [{ text: d.formReference, fontSize: 11, italics: true, alignment: 'right', margin: [0, 0, 0, 6] } as Content]
        : []),
      header(d),
      { text: d.title.toUpperCase(), bold: true, fontSize: 14, alignment: 'center', margin: [0, 18, 0, 0] },
      ...(d.summary ? [{ text: d.summary, bold: true, fontSize: 14, alignment: 'center' } as Content] : []),
      rule(CONTENT_WIDTH * 0.25, CONTENT_WIDTH),
      { stack: d.body, margin: [0, 10, 0, 0], alignment: 'justify' },
      signature(d),
    ],
  };
}

/** Renders a document to PDF bytes, the fonts embedded (subset to the glyphs used). */
export async function renderAdministrativeDocument(d: AdministrativeDocument): Promise<Buffer> {
  const pdf = documentPdfMake().createPdf(administrativeDocumentDefinition(d));
  return Buffer.from(await pdf.getBuffer());
}
