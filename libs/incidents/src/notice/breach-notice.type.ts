/**
 * The breach notice to the Ministry of Public Security (docs/incidents.md, "The notice forms"). Shared with the
 * incidents' lifecycle: this file is the contract, fields are only ever added (optional).
 */
export type BreachNoticeForm = 'decree-356-form-08' | 'decree-13-form-03';

export interface NoticeOrganisation {
  name: string;
  headOfficeAddress: string;
  transactionAddress: string;
  /** The founding decision or registration document. */
  foundingDocument: string;
  /** Printed on Form 08 only. */
  taxCode: string | null;
  phone: string;
  email: string;
  website: string | null;
  /** email: printed on Form 08 only. */
  dataProtectionLead: { name: string; title: string; phone: string; email: string };
  /** The place name in "…, ngày … tháng … năm …". */
  place: string;
  /** Decree 30 header, like the reports. */
  governingBody: string;
  issuingBody: string;
  symbol: string;
  signer: { authority: string; title: string; name: string };
  /** The addressees from configuration (Cục A05; the Provincial People's Committee when the province asks). */
  recipients?: string[];
  /** "Nơi nhận" lines after "Như trên;", e.g. "Lưu: VT, HCTC.". */
  copies?: string[];
}

export interface NoticeDataCategory {
  field: string;
  label: string;
  sensitive: boolean;
  /** Biometric and location data: the affected citizens are notified too. */
  kind?: 'biometric' | 'location';
}

/** Everything the notice says; the admin edits this JSON, each saved edit is a version. */
export interface BreachNoticeContent {
  form: BreachNoticeForm;
  /** "Số: …" assigned when finalised; null in drafts. */
  number: string | null;
  /** YYYY-MM-DD local date. */
  issuedOn: string;
  /** Addressees: Bộ Công an – Cục A05; optionally UBND tỉnh qua Công an tỉnh. */
  recipients: string[];
  organisation: NoticeOrganisation;
  violation: {
    /** ISO timestamps. */
    occurredFrom: string | null;
    occurredTo: string | null;
    discoveredAt: string;
    /** Where, how, who (accounts, units involved). */
    place: string;
    act: string;
    parties: string;
    dataCategories: NoticeDataCategory[];
    subjectsAffected: number | null;
    recordsAffected: number | null;
    responsiblePerson: string;
    consequences: string;
    measuresTaken: string;
  };
  attachments: string[];
  commitment: string;
  /** Filled when notified after the 72-hour deadline (the law asks the reason). */
  lateReason: string | null;
}

export interface NoticeIncident {
  id: string;
  title: string;
  discoveredAt: Date;
  deadlineAt: Date;
  accounts: string[];
  units: string[];
  alertIds: string[];
  subjectsAffected: number | null;
  recordsAffected: number | null;
  /** Field-catalog field names involved. */
  fields: string[];
  occurredFrom: Date | null;
  occurredTo: Date | null;
  description: string;
  measuresTaken: string;
}

/** A field-catalog entry as the notice needs it. */
export interface NoticeCatalogEntry {
  field: string;
  label: string;
  sensitive: boolean;
}
