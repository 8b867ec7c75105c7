import dayjs from 'dayjs';
import type { Translate } from '@/i18n';

/** [from, to) of local days as people read it: the last day is the one before `to`. */
export function periodLabel(t: Translate, p: { from: string; to: string }): string {
  return t('reports.period', { from: dayjs(p.from).format('DD/MM/YYYY'), to: dayjs(p.to).subtract(1, 'day').format('DD/MM/YYYY') });
}

/** A range picked as first and last day (both included) as the API's [from, to). */
export function apiPeriod(first: dayjs.Dayjs, last: dayjs.Dayjs): { from: string; to: string } {
  return { from: first.format('YYYY-MM-DD'), to: last.add(1, 'day').format('YYYY-MM-DD') };
}
