/**
 * The Vietnamese lunisolar calendar (âm lịch), computed as Hồ Ngọc Đức's well-known algorithm does
 * (https://www.informatik.uni-leipzig.de/~duc/amlich/calrules.html): a month starts on the local day of a new moon,
 * month 11 holds the winter solstice, and in a year with 13 months the first month without a major solar term
 * (trung khí) is the leap one. All of it in Vietnam's time zone, UTC+7 since 1975: the Chinese calendar (UTC+8)
 * puts some new moons on another day and differs in some years (Tết 1985: 21 January in Vietnam, 20 February in
 * China). Written here rather than taken from npm because the packages found there are either Chinese (UTC+8) or
 * unmaintained copies of this same code; it is short, and pinned by tests against published dates.
 */

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** True in the leap (nhuận) month, which repeats the number of the month before it. */
  leap: boolean;
}

/** Vietnam's offset from UTC in hours (no daylight saving since 1975). */
export const VIETNAM_UTC_OFFSET_HOURS = 7;
const TZ = VIETNAM_UTC_OFFSET_HOURS;
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH = 2415021.076998695; // the new moon of 1 January 1900, Julian day
const DR = Math.PI / 180;

/** Julian day number of a Gregorian date (Julian calendar before 15 October 1582, as the original does). */
export function julianDay(year: number, month: number, day: number): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  const jd = day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
  return jd < 2299161 ? day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - 32083 : jd;
}

/** The Gregorian date [year, month, day] of a Julian day number. */
export function fromJulianDay(jd: number): [number, number, number] {
  let b: number;
  let c: number;
  if (jd > 2299160) {
    const a = jd + 32044;
    b = Math.floor((4 * a + 3) / 146097);
    c = a - Math.floor((b * 146097) / 4);
  } else {
    b = 0;
    c = jd + 32082;
  }
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = b * 100 + d - 4800 + Math.floor(m / 10);
  return [year, month, day];
}

/** Julian date (with fraction, UT) of the k-th new moon after 1 January 1900 (Meeus, low precision terms). */
function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * DR);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3; // sun's mean anomaly
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3; // moon's mean anomaly
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3; // moon's argument of latitude
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * DR) + 0.0021 * Math.sin(2 * DR * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * DR) + 0.0161 * Math.sin(DR * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(DR * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(DR * 2 * F) - 0.0051 * Math.sin(DR * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(DR * (M - Mpr)) + 0.0004 * Math.sin(DR * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(DR * (2 * F - M)) - 0.0006 * Math.sin(DR * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(DR * (2 * F - Mpr)) + 0.0005 * Math.sin(DR * (2 * Mpr + M));
  const deltaT =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltaT;
}

/** The sun's ecliptic longitude (radians, 0..2π) at a Julian date. */
function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let dl = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(DR * M);
  dl += (0.019993 - 0.000101 * T) * Math.sin(DR * 2 * M) + 0.00029 * Math.sin(DR * 3 * M);
  const l = (L0 + dl) * DR;
  return l - Math.PI * 2 * Math.floor(l / (Math.PI * 2));
}

/** Local day (Julian day number) of the k-th new moon. */
const newMoonDay = (k: number): number => Math.floor(newMoon(k) + 0.5 + TZ / 24);

/** Which 30° sector (0..11) the sun is in at the start of a local day: a change of sector is a major term. */
const sunSector = (dayNumber: number): number => Math.floor((sunLongitude(dayNumber - 0.5 - TZ / 24) / Math.PI) * 6);

/** First day of lunar month 11 (the one holding the winter solstice) of a solar year. */
function lunarMonth11(year: number): number {
  const k = Math.floor((julianDay(year, 12, 31) - 2415021) / SYNODIC_MONTH);
  const nm = newMoonDay(k);
  return sunSector(nm) >= 9 ? newMoonDay(k - 1) : nm;
}

/** In a 13-month year starting at month 11 on day a11: how many months after it the leap month comes. */
function leapMonthOffset(a11: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let arc = sunSector(newMoonDay(k + i));
  let last: number;
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i));
  } while (arc !== last && i < 14);
  return i - 1;
}

/** The lunar date of a (local) solar date. */
export function solarToLunar(year: number, month: number, day: number): LunarDate {
  const dayNumber = julianDay(year, month, day);
  const k = Math.floor((dayNumber - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1);
  if (monthStart > dayNumber) monthStart = newMoonDay(k);
  let a11 = lunarMonth11(year);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = year;
    a11 = lunarMonth11(year - 1);
  } else {
    lunarYear = year + 1;
    b11 = lunarMonth11(year + 1);
  }
  const diff = Math.floor((monthStart - a11) / 29);
  let lunarMonth = diff + 11;
  let leap = false;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11);
    if (diff >= leapDiff) {
      lunarMonth = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (lunarMonth > 12) lunarMonth -= 12;
  if (lunarMonth >= 11 && diff < 4) lunarYear -= 1;
  return { day: dayNumber - monthStart + 1, month: lunarMonth, year: lunarYear, leap };
}

/**
 * The solar date [year, month, day] of a lunar date, or null when it does not exist (a leap month the year does
 * not have, or day 30 of a 29-day month).
 */
export function lunarToSolar(lunar: LunarDate): [number, number, number] | null {
  const { day, month, year, leap } = lunar;
  const a11 = month < 11 ? lunarMonth11(year - 1) : lunarMonth11(year);
  const b11 = month < 11 ? lunarMonth11(year) : lunarMonth11(year + 1);
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11);
    let leapMonth = leapOff - 2;
    if (leapMonth <= 0) leapMonth += 12;
    if (leap && month !== leapMonth) return null;
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    return null;
  }
  const monthStart = newMoonDay(k + off);
  const jd = monthStart + day - 1;
  if (day > 30 || jd >= newMoonDay(k + off + 1)) return null;
  return fromJulianDay(jd);
}

/** The leap month of the span from month 11 of a solar year to the next month 11 (1..12), or null. */
function spanLeapMonth(year: number): number | null {
  const a11 = lunarMonth11(year);
  if (lunarMonth11(year + 1) - a11 <= 365) return null;
  const leapMonth = leapMonthOffset(a11) - 2;
  return leapMonth <= 0 ? leapMonth + 12 : leapMonth;
}

/**
 * The leap month of a lunar year (1..12), or null when it has none. Months 1..10 of a year lie in the span that
 * starts at month 11 of the solar year before; its months 11 and 12 in the next span.
 */
export function leapMonthOf(lunarYear: number): number | null {
  const early = spanLeapMonth(lunarYear - 1);
  if (early !== null && early <= 10) return early;
  const late = spanLeapMonth(lunarYear);
  return late !== null && late >= 11 ? late : null;
}
