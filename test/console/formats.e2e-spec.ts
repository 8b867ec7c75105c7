import { formatDate, formatDateTime, formatNumber, formatShare, localDayOf } from '../../apps/admin-web/src/i18n/format';
import { en } from '../../apps/admin-web/src/i18n/en';
import { vi } from '../../apps/admin-web/src/i18n/vi';

// The console's formats, whatever the zone of the machine (npm test runs with TZ=UTC).
describe('Console formats', () => {
  it('writes instants in Ha Noi time as 01/12/2026 14:05', () => {
    expect(formatDateTime('2026-12-01T07:05:00Z')).toBe('01/12/2026 14:05');
    expect(formatDateTime(new Date('2026-11-30T17:30:00Z'))).toBe('01/12/2026 00:30');
    expect(formatDate('2026-11-30T17:30:00Z')).toBe('01/12/2026');
    expect(localDayOf('2026-11-30T17:30:00Z')).toBe('2026-12-01');
  });

  it('writes numbers the Vietnamese way, and the English way in English', () => {
    expect(formatNumber(1035379, 'vi')).toBe('1.035.379');
    expect(formatNumber(11.3, 'vi')).toBe('11,3');
    expect(formatNumber(1035379, 'en')).toBe('1,035,379');
    expect(formatShare(0.64, 'vi')).toBe('64%');
    expect(formatShare(0.125, 'vi')).toBe('12,5%');
  });

  it('has every message in both languages, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    expect(Object.keys(en).sort()).toEqual(Object.keys(vi).sort());
    for (const key of Object.keys(vi) as (keyof typeof vi)[]) {
      expect({ key, placeholders: placeholders(en[key]) }).toEqual({ key, placeholders: placeholders(vi[key]) });
      expect({ key, empty: en[key].trim() === '' }).toEqual({ key, empty: false });
    }
  });
});
