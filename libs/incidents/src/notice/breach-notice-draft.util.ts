import { localDay } from '@app/detection';
import type {
  BreachNoticeContent,
  NoticeCatalogEntry,
  NoticeDataCategory,
  NoticeIncident,
  NoticeOrganisation,
} from './breach-notice.type';
import { breachNoticeFormOn } from './breach-notice-form.util';
import { CITIZEN_NOTICE_KINDS } from './citizen-notice-kinds.constant';

/** The addressee when configuration names none: the Ministry's specialised personal-data-protection agency. */
export const MINISTRY_RECIPIENT =
  'Bộ Công an (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao - A05)';

/** The commitment the forms end with. */
export const NOTICE_COMMITMENT =
  'Chúng tôi cam kết các thông tin nêu trên là đúng sự thật và chịu trách nhiệm trước pháp luật về tính chính xác, ' +
  'đầy đủ của thông tin đã cung cấp; tiếp tục áp dụng các biện pháp khắc phục, phối hợp với cơ quan chuyên trách ' +
  'bảo vệ dữ liệu cá nhân trong quá trình xác minh, xử lý vi phạm.';

/** The catalog's entries for the fields involved, in the catalog's order; an unknown code is named as unclassified. */
export function noticeDataCategories(fields: string[], catalog: NoticeCatalogEntry[]): NoticeDataCategory[] {
  const involved = new Set(fields);
  const known = catalog.filter((c) => involved.has(c.field));
  const unknown = [...involved].filter((f) => !catalog.some((c) => c.field === f));
  return [
    ...known.map((c) => ({ field: c.field, label: c.label, sensitive: c.sensitive })),
    ...unknown.map((f) => ({ field: f, label: `Trường dữ liệu "${f}" (chưa phân loại)`, sensitive: false })),
  ].map((c): NoticeDataCategory =>
    CITIZEN_NOTICE_KINDS[c.field] ? { ...c, kind: CITIZEN_NOTICE_KINDS[c.field] } : c,
  );
}

function partiesOf(incident: NoticeIncident): string {
  const parts = [
    incident.accounts.length ? `Tài khoản: ${incident.accounts.join(', ')}` : '',
    incident.units.length ? `Cơ quan, đơn vị: ${incident.units.join('; ')}` : '',
  ].filter(Boolean);
  return parts.join('. ');
}

function consequencesOf(categories: NoticeDataCategory[], incident: NoticeIncident): string {
  const sensitive = categories.some((c) => c.sensitive);
  const who =
    incident.subjectsAffected === null ? 'của công dân' : `của ${incident.subjectsAffected} công dân`;
  return (
    `Dữ liệu cá nhân ${who} có thể đã bị tra cứu, tiết lộ cho người không có thẩm quyền` +
    (sensitive ? ', trong đó có dữ liệu cá nhân nhạy cảm' : '') +
    '; nguy cơ bị lợi dụng để lừa đảo, xâm phạm quyền và lợi ích hợp pháp của chủ thể dữ liệu.'
  );
}

/**
 * The first draft of the notice, on the form in force on the discovery date: the organisation from configuration,
 * the violation from the incident, the data categories from the field catalog (sensitive ones flagged). The admin
 * edits it before finalising.
 */
export function draftBreachNotice(
  incident: NoticeIncident,
  organisation: NoticeOrganisation,
  catalog: NoticeCatalogEntry[],
  today: Date,
): BreachNoticeContent {
  const dataCategories = noticeDataCategories(incident.fields, catalog);
  const lead = organisation.dataProtectionLead;
  return {
    form: breachNoticeFormOn(incident.discoveredAt),
    number: null,
    issuedOn: localDay(today),
    recipients: organisation.recipients?.length ? [...organisation.recipients] : [MINISTRY_RECIPIENT],
    organisation: structuredClone(organisation),
    violation: {
      occurredFrom: incident.occurredFrom?.toISOString() ?? null,
      occurredTo: incident.occurredTo?.toISOString() ?? null,
      discoveredAt: incident.discoveredAt.toISOString(),
      place:
        'Hệ thống thông tin giải quyết thủ tục hành chính (khai thác Cơ sở dữ liệu quốc gia về dân cư)' +
        (incident.units.length ? `, tại ${incident.units.join('; ')}` : ''),
      act: incident.description.trim() || incident.title,
      parties: partiesOf(incident),
      dataCategories,
      subjectsAffected: incident.subjectsAffected,
      recordsAffected: incident.recordsAffected,
      responsiblePerson: `${lead.name}, ${lead.title}, điện thoại: ${lead.phone}`,
      consequences: consequencesOf(dataCategories, incident),
      measuresTaken: incident.measuresTaken,
    },
    attachments: [
      'Nhật ký truy cập và danh sách lượt tra cứu liên quan (trích xuất từ hệ thống giám sát truy cập)' +
        (incident.alertIds.length ? `, kèm ${incident.alertIds.length} cảnh báo` : ''),
    ],
    commitment: NOTICE_COMMITMENT,
    lateReason: null,
  };
}

/** True when biometric or location data was involved: the law asks to notify the affected citizens too. */
export function citizenNoticeRequired(content: BreachNoticeContent): boolean {
  return content.violation.dataCategories.some((c) => c.kind !== undefined || CITIZEN_NOTICE_KINDS[c.field]);
}
