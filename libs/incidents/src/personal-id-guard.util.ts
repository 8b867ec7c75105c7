import { DomainException, ErrorCode } from '@app/common';

/** Twelve digits standing alone: what a citizen's personal ID looks like in a text. */
const PERSONAL_ID_IN_TEXT = /(?<![0-9])[0-9]{12}(?![0-9])/;

function paths(value: unknown, at: string): string[] {
  if (typeof value === 'string') return PERSONAL_ID_IN_TEXT.test(value) ? [at] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => paths(v, `${at}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => paths(v, at ? `${at}.${k}` : k));
  return [];
}

/**
 * Refuses texts that carry what looks like a citizen's personal ID: an incident and its notice are kept for years
 * and sent outside, and the service keeps no personal ID in clear. The notice counts the citizens; the auditors'
 * tracing (by keyed hash) names them.
 */
export function refusePersonalIds(value: unknown, root = ''): void {
  const found = paths(value, root);
  if (found.length)
    throw new DomainException(
      ErrorCode.VALIDATION_FAILED,
      'A text holds twelve digits in a row, which look like a citizen\'s personal ID: the incident must not carry one in clear',
      found.map((field) => ({ field, message: 'must not contain a personal ID (12 digits); count the citizens, or refer to the tracing case instead' })),
    );
}
