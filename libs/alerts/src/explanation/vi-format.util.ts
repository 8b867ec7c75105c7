/**
 * Numbers and dates as the Office's staff read them: 1.035 (dot for thousands), 11,5 (comma for decimals),
 * 14/11/2026, 64%. English explanations use 1,035 and 14 Nov 2026. Dates are the local day of the time zone given.
 */
export const DEFAULT_TIME_ZONE = 'Asia/Ho_Chi_Minh';

const viNumber = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });
const enNumber = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function formatNumberVi(n: number): string {
  return viNumber.format(n);
}

export function formatNumberEn(n: number): string {
  return enNumber.format(n);
}

/** 0.64 → "64%" (whole percent: a reviewer weighs a share, not its decimals). */
export function formatShareVi(share: number): string {
  return `${Math.round(share * 100)}%`;
}

export function formatDateVi(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('vi-VN', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(at);
}

export function formatDateEn(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, day: 'numeric', month: 'short', year: 'numeric' }).format(at);
}

/** "08:15 14/11/2026" in Vietnamese, "08:15 on 14 Nov 2026" in English. */
export function formatDateTimeVi(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const time = new Intl.DateTimeFormat('vi-VN', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${time} ${formatDateVi(at, timeZone)}`;
}

export function formatDateTimeEn(at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const time = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);
  return `${time} on ${formatDateEn(at, timeZone)}`;
}

/** How many times the observed value is the expected one, rounded for reading ("gấp 11 lần"). */
export function timesOf(observed: number, expected: number): number {
  if (expected <= 0) return observed;
  const ratio = observed / expected;
  return ratio >= 10 ? Math.round(ratio) : Math.round(ratio * 10) / 10;
}
