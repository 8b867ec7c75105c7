import { formatDateTimeVi, formatDateVi, formatNumberVi } from '@app/alerts';
import { addDays, LocalDay, startOfLocalDay } from '@app/detection';
import type { ReportPeriod } from '../report.type';
import { OUTCOME_VI } from './report-labels.constant';

export { formatNumberVi, formatDateVi, formatDateTimeVi };

/** 0.8123 → "81,2%"; null → "—" (no lookups, no share). */
export function formatPercentVi(share: number | null): string {
  return share === null ? '—' : `${formatNumberVi(Math.round(share * 1000) / 10)}%`;
}

export function formatDayVi(day: LocalDay): string {
  return formatDateVi(startOfLocalDay(day));
}

/** "từ ngày 01/11/2026 đến hết ngày 30/11/2026": the period's last day is the one before `to`. */
export function periodVi(p: ReportPeriod): string {
  return `từ ngày ${formatDayVi(p.from)} đến hết ngày ${formatDayVi(addDays(p.to, -1))}`;
}

/**
 * "Quảng Trị, ngày 02 tháng 12 năm 2026". Decree 30/2020 (appendix I): days below 10 and the months 1 and 2 take a
 * leading zero, the other months none ("ngày 05 tháng 3").
 */
export function placeAndDateVi(place: string, at: Date): string {
  const [day, month, year] = formatDateVi(at).split('/');
  const m = Number(month) <= 2 ? month : String(Number(month));
  return `${place}, ngày ${day} tháng ${m} năm ${year}`;
}

/** What was done about an alert, in the Office's words. */
export function outcomeVi(status: string, outcome: string | null): string {
  return status === 'resolved' ? OUTCOME_VI[outcome ?? 'none'] : (OUTCOME_VI[status] ?? status);
}
