import { formatDateEn, formatDateTimeVi, formatDateVi, formatNumberVi, formatShareVi, timesOf } from './vi-format.util';

describe('vi-format', () => {
  it('writes numbers, dates and shares as Vietnamese readers expect', () => {
    expect(formatNumberVi(212)).toBe('212');
    expect(formatNumberVi(1035)).toBe('1.035');
    expect(formatNumberVi(11.25)).toBe('11,3');
    expect(formatShareVi(0.642)).toBe('64%');
    // 23:30 in Ha Noi is still the 14th there, though already the 14th 16:30 UTC.
    expect(formatDateVi(new Date('2026-11-14T16:30:00Z'))).toBe('14/11/2026');
    expect(formatDateVi(new Date('2026-11-14T17:30:00Z'))).toBe('15/11/2026');
    expect(formatDateTimeVi(new Date('2026-11-14T01:15:00Z'))).toBe('08:15 14/11/2026');
    expect(formatDateEn(new Date('2026-11-14T01:15:00Z'))).toBe('14 Nov 2026');
  });

  it('rounds ratios for reading: whole above ten, one decimal below', () => {
    expect(timesOf(212, 19)).toBe(11);
    expect(timesOf(50, 19)).toBe(2.6);
    expect(timesOf(5, 0)).toBe(5);
  });
});
