import { formatDateTimeVi, formatNumberVi } from '@app/alerts';
import type { BreachNoticeContent, NoticeDataCategory } from './breach-notice.type';

/** Twelve digits in a row: a personal ID, never printed (validation refuses them; this is the renderers' backstop). */
const PERSONAL_ID = /(?<!\d)\d{12}(?!\d)/g;

export function redactPersonalIds(text: string): string {
  return text.replace(PERSONAL_ID, '[đã ẩn]');
}

function at(iso: string): string {
  return formatDateTimeVi(new Date(iso));
}

/** "từ 21:00 03/01/2026 đến 23:00 04/01/2026", or what is known of it. */
export function occurredVi(v: BreachNoticeContent['violation']): string {
  if (v.occurredFrom && v.occurredTo) return `từ ${at(v.occurredFrom)} đến ${at(v.occurredTo)}`;
  if (v.occurredFrom) return `từ ${at(v.occurredFrom)}`;
  if (v.occurredTo) return `đến ${at(v.occurredTo)}`;
  return 'chưa xác định được';
}

export function discoveredVi(v: BreachNoticeContent['violation']): string {
  return at(v.discoveredAt);
}

const KIND_VI: Record<NonNullable<NoticeDataCategory['kind']>, string> = {
  biometric: 'dữ liệu sinh trắc học',
  location: 'dữ liệu vị trí',
};

/** "Ảnh chân dung: dữ liệu cá nhân nhạy cảm (dữ liệu sinh trắc học)". */
export function categoryVi(c: NoticeDataCategory): string {
  const kind = c.kind ? ` (${KIND_VI[c.kind]})` : '';
  return `${c.label}: ${c.sensitive ? 'dữ liệu cá nhân nhạy cảm' : 'dữ liệu cá nhân cơ bản'}${kind}`;
}

/** "312 chủ thể dữ liệu (công dân); 340 bản ghi (lượt tra cứu)". */
export function volumeVi(v: BreachNoticeContent['violation']): string {
  const parts = [
    v.subjectsAffected === null ? '' : `${formatNumberVi(v.subjectsAffected)} chủ thể dữ liệu (công dân)`,
    v.recordsAffected === null ? '' : `${formatNumberVi(v.recordsAffected)} bản ghi (lượt tra cứu)`,
  ].filter(Boolean);
  return parts.length ? parts.join('; ') : 'chưa xác định được';
}

/** "Số:" of a draft: the symbol after a blank, filled when the notice is finalised. */
export function numberTextOf(content: BreachNoticeContent): string {
  return content.number ?? `      /${content.organisation.symbol}`;
}

/** "Kính gửi: A05." on one line, or each addressee on its own line under "Kính gửi:". */
export function addresseeLines(addressees: string[]): string[] {
  if (addressees.length === 1) return [`Kính gửi: ${addressees[0]}.`];
  return ['Kính gửi:', ...addressees.map((a, i) => `- ${a}${i === addressees.length - 1 ? '.' : ';'}`)];
}
