import type { ExplanationContext } from './alert-explanation.type';
import { formatDateEn, formatDateVi } from './vi-format.util';

/** A value of the evidence by dotted path ("observed.lookups"); undefined when absent. */
export const evidenceAt = (e: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), e);

export const evidenceNumber = (e: unknown, path: string): number | undefined => {
  const v = evidenceAt(e, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};

export const evidenceString = (e: unknown, path: string): string | undefined => {
  const v = evidenceAt(e, path);
  return typeof v === 'string' ? v : undefined;
};

/** "ngày 14/11/2026" or "từ ngày 03/11/2026 đến ngày 28/11/2026", as the alert's window spans one day or more. */
export function windowPhrase(c: ExplanationContext): { vi: string; en: string } {
  const last = new Date(c.windowEnd.getTime() - 1);
  const [fromVi, toVi] = [formatDateVi(c.windowStart, c.timeZone), formatDateVi(last, c.timeZone)];
  const [fromEn, toEn] = [formatDateEn(c.windowStart, c.timeZone), formatDateEn(last, c.timeZone)];
  return fromVi === toVi ? { vi: `ngày ${fromVi}`, en: `on ${fromEn}` } : { vi: `từ ngày ${fromVi} đến ngày ${toVi}`, en: `from ${fromEn} to ${toEn}` };
}

/** "; 50% lượt tra cứu … không gắn hồ sơ" from withoutDossierShare, or nothing when the evidence lacks it. */
export function withoutDossierClause(e: unknown, what = { vi: 'lượt tra cứu', en: 'of the lookups' }): { vi: string; en: string } {
  const without = evidenceNumber(e, 'withoutDossierShare');
  if (without === undefined) return { vi: '', en: '' };
  const pct = `${Math.round(without * 100)}%`;
  return { vi: `; ${pct} ${what.vi} không gắn hồ sơ`, en: `; ${pct} ${what.en} name no dossier` };
}
