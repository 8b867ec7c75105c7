import type { Content } from 'pdfmake/interfaces';
import { heading, paragraph, renderAdministrativeDocument } from '@app/reports';
import type { NoticeBlock, NoticeDocument } from './notice-document.type';
import { addresseeLines } from './notice-text.util';

function block(b: NoticeBlock): Content {
  switch (b.kind) {
    case 'heading':
      return heading(b.text);
    case 'field':
      return paragraph(b.text ? [{ text: `${b.label}: ` }, { text: b.text }] : `${b.label}:`);
    case 'paragraph':
      return paragraph(b.text);
    case 'bullet':
      return { text: `- ${b.text}`, margin: [28, 0, 0, 3] };
  }
}

/** "Kính gửi: A05." centred, or the addressees listed one per line after "Kính gửi:" (Decree 30). */
function addressees(d: NoticeDocument): Content {
  const [first, ...rest] = addresseeLines(d.addressees);
  if (!rest.length) return { text: first, alignment: 'center', margin: [0, 4, 0, 8] };
  return {
    margin: [40, 4, 0, 8],
    columns: [
      { width: 62, text: first },
      {
        width: '*',
        stack: rest.map((line): Content => ({ text: line, alignment: 'left' })),
        margin: [4, 0, 0, 0],
      },
    ],
  };
}

/** A notice as a Decree 30/2020 PDF: the reports' frame and font (Tinos, embedded). */
export function renderNoticeDocumentPdf(d: NoticeDocument): Promise<Buffer> {
  return renderAdministrativeDocument({
    organisation: {
      governingBody: d.governingBody,
      issuingBody: d.issuingBody,
      place: d.place,
      signer: { ...d.signer, authority: d.signer.authority || undefined },
      recipients: d.copies,
    },
    number: { text: d.numberText },
    issuedAt: d.issuedAt,
    formReference: d.formReference ?? undefined,
    title: d.title,
    summary: d.summary,
    body: [addressees(d), ...d.blocks.map(block)],
    footer: d.footer,
    subject: d.subject,
  });
}
