import { useCallback, useState } from 'react';

/**
 * A text being written, kept in this tab's sessionStorage as it is typed: a session that expires mid-sentence
 * sends the user to sign in, and the sentence is still there when they come back.
 */
export function useDraft(key: string): [string, (value: string) => void, () => void] {
  const storageKey = `tthc.console.draft.${key}`;
  const [value, setValue] = useState(() => sessionStorage.getItem(storageKey) ?? '');
  const set = useCallback(
    (next: string) => {
      setValue(next);
      if (next) sessionStorage.setItem(storageKey, next);
      else sessionStorage.removeItem(storageKey);
    },
    [storageKey],
  );
  const clear = useCallback(() => set(''), [set]);
  return [value, set, clear];
}
