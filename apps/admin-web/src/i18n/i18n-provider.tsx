import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './en';
import { formatNumber, formatShare, Lang } from './format';
import { MessageKey, Messages, vi } from './vi';

const CATALOGUES: Record<Lang, Messages> = { vi, en };
const STORAGE_KEY = 'tthc.console.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** A number in the language's format. */
  n(value: number): string;
  /** A share 0..1 as a percentage. */
  pct(value: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
}

/** Vietnamese unless the user chose English (remembered in this browser). */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(STORAGE_KEY, next);
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(() => {
    const messages = CATALOGUES[lang];
    const t: Translate = (key, vars) =>
      messages[key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars?.[name] ?? `{${name}}`));
    return { lang, setLang, t, n: (v) => formatNumber(v, lang), pct: (v) => formatShare(v, lang) };
  }, [lang, setLang]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

/** Whether a key exists (alert types the catalogue does not know yet fall back to the raw type). */
export function hasMessage(key: string): key is MessageKey {
  return key in vi;
}
