import type { ParsedSettings } from '../scan/detector.type';

/**
 * A section of numbers, each required and >= 0 (nested sections by dotted key: "severity.high"). Unknown keys are
 * problems too: a misspelt threshold must not be silently ignored.
 */
export function numberSection<S>(raw: unknown, section: string, keys: readonly string[]): ParsedSettings<S> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { problems: [`${section}: must be an object`] };
  const problems: string[] = [];
  const out: Record<string, unknown> = {};
  const known = new Set<string>();
  for (const key of keys) {
    const path = key.split('.');
    known.add(path[0]);
    let value: unknown = raw;
    for (const p of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[p] : undefined;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      problems.push(`${section}.${key}: must be a number >= 0`);
      continue;
    }
    let target = out;
    for (const p of path.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
    target[path[path.length - 1]] = value;
  }
  for (const key of Object.keys(raw)) if (!known.has(key) && !key.startsWith('$')) problems.push(`${section}.${key}: not a setting`);
  return problems.length ? { problems } : { settings: out as S };
}

/** A checked section with further checks of its values (ranges, relations between keys): [wrong, message] pairs. */
export function withChecks<S>(parsed: ParsedSettings<S>, checks: (settings: S) => [wrong: boolean, message: string][]): ParsedSettings<S> {
  if (parsed.problems) return parsed;
  const problems = checks(parsed.settings).filter(([wrong]) => wrong).map(([, message]) => message);
  return problems.length ? { problems } : parsed;
}
