/**
 * What a person would read as a personal ID, wherever it is typed: a run of 9 or more digits (an ID with a digit
 * missing or added), or groups of 3 or more digits that add up to 9 or more, joined by a space ("0012 3456 7890",
 * also after a code: "H40-0012 3456 7890"), by a hyphen or an underscore where they do not continue a code
 * ("001-234-567-892", but not "H40-261120-0001", a dossier number), or by a dot, comma or slash where they begin
 * with 0, as an ID does (its province code, 001-096), and are not part of a longer dotted code ("001.234.567.890",
 * "001234/567890"; not the amount "250.000.000", the address "192.168.100.200" nor the procedure code
 * "1.004227.000.00.00.H12"). Dates (groups of 2) and times stay readable. Any Unicode decimal digit counts
 * (full-width ０-９ too).
 */
const LONG_RUN = /\p{Nd}{9,}/gu;
const DIGIT_GROUPS = /(?<![\p{L}\p{Nd}][_-]|[\p{L}\p{Nd}])\p{Nd}{3,}(?:[ \u00a0_-]\p{Nd}{3,})+/gu;
const SPACED_GROUPS = /(?<!\p{Nd})\p{Nd}{3,}(?:[ \u00a0]\p{Nd}{3,})+/gu;
const DOTTED_GROUPS = /(?<![\p{L}\p{Nd}]|[\p{L}\p{Nd}][.,/])[0\uff10]\p{Nd}{2,5}(?:[.,/]\p{Nd}{3,6})+(?![\p{L}\p{Nd}]|[.,/][\p{L}\p{Nd}])/gu;
const DIGIT = /\p{Nd}/gu;
const MIN_ID_DIGITS = 9;

/** JSON escapes of digits (\u0030-\u0039, full-width \uff10-\uff19), read as the digits they stand for. */
const ESCAPED_DIGIT = /\\u(?:003([0-9])|[fF][fF]1([0-9]))/g;

/** The value of a subjectId property in JSON-like text, whatever its shape (string or number). */
const SUBJECT_ID_VALUE = /("subjectId"\s*:\s*)("(?:[^"\\]|\\.)*"|-?[0-9][0-9.eE+-]*)/g;

/**
 * Masks every personal ID so that none survives in stored raw payloads, messages, the dead-letter topic, reasons
 * typed by people, or directory extras. Digits become "*", separators and length stay visible: what an operator
 * needs to see a malformed ID, and nothing more. The subjectId property is masked whatever it holds.
 */
export function maskPersonalIds(text: string): string {
  if (!text) return text;
  return text
    .replace(ESCAPED_DIGIT, (_, ascii?: string, wide?: string) => ascii ?? wide!)
    .replace(SUBJECT_ID_VALUE, (_, key: string, value: string) => key + maskAll(value))
    .replace(DIGIT_GROUPS, maskGroups)
    .replace(SPACED_GROUPS, maskGroups)
    .replace(DOTTED_GROUPS, maskGroups)
    .replace(LONG_RUN, (run) => '*'.repeat(run.length));
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

/** A field code as the catalog writes them (fullName, idCardInfo): letters and digits, starting with a letter. */
const FIELD_CODE = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/**
 * Field codes that are not codes ("cccd:001234567893", "0012-3456-7894") have their digits masked before they are
 * stored, flagged or shown: a producer that put a value where a code belongs must not put it in the audit store.
 */
export function maskFieldCodes(fields: string[]): string[] {
  return fields.every((f) => FIELD_CODE.test(f)) ? fields : fields.map((f) => (FIELD_CODE.test(f) ? f : f.replace(DIGIT, '*')));
}

function maskAll(value: string): string {
  if (!value.startsWith('"')) return value.replace(/[0-9]/g, '*');
  return `"${value.slice(1, -1).replace(/\\.|[^\\]/g, (c) => (/^[\s\-_.]$/.test(c) ? c : '*'))}"`;
}

/** Groups of digits that make a personal ID's length, digits masked; shorter ones as they are. */
function maskGroups(run: string): string {
  return countDigits(run) >= MIN_ID_DIGITS ? run.replace(DIGIT, '*') : run;
}

function countDigits(run: string): number {
  let n = 0;
  for (const _ of run.matchAll(DIGIT)) n++;
  return n;
}
