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
  return [o?.phone, o?.taxCode, o?.dataProtectionLead?.phone].filter((n): n is string => typeof n === 'string');
}

function personalIdPaths(value: unknown, at: string, allowed: readonly string[], key = ''): string[] {
  if (typeof value === 'string') return !NUMBER_KEYS.has(key) && holdsPersonalId(value, allowed) ? [at] : [];
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
