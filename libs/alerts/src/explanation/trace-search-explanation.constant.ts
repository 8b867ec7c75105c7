import type { AlertExplanation, ExplanationContext } from './alert-explanation.type';
import { evidenceAt, evidenceNumber as num, evidenceString as str, windowPhrase } from './evidence-reader.util';
import { formatNumberEn, formatNumberVi } from './vi-format.util';

const list = (e: unknown, path: string): string[] => {
  const v = evidenceAt(e, path);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};
const names = (xs: string[]): string => `${xs.slice(0, 5).join(', ')}${xs.length > 5 ? ', …' : ''}`;

/** Auditors' repeated tracing (libs/detection/src/trace-searches, docs/detection.md "Repeated tracing"). */
function subjectRepeated(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const cases = list(e, 'caseReferences');
  const auditors = list(e, 'auditors');
  const searches = num(e, 'observed.searches') ?? cases.length;
  const prefix = str(e, 'subjectHashPrefix') ?? '';
  const days = num(e, 'expected.windowDays') ?? 30;
  const when = windowPhrase(c);
  return {
    vi:
      `Một công dân (mã băm ${prefix}…) được tra cứu vết ${formatNumberVi(searches)} lần theo ${formatNumberVi(cases.length)} số hồ sơ vụ việc khác nhau ` +
      `(${names(cases)}) ${when.vi}, trong vòng ${formatNumberVi(days)} ngày, bởi ${names(auditors)}. ` +
      `Cần xác minh các vụ việc này có thật sự liên quan đến công dân đó không.`,
    en:
      `One citizen (hash ${prefix}…) was traced ${formatNumberEn(searches)} times under ${formatNumberEn(cases.length)} different case references ` +
      `(${names(cases)}) ${when.en}, within ${formatNumberEn(days)} days, by ${names(auditors)}. ` +
      `Check that these cases really concern that citizen.`,
  };
}

function caseManySubjects(c: ExplanationContext): AlertExplanation {
  const e = c.evidence;
  const caseReference = str(e, 'caseReference') ?? '';
  const subjects = num(e, 'observed.subjects') ?? 0;
  const auditors = list(e, 'auditors');
  const days = num(e, 'expected.windowDays') ?? 30;
  const when = windowPhrase(c);
  return {
    vi:
      `Theo số hồ sơ vụ việc ${caseReference}, ${formatNumberVi(subjects)} công dân khác nhau đã được tra cứu vết ${when.vi} ` +
      `(trong vòng ${formatNumberVi(days)} ngày), bởi ${names(auditors)}. Cần xác minh vụ việc có cần đến ngần ấy công dân không.`,
    en:
      `Under case reference ${caseReference}, ${formatNumberEn(subjects)} different citizens were traced ${when.en} ` +
      `(within ${formatNumberEn(days)} days), by ${names(auditors)}. Check that the case needs that many citizens.`,
  };
}

export const TRACE_SEARCH_EXPLANATION_TEMPLATES = { trace_subject_repeated: subjectRepeated, trace_case_many_subjects: caseManySubjects };
