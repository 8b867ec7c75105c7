import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { placeAndDateVi } from '@app/reports';
import type { NoticeBlock, NoticeDocument } from './notice-document.type';
import { addresseeLines } from './notice-text.util';

/** Times New Roman, the face Decree 30/2020 names (the PDF embeds Tinos, its metric twin). */
const FONT = 'Times New Roman';
const MARGIN = { left: 30, right: 15, top: 20, bottom: 25 } as const;
const CONTENT_TWIPS = convertMillimetersToTwip(210 - MARGIN.left - MARGIN.right);
/** The decree's first-line indent: 1 cm. */
const INDENT = convertMillimetersToTwip(10);
const pt = (n: number): number => Math.round(n * 2);

interface RunStyle {
  size?: number;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
}

function run(text: string, s: RunStyle = {}): TextRun {
  return new TextRun({
    text,
    font: FONT,
    size: pt(s.size ?? 13),
    bold: s.bold,
    italics: s.italics,
    underline: s.underline ? {} : undefined,
  });
}

function centred(text: string, s: RunStyle = {}, before = 0): Paragraph {
  return new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before }, children: [run(text, s)] });
}

/** The short rule under the issuing body and the motto: underlined no-break spaces, centred. */
function rule(width: number): Paragraph {
  return centred('\u00a0'.repeat(width), { underline: true, size: 6 });
}

const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
const NO_BORDERS = {
  top: NO_BORDER,
  bottom: NO_BORDER,
  left: NO_BORDER,
  right: NO_BORDER,
  insideHorizontal: NO_BORDER,
  insideVertical: NO_BORDER,
};

/** Two borderless columns, as the decree's header and signature block are laid out. */
function columns(share: number, left: Paragraph[], right: Paragraph[]): Table {
  const l = Math.round(CONTENT_TWIPS * share);
  const cell = (children: Paragraph[], width: number): TableCell =>
    new TableCell({ children, width: { size: width, type: WidthType.DXA }, borders: NO_BORDERS });
  return new Table({
    width: { size: CONTENT_TWIPS, type: WidthType.DXA },
    columnWidths: [l, CONTENT_TWIPS - l],
    borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, l), cell(right, CONTENT_TWIPS - l)] })],
  });
}

function header(d: NoticeDocument): Table {
  return columns(
    0.4,
    [
      centred(d.governingBody.toUpperCase(), { size: 12.5 }),
      centred(d.issuingBody.toUpperCase(), { size: 12.5, bold: true }),
      rule(12),
      centred(`Số: ${d.numberText}`, {}, 120),
    ],
    [
      centred('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12.5, bold: true }),
      centred('Độc lập - Tự do - Hạnh phúc', { size: 13.5, bold: true, underline: true }),
      centred(placeAndDateVi(d.place, d.issuedAt), { size: 13.5, italics: true }, 160),
    ],
  );
}

/** "Kính gửi: A05." centred, or the addressees listed one per line after "Kính gửi:" (Decree 30). */
function addressees(d: NoticeDocument): Paragraph[] {
  const [first, ...rest] = addresseeLines(d.addressees);
  if (!rest.length) return [centred(first, {}, 160)];
  const hanging = convertMillimetersToTwip(22);
  const indent = { left: convertMillimetersToTwip(14) + hanging };
  return [
    new Paragraph({
      spacing: { before: 160 },
      indent: { ...indent, hanging },
      children: [run(`${first}\t${rest[0]}`)],
    }),
    ...rest.slice(1).map((line) => new Paragraph({ indent, children: [run(line)] })),
  ];
}

function block(b: NoticeBlock): Paragraph {
  const body = { alignment: AlignmentType.JUSTIFIED, spacing: { after: 80 } } as const;
  switch (b.kind) {
    case 'heading':
      return new Paragraph({ spacing: { before: 200, after: 80 }, children: [run(b.text, { bold: true })] });
    case 'field':
      return new Paragraph({
        ...body,
        indent: { firstLine: INDENT },
        children: [run(b.text ? `${b.label}: ` : `${b.label}:`), ...(b.text ? [run(b.text)] : [])],
      });
    case 'paragraph':
      return new Paragraph({ ...body, indent: { firstLine: INDENT }, children: [run(b.text)] });
    case 'bullet':
      return new Paragraph({ ...body, indent: { left: INDENT }, children: [run(`- ${b.text}`)] });
  }
}

function signature(d: NoticeDocument): Table {
  return columns(
    0.5,
    [
      new Paragraph({ children: [run('Nơi nhận:', { size: 12, bold: true, italics: true })] }),
      ...d.copies.map((c) => new Paragraph({ children: [run(`- ${c}`, { size: 11 })] })),
    ],
    [
      ...(d.signer.authority ? [centred(d.signer.authority.toUpperCase(), { bold: true })] : []),
      centred(d.signer.title.toUpperCase(), { bold: true }),
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { before: 560, after: 560 },
        children: [run('(Đã ký)', { size: 11, italics: true })],
      }),
      centred(d.signer.name, { bold: true }),
    ],
  );
}

function footer(d: NoticeDocument): Footer {
  return new Footer({
    children: [
      ...d.footer.map((line) => new Paragraph({ children: [run(line, { size: 7.5 })] })),
      new Paragraph({
        alignment: AlignmentType.RIGHT,
        children: [
          new TextRun({
            font: FONT,
            size: pt(7.5),
            children: ['Trang ', PageNumber.CURRENT, '/', PageNumber.TOTAL_PAGES],
          }),
        ],
      }),
    ],
  });
}

/** A notice as a Decree 30/2020 DOCX: A4, Times New Roman, the same layout as the PDF. */
export async function renderNoticeDocumentDocx(d: NoticeDocument): Promise<Buffer> {
  const doc = new Document({
    creator: 'TTHC Access Audit',
    title: d.summary ? `${d.title} ${d.summary}` : d.title,
    subject: d.subject,
    styles: { default: { document: { run: { font: FONT, size: pt(13) } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: {
              left: convertMillimetersToTwip(MARGIN.left),
              right: convertMillimetersToTwip(MARGIN.right),
              top: convertMillimetersToTwip(MARGIN.top),
              bottom: convertMillimetersToTwip(MARGIN.bottom),
            },
          },
        },
        // Decree 30: page numbers centred at the top, not on the first page.
        headers: {
          first: new Header({ children: [] }),
          default: new Header({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ font: FONT, size: pt(13), children: [PageNumber.CURRENT] })],
              }),
            ],
          }),
        },
        footers: { first: footer(d), default: footer(d) },
        children: [
          ...(d.formReference
            ? [
                new Paragraph({
                  alignment: AlignmentType.RIGHT,
                  spacing: { after: 120 },
                  children: [run(d.formReference, { size: 11, italics: true })],
                }),
              ]
            : []),
          header(d),
          centred(d.title.toUpperCase(), { size: 14, bold: true }, 360),
          ...(d.summary ? [centred(d.summary, { size: 14, bold: true })] : []),
          rule(24),
          ...addressees(d),
          new Paragraph({ children: [] }),
          ...d.blocks.map(block),
          signature(d),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
