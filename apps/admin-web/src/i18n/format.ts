/** Dates and numbers as the users read them: 01/12/2026 14:05 (Ha Noi time) and 1.035.379. */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export type Lang = 'vi' | 'en';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function pieces(value: Date | string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of parts.formatToParts(new Date(value))) out[p.type] = p.value;
  return out;
}

/** 01/12/2026 14:05, in Ha Noi time whatever the browser's zone (the same order in both languages). */
export function formatDateTime(value: Date | string): string {
  const p = pieces(value);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** 01/12/2026, the Ha Noi day. */
export function formatDate(value: Date | string): string {
  const p = pieces(value);
  return `${p.day}/${p.month}/${p.year}`;
}

/** The Ha Noi calendar day of an instant as YYYY-MM-DD. */
export function localDayOf(value: Date | string): string {
  const p = pieces(value);
  return `${p.year}-${p.month}-${p.day}`;
}

const numberFormats: Record<Lang, Intl.NumberFormat> = {
  vi: new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
};

/** 1.035.379 and 11,3 in Vietnamese; 1,035,379 and 11.3 in English. */
export function formatNumber(value: number, lang: Lang): string {
  return numberFormats[lang].format(value);
}

/** A share 0..1 as a percentage: 64%, 12,5%. */
export function formatShare(value: number, lang: Lang): string {
  return `${formatNumber(Math.round(value * 1000) / 10, lang)}%`;
}
