import type { AlertExplanation, ExplanationContext } from './alert-explanation.type';
import { formatDateEn, formatDateTimeVi, formatDateVi, formatNumberEn, formatNumberVi } from './vi-format.util';

/**
 * The source-system policy detector's phrases (libs/detection, docs/detection.md "Source-system policy"):
 * unregistered_source_system, undeclared_fields. A value the evidence lacks leaves its clause out.
 */
const num = (e: Record<string, unknown>, key: string): number | undefined => (typeof e[key] === 'number' && Number.isFinite(e[key]) ? (e[key] as number) : undefined);
const str = (e: Record<string, unknown>, key: string): string => (typeof e[key] === 'string' ? (e[key] as string) : '');
const dateOf = (e: Record<string, unknown>, key: string): Date | undefined => {
  const v = e[key];
  const d = typeof v === 'string' || v instanceof Date ? new Date(v) : undefined;
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
};
const timeOf = (d: Date, timeZone: string): string => formatDateTimeVi(d, timeZone).slice(0, 5);

function when(c: ExplanationContext): { vi: string; en: string } {
  const e = c.evidence;
  const first = dateOf(e, 'firstAt');
  const last = dateOf(e, 'lastAt');
  const accounts = num(e, 'accounts');
  const span = first && last ? `${timeOf(first, c.timeZone)}–${timeOf(last, c.timeZone)}` : '';
  const vi = [span && `từ ${span.replace('–', ' đến ')}`, accounts !== undefined && `${formatNumberVi(accounts)} tài khoản`].filter(Boolean).join(', ');
  const en = [span && `from ${span.replace('–', ' to ')}`, accounts !== undefined && `${formatNumberEn(accounts)} account(s)`].filter(Boolean).join(', ');
  return { vi: vi ? ` (${vi})` : '', en: en ? ` (${en})` : '' };
}

function unregisteredSourceSystem(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const system = str(e, 'sourceSystem');
  const n = num(e, 'events') ?? 0;
  const w = when(c);
  return {
    vi:
      `Hệ thống kết nối ${system}, không có trong danh mục hệ thống đã đăng ký, có ${formatNumberVi(n)} bản ghi nhật ký tra cứu ngày ${formatDateVi(c.windowStart, c.timeZone)}${w.vi}. ` +
      `Chưa đăng ký nghĩa là chưa ghi nhận căn cứ pháp lý, đơn vị vận hành và người liên hệ của hệ thống nhận dữ liệu công dân: cần đăng ký hệ thống hoặc ngừng kết nối.`,
    en:
      `Source system ${system}, which is not in the registry of source systems, has ${formatNumberEn(n)} log record(s) on ${formatDateEn(c.windowStart, c.timeZone)}${w.en}. ` +
      `Unregistered means no legal basis, operator or contact is on record for a system receiving citizens' data: register it or cut it off.`,
  };
}

function undeclaredFields(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const system = str(e, 'sourceSystem');
  const n = num(e, 'events') ?? 0;
  const fields = Array.isArray(e.fields) ? (e.fields as { field: string; events: number; sensitive: boolean }[]) : [];
  const w = when(c);
  const listVi = fields.map((f) => `${f.field} (${formatNumberVi(f.events)} lượt${f.sensitive ? ', thuộc nhóm nhạy cảm' : ''})`).join(', ');
  const listEn = fields.map((f) => `${f.field} (${formatNumberEn(f.events)}${f.sensitive ? ', sensitive class' : ''})`).join(', ');
  return {
    vi:
      `Hệ thống kết nối ${system} nhận ${formatNumberVi(n)} bản ghi ngày ${formatDateVi(c.windowStart, c.timeZone)}${w.vi} có trường dữ liệu ngoài phạm vi đã khai báo: ${listVi}. ` +
      `Hệ thống chỉ được nhận các trường đã khai báo khi đăng ký: cần kiểm tra cấu hình trả dữ liệu, hoặc bổ sung khai báo nếu có căn cứ.`,
    en:
      `Source system ${system} received ${formatNumberEn(n)} record(s) on ${formatDateEn(c.windowStart, c.timeZone)}${w.en} with fields outside its declaration: ${listEn}. ` +
      `A system may receive only the fields declared when it was registered: check what is returned to it, or extend its declaration if there is a basis for it.`,
  };
}

export const SOURCE_POLICY_EXPLANATION_TEMPLATES = {
  unregistered_source_system: unregisteredSourceSystem,
  undeclared_fields: undeclaredFields,
};
