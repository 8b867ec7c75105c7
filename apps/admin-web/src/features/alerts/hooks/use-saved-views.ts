import { useCallback, useState } from 'react';

/** A named queue: the address's query string (filters and sort), kept in this browser. */
export interface SavedView {
  name: string;
  query: string;
}

const KEY = 'tthc.console.alert-views';

function read(): SavedView[] {
  try {
    const views = JSON.parse(localStorage.getItem(KEY) ?? '[]') as SavedView[];
    return Array.isArray(views) ? views.filter((v) => typeof v.name === 'string' && typeof v.query === 'string') : [];
  } catch {
    return [];
  }
}

export function useSavedViews(): { views: SavedView[]; save(view: SavedView): void; remove(name: string): void } {
  const [views, setViews] = useState(read);
  const write = useCallback((next: SavedView[]) => {
    localStorage.setItem(KEY, JSON.stringify(next));
    setViews(next);
  }, []);
  return {
    views,
    save: (view) => write([...views.filter((v) => v.name !== view.name), view]),
    remove: (name) => write(views.filter((v) => v.name !== name)),
  };
}
