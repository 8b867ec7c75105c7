import { DomainException, ErrorCode } from '@app/common';
import { maskPersonalIds } from '@app/ingestion';

/**
 * Fields that hold a phone number or a tax code: long runs of digits by nature ("0233 3852 123", "3200123456"),
 * and never a citizen's ID (they are the organisation's, from the configuration).
 */
export const NUMBER_KEYS: ReadonlySet<string> = new Set(['phone', 'taxCode']);

/**
 * Whether a text holds what a person would read as a personal ID: the project's masker (9 or more digits, grouped
 * "0792 0300 1234" or "079-203-001-234", full-width digits) changes it. The numbers allowed (the organisation's
 * phones, which the draft writes into its sentences) are taken out first.
 */
export function holdsPersonalId(text: string, allowed: readonly string[] = []): boolean {
  const rest = allowed.reduce((t, n) => (n.trim() ? t.split(n).join(' ') : t), text);
  return maskPersonalIds(rest) !== rest;
}

/** The organisation's phone numbers and tax code in a notice: its own numbers, which any text may quote. */
export function organisationNumbers(content: unknown): string[] {
  const o = (content as { organisation?: { phone?: unknown; taxCode?: unknown; dataProtectionLead?: { phone?: unknown } } } | null)?.organisation;
  const numbers: [string, unknown][] = [['phone', o?.phone], ['taxCode', o?.taxCode], ['phone', o?.dataProtectionLead?.phone]];
  return numbers.filter((n): n is [string, string] => typeof n[1] === 'string' && isOwnNumber(n[0], n[1])).map(([, n]) => n);
}

/**
 * A phone number (8 to 11 digits with spaces, dots or hyphens; up to 13 after a +, the country code) or a tax code
 * (10 digits, or 10-3): the forms these fields take. A citizen's ID (12 digits, no +) is neither.
 */
function isOwnNumber(key: string, text: string): boolean {
  if (key === 'taxCode') return /^\d{10}(-\d{3})?$/.test(text.trim());
  const digits = text.replace(/\D/g, '').length;
  const international = text.trim().startsWith('+');
  return /^\+?[\d .-]+$/.test(text.trim()) && digits >= 8 && digits <= (international ? 13 : 11);
}

function personalIdPaths(value: unknown, at: string, allowed: readonly string[], key = ''): string[] {
  if (typeof value === 'string') {
    if (NUMBER_KEYS.has(key) && isOwnNumber(key, value)) return [];
    return holdsPersonalId(value, NUMBER_KEYS.has(key) ? [] : allowed) ? [at] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => personalIdPaths(v, `${at}[${i}]`, allowed, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => personalIdPaths(v, at ? `${at}.${k}` : k, allowed, k));
  return [];
}

/**
 * Refuses texts that carry what looks like a citizen's personal ID: an incident and its notice are kept for years
 * and sent outside, and the service keeps no personal ID in clear. The notice counts the citizens; the auditors'
 * tracing (by keyed hash) names them.
 */
export function refusePersonalIds(value: unknown, root = '', allowed: readonly string[] = []): void {
  const found = personalIdPaths(value, root, allowed);
  if (found.length)
    throw new DomainException(
      ErrorCode.VALIDATION_FAILED,
      'A text holds what looks like a citizen\'s personal ID (9 or more digits, grouped or not): the incident must not carry one in clear',
      found.map((field) => ({ field, message: 'must not contain a personal ID (9 or more digits); count the citizens, or refer to the tracing case instead' })),
    );
}
