import { useEffect, useRef } from 'react';

/** Keys (as KeyboardEvent.key) and what they do; ignored while typing in a field or with a modifier held. */
export type Shortcuts = Record<string, () => void>;

/** Enter on a link or a button is theirs (a row's link opens its alert by itself). */
function ownsEnter(target: EventTarget | null): boolean {
  return !!(target as HTMLElement | null)?.closest?.('a, button, [role="button"], [role="option"], [role="link"]');
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable || el.getAttribute('role') === 'combobox';
}

export function useShortcuts(shortcuts: Shortcuts, enabled = true): void {
  const current = useRef(shortcuts);
  current.current = shortcuts;
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === 'Enter' && ownsEnter(e.target)) return;
      // Keys pressed inside a dialog belong to the dialog.
      if ((e.target as HTMLElement | null)?.closest?.('[role="dialog"]')) return;
      const run = current.current[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
