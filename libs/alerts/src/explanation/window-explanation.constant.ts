import type { AlertExplanation, ExplanationContext } from './alert-explanation.type';
import { formatDateEn, formatDateTimeEn, formatDateTimeVi, formatDateVi, formatNumberEn, formatNumberVi, formatShareVi } from './vi-format.util';

/**
 * The window detectors' phrases (libs/detection, docs/detection.md "Enumeration" and "One citizen across units"):
 * enumeration, cross_unit_citizen. Each reads the evidence its detector writes.
 */
const at = (e: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), e);
const num = (e: unknown, path: string): number => {
  const v = at(e, path);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
const time = (e: unknown, path: string, fallback: Date): Date => {
  const v = at(e, path);
  const d = typeof v === 'string' ? new Date(v) : fallback;
  return Number.isNaN(d.getTime()) ? fallback : d;
};
const hhmm = (d: Date, timeZone: string): string => formatDateTimeVi(d, timeZone).slice(0, 5);

function enumeration(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const who = c.accountIds[0] ?? '';
  const subjects = num(e, 'observed.subjects');
  const blocks = num(e, 'observed.blocks');
  const minutes = num(e, 'observed.minutes');
  const notFound = num(e, 'observed.notFoundShare');
  const own = num(e, 'ownUnitDossierShare');
  const from = time(e, 'observed.firstAt', c.windowStart);
  const to = time(e, 'observed.lastAt', c.windowEnd);
  const sequential = at(e, 'rule') === 'sequential';
  const whenVi = `từ ${hhmm(from, c.timeZone)} đến ${hhmm(to, c.timeZone)} ngày ${formatDateVi(from, c.timeZone)} (${formatNumberVi(minutes)} phút)`;
  const whenEn = `from ${hhmm(from, c.timeZone)} to ${formatDateTimeEn(to, c.timeZone)} (${formatNumberEn(minutes)} minutes)`;
  const whatVi = sequential
    ? `tra cứu ${formatNumberVi(subjects)} số định danh gần liền nhau (chỉ trong ${formatNumberVi(blocks)} dãy 100 số liên tiếp)`
    : `tra cứu ${formatNumberVi(subjects)} công dân khác nhau`;
  const whatEn = sequential
    ? `looked up ${formatNumberEn(subjects)} near-consecutive personal IDs (within only ${formatNumberEn(blocks)} runs of 100 consecutive numbers)`
    : `looked up ${formatNumberEn(subjects)} different citizens`;
  const notFoundVi = notFound ? `; ${formatShareVi(notFound)} số tra cứu không có người mang` : '';
  const notFoundEn = notFound ? `; ${formatShareVi(notFound)} of the numbers belong to nobody` : '';
  return {
    vi:
      `Tài khoản ${who} ${whatVi} ${whenVi}, không gắn hồ sơ của đơn vị mình${notFoundVi}; ` +
      `${formatShareVi(own)} lượt tra cứu trong khoảng này gắn hồ sơ của đơn vị. ` +
      (sequential ? 'Đây là dấu hiệu dò quét lần lượt các số định danh.' : 'Một quầy tiếp dân không phục vụ được ngần ấy người trong thời gian này.'),
    en:
      `Account ${who} ${whatEn} ${whenEn}, without a dossier of its unit${notFoundEn}; ` +
      `${formatShareVi(own)} of its lookups in that time name a dossier of its unit. ` +
      (sequential ? 'This is the pattern of walking through personal IDs one after another.' : 'No counter serves that many people in that time.'),
  };
}

function crossUnitCitizen(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const accounts = num(e, 'observed.accounts');
  const units = num(e, 'observed.units');
  const subject = typeof e.subjectHashPrefix === 'string' ? e.subjectHashPrefix : '';
  const from = time(e, 'observed.firstAt', c.windowStart);
  const to = time(e, 'observed.lastAt', c.windowEnd);
  const unitList = Array.isArray(e.units) ? (e.units as unknown[]).filter((u): u is string => typeof u === 'string').slice(0, 6).join(', ') : '';
  return {
    vi:
      `Cùng một công dân (mã băm ${subject}…) được ${formatNumberVi(accounts)} tài khoản của ${formatNumberVi(units)} đơn vị khác nhau` +
      `${unitList ? ` (${unitList})` : ''} tra cứu từ ${hhmm(from, c.timeZone)} đến ${hhmm(to, c.timeZone)} ngày ${formatDateVi(from, c.timeZone)}, ` +
      `không lượt nào gắn hồ sơ. Cần xác minh vì sao nhiều nơi cùng quan tâm đến người này.`,
    en:
      `One citizen (hash ${subject}…) was looked up by ${formatNumberEn(accounts)} accounts of ${formatNumberEn(units)} different units` +
      `${unitList ? ` (${unitList})` : ''} from ${hhmm(from, c.timeZone)} to ${hhmm(to, c.timeZone)} on ${formatDateEn(from, c.timeZone)}, ` +
      `none for a dossier. Find out why so many offices took an interest in this person.`,
  };
}

export const WINDOW_EXPLANATION_TEMPLATES = {
  enumeration,
  cross_unit_citizen: crossUnitCitizen,
};
