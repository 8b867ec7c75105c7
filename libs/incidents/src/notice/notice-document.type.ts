/** One piece of a notice's body, rendered alike to PDF and DOCX. */
export type NoticeBlock =
  | { kind: 'heading'; text: string }
  /** "1. Tên cơ quan, tổ chức: …": the label, then its value. */
  | { kind: 'field'; label: string; text: string }
  | { kind: 'paragraph'; text: string }
  | { kind: 'bullet'; text: string };

/** A notice laid out as a Decree 30/2020 document, before it becomes PDF or DOCX. */
export interface NoticeDocument {
  /** "Mẫu số 08 ban hành kèm theo Nghị định số 356/2025/NĐ-CP", top right; null for the citizens' letter. */
  formReference: string | null;
  governingBody: string;
  issuingBody: string;
  /** After "Số: ": "3/TB-VP", or a blank number in a draft. */
  numberText: string;
  place: string;
  issuedAt: Date;
  title: string;
  /** The summary line under the title; empty when the title says it all. */
  summary: string;
  addressees: string[];
  blocks: NoticeBlock[];
  signer: { authority: string; title: string; name: string };
  /** "Nơi nhận" lines. */
  copies: string[];
  /** Small print at the foot of each page. */
  footer: string[];
  subject: string;
}
