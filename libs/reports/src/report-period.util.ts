import { DomainException, ErrorCode } from '@app/common';
import { addDays, isLocalDay, localDay, LocalDay, weekdayOf } from '@app/detection';
import type { ReportPeriod, ScheduledReportKind } from './report.type';

/** The longest period one report covers: a year (the aggregates answer it in well under a second). */
export const MAX_REPORT_DAYS = 366;

const pad = (n: number): string => String(n).padStart(2, '0');
const firstOfMonth = (year: number, month: number): LocalDay => {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${y}-${pad(m)}-01`;
};

/**
 * The last whole period of a kind before the local day of `now`: the week Monday to Sunday, the calendar month,
 * the calendar quarter. A schedule that fires on Monday 07:00 (or the 1st) reports the one that just closed.
 */
export function previousPeriod(kind: ScheduledReportKind, now: Date): ReportPeriod {
  const today = localDay(now);
  const [year, month] = today.split('-').map(Number);
  if (kind === 'weekly') {
    const thisMonday = addDays(today, -((weekdayOf(today) + 6) % 7));
    return { from: addDays(thisMonday, -7), to: thisMonday };
  }
  if (kind === 'monthly') return { from: firstOfMonth(year, month - 1), to: firstOfMonth(year, month) };
  const quarterStart = month - ((month - 1) % 3);
  return { from: firstOfMonth(year, quarterStart - 3), to: firstOfMonth(year, quarterStart) };
}

/** Checks an on-demand period: real dates, from before to, at most MAX_REPORT_DAYS. */
export function checkedPeriod(from: string, to: string): ReportPeriod {
  const problems: { field: string; message: string }[] = [];
  if (!isLocalDay(from)) problems.push({ field: 'from', message: 'must be a date, YYYY-MM-DD' });
  if (!isLocalDay(to)) problems.push({ field: 'to', message: 'must be a date, YYYY-MM-DD' });
  if (!problems.length && to <= from)
    problems.push({
      field: 'to',
      message: 'must be after from (the period is [from, to): to is not included)',
    });
  if (!problems.length && addDays(from, MAX_REPORT_DAYS) < to)
    problems.push({ field: 'to', message: `a report covers at most ${MAX_REPORT_DAYS} days` });
  if (problems.length)
    throw new DomainException(ErrorCode.VALIDATION_FAILED, 'The report period is not valid', problems);
  return { from, to };
}

/** The local days of a period, in order. */
export function daysOf(period: ReportPeriod): LocalDay[] {
  const days: LocalDay[] = [];
  for (let d = period.from; d < period.to; d = addDays(d, 1)) days.push(d);
  return days;
}
