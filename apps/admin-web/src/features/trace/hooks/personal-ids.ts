import { useCallback, useState } from 'react';

/**
 * The citizens' personal IDs of the current search, held in this tab's memory only: never in the address, in
 * localStorage or in sessionStorage (storage outlives the page and can be read by anything that runs in it).
 * A module variable survives going to sign in and back (the same page of the same app), so a return after an
 * expired session repeats the whole search; a reload, a closed tab or another user signing in forgets them.
 */
let held: { userId: string; ids: string[] } | null = null;

export function usePersonalIds(userId: string): [string[], (ids: string[]) => void] {
  const [ids, setIds] = useState<string[]>(() => (held?.userId === userId ? held.ids : []));
  const set = useCallback(
    (next: string[]) => {
      held = next.length ? { userId, ids: next } : null;
      setIds(next);
    },
    [userId],
  );
  return [ids, set];
}

/** A personal ID (số định danh cá nhân): 12 digits. */
export const PERSONAL_ID = /^[0-9]{12}$/;

/** The IDs typed in one field: separated by commas, spaces or new lines. */
export const splitIds = (text: string): string[] => text.split(/[\s,;]+/).map((v) => v.trim()).filter(Boolean);
