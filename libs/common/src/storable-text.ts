/** A UTF-16 surrogate without its pair: no UTF-8 encoding exists for it, so PostgreSQL cannot store it. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Text PostgreSQL refuses in `text` and `jsonb`: a NUL character (\u0000) or an unpaired surrogate. */
export function isUnstorableText(text: string): boolean {
  return text.includes('\0') || UNPAIRED_SURROGATE.test(text);
}

export const UNSTORABLE_TEXT_MESSAGE = 'must not hold a NUL character (\\u0000) or an unpaired UTF-16 surrogate (text the database cannot store)';

/**
 * Where in a JSON value the first unstorable text is, as a dotted path ("criteria.reason", "fields.2"; a key that is
 * itself unstorable is named by its parent); null when there is none. `at` names the value itself.
 */
export function findUnstorableText(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return isUnstorableText(value) ? at : null;
  if (value === null || typeof value !== 'object') return null;
  for (const [key, child] of Object.entries(value)) {
    const path = at ? `${at}.${key}` : key;
    if (isUnstorableText(key)) return at;
    const found = findUnstorableText(child, path);
    if (found !== null) return found;
  }
  return null;
}
