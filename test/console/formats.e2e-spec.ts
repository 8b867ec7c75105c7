import { formatDate, formatDateTime, formatNumber, formatShare, localDayOf } from '../../apps/admin-web/src/i18n/format';
import { en } from '../../apps/admin-web/src/i18n/en';
import { vi } from '../../apps/admin-web/src/i18n/vi';
import { EXPLANATION_TEMPLATES } from '@app/alerts';
import { ALERT_TYPE_VI } from '@app/reports';
import { KNOWN_TYPES } from '../../apps/admin-web/src/features/alerts/components/alert-types.constant';

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

  it('names every alert type the service explains, in both languages, with the same words in the reports', () => {
    const types = Object.keys(EXPLANATION_TEMPLATES).sort();
    const messages: Record<string, string> = vi;
    const english: Record<string, string> = en;
    for (const type of types) {
      expect({ type, vi: messages[`alertType.${type}`] !== undefined, en: english[`alertType.${type}`] !== undefined }).toEqual({ type, vi: true, en: true });
      expect({ type, report: ALERT_TYPE_VI[type] }).toEqual({ type, report: messages[`alertType.${type}`] });
    }
    // The queue's type filter offers every one of them.
    expect([...KNOWN_TYPES].sort()).toEqual(types);
  });
});
