import type { BreachNoticeContent } from './breach-notice.type';
import { breachNoticeDocument } from './breach-notice-document.util';
import { citizenNoticeDocument } from './citizen-notice-document.util';
import { renderNoticeDocumentDocx } from './notice-docx.util';
import { renderNoticeDocumentPdf } from './notice-pdf.util';

/** The notice on its form (08 or 03), as a PDF with its font embedded. */
export async function renderBreachNoticePdf(content: BreachNoticeContent): Promise<Buffer> {
  return renderNoticeDocumentPdf(breachNoticeDocument(content));
}

export async function renderBreachNoticeDocx(content: BreachNoticeContent): Promise<Buffer> {
  return renderNoticeDocumentDocx(breachNoticeDocument(content));
}

/** The letter to the affected citizens; throws when no biometric or location data was involved. */
export async function renderCitizenNoticePdf(content: BreachNoticeContent): Promise<Buffer> {
  return renderNoticeDocumentPdf(citizenNoticeDocument(content));
}

export async function renderCitizenNoticeDocx(content: BreachNoticeContent): Promise<Buffer> {
  return renderNoticeDocumentDocx(citizenNoticeDocument(content));
}
