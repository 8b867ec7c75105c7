import type { TraceCase, TraceCriteria } from './trace-api';

/**
 * The search in the page's address (useSearchParams), so that a link or a return after sign-in shows it again:
 * the case, the purpose and every criterion but the citizens, whose personal IDs never go in a URL (`subject=1`
 * only says that the search had some, so that it is not repeated without them).
 */
export const LIST_PARAMS = ['accountId', 'unitCode', 'clientIp', 'sourceSystem', 'action', 'result', 'field', 'dossierCode', 'procedureCode'] as const;
type ListParam = (typeof LIST_PARAMS)[number];

export interface SearchInAddress {
  case: TraceCase;
  criteria: TraceCriteria;
  /** Local days (YYYY-MM-DD, Ha Noi), inclusive, as the date pickers show them. */
  fromDay?: string;
  toDay?: string;
  hadSubjects: boolean;
}

const nextDay = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/** A local day's start in Ha Noi time, as the API takes it. */
export const dayStart = (day: string): string => `${day}T00:00:00+07:00`;

export function readSearch(params: URLSearchParams): SearchInAddress | null {
  const caseReference = params.get('case');
  if (!caseReference) return null;
  const criteria: TraceCriteria = {};
  for (const key of LIST_PARAMS) {
    const values = (params.get(key) ?? '').split(',').filter(Boolean);
    if (values.length) criteria[key as ListParam] = values;
  }
  const explained = params.get('explained');
  if (explained === 'true' || explained === 'false') criteria.explained = explained === 'true';
  const fromDay = params.get('from') ?? undefined;
  const toDay = params.get('to') ?? undefined;
  if (fromDay) criteria.from = dayStart(fromDay);
  if (toDay) criteria.to = dayStart(nextDay(toDay));
  return { case: { caseReference, purpose: params.get('purpose') ?? '' }, criteria, fromDay, toDay, hadSubjects: params.get('subject') === '1' };
}

export function writeSearch(current: URLSearchParams, s: Omit<SearchInAddress, 'criteria'> & { lists: Partial<Record<ListParam, string[]>>; explained?: boolean }): URLSearchParams {
  const next = new URLSearchParams();
  const tab = current.get('tab');
  if (tab) next.set('tab', tab);
  next.set('case', s.case.caseReference);
  next.set('purpose', s.case.purpose);
  for (const key of LIST_PARAMS) if (s.lists[key]?.length) next.set(key, s.lists[key]!.join(','));
  if (s.explained !== undefined) next.set('explained', String(s.explained));
  if (s.fromDay) next.set('from', s.fromDay);
  if (s.toDay) next.set('to', s.toDay);
  if (s.hadSubjects) next.set('subject', '1');
  return next;
}
