/** Runs of 9 or more digits: a personal ID, even with a digit missing or added by mistake. */
const LONG_DIGIT_RUN = /\d{9,}/g;

/**
 * Masks every long digit run so no personal ID survives in stored raw payloads, messages or DLQ records.
 * The length stays visible ("************"), which is what an operator needs to see a malformed ID.
 */
export function maskPersonalIds(text: string): string {
  return text.replace(LONG_DIGIT_RUN, (run) => '*'.repeat(run.length));
}

/** The same masking, applied to every string inside a JSON value (for extra properties kept with an event). */
export function maskPersonalIdsDeep<T>(value: T): T {
  if (typeof value === 'string') return maskPersonalIds(value) as T;
  if (Array.isArray(value)) return value.map(maskPersonalIdsDeep) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskPersonalIds(k), maskPersonalIdsDeep(v)])) as T;
  }
  return value;
}
