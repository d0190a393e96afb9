// Bahasa Indonesia first, English on request. Texts sit beside their use as t('…', '…'),
// so a screen reads in both languages without a separate catalogue to keep in sync.
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../../src/contract/i18n';
import type { ApiErrorPayload } from '../../src/contract/errors';
import { formatDate, formatLongDate, formatMonth, formatTime, weekdayName } from '../../src/domain/format-id';

export type Translate = (id: string, en: string) => string;

interface I18n {
  lang: Language;
  setLang: (lang: Language) => void;
  t: Translate;
  longDate: (date: string) => string;
  date: (date: string) => string;
  month: (month: string) => string;
  time: (time: string) => string;
  /** "09.00–12.00 WIB" */
  timeRange: (start: string, end: string) => string;
  weekday: (isoWeekday: number) => string;
  errorText: (payload: ApiErrorPayload) => string;
}

const LANG_KEY = 'asuhan.lang';
const I18nContext = createContext<I18n | null>(null);

function initialLanguage(): Language {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'id';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const setLang = useCallback((next: Language) => {
    localStorage.setItem(LANG_KEY, next);
    document.documentElement.lang = next;
    setLangState(next);
  }, []);
  const value = useMemo<I18n>(
    () => ({
      lang,
      setLang,
      t: (id, en) => (lang === 'id' ? id : en),
      longDate: (date) => formatLongDate(date, lang),
      date: (date) => formatDate(date, lang),
      month: (month) => formatMonth(month, lang),
      time: (time) => formatTime(time),
      timeRange: (start, end) => `${start.replace(':', '.')}–${formatTime(end)}`,
      weekday: (isoWeekday) => weekdayName(isoWeekday, lang),
      errorText: (payload) => (lang === 'id' ? payload.message : payload.messageEn),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
