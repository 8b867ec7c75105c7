import { DIRECTORY_FIELDS, DirectoryEntry } from './directory-entry.type';

/** The fields that differ, as before/after objects; null when nothing changed. */
export function directoryDiff(
  old: DirectoryEntry | undefined,
  next: DirectoryEntry,
): { before: Record<string, unknown> | null; after: Record<string, unknown> } | null {
  if (!old) return { before: null, after: { ...next } };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const field of DIRECTORY_FIELDS) {
    if (stableJson(old[field]) === stableJson(next[field])) continue;
    before[field] = old[field];
    after[field] = next[field];
  }
  return Object.keys(after).length ? { before, after } : null;
}

function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
}
