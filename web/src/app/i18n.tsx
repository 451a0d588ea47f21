import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { en } from './locales/en';
import { zh, type Messages } from './locales/zh';

export type Locale = 'zh-CN' | 'en-US';
const LOCALE_KEY = 'shopflow.locale';
const dictionaries: Record<Locale, Messages> = { 'zh-CN': zh, 'en-US': en };

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Messages;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => (localStorage.getItem(LOCALE_KEY) as Locale | null) ?? 'zh-CN');
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: dictionaries[locale],
      setLocale(next) {
        localStorage.setItem(LOCALE_KEY, next);
        setLocaleState(next);
      },
    }),
    [locale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
