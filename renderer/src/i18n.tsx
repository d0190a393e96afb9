// Bahasa Indonesia first, English on request. Texts sit beside their use as t('…', '…'),
// so a screen reads in both languages without a separate catalogue to keep in sync.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../../src/contract/i18n';
import type { ApiErrorPayload } from '../../src/contract/errors';
import { formatDate, formatLongDate, formatMonth, formatTime, formatTimeRange, weekdayName } from '../../src/domain/format-id';
import { zoneAbbreviation } from '../../src/domain/zones';

export type Translate = (id: string, en: string) => string;

interface I18n {
  lang: Language;
  setLang: (lang: Language) => void;
  t: Translate;
  longDate: (date: string) => string;
  date: (date: string) => string;
  month: (month: string) => string;
  /** A time with the district's zone after it. */
  time: (time: string) => string;
  /** A time range with the zone after it. */
  timeRange: (start: string, end: string) => string;
  /** The district's zone: its abbreviation, from settings. */
  zone: string;
  weekday: (isoWeekday: number) => string;
  errorText: (payload: ApiErrorPayload) => string;
}

const LANG_KEY = 'asuhan.lang';
/** What depends on the language alone; the zone-bound parts are added in useI18n. */
type LanguageParts = Omit<I18n, 'time' | 'timeRange' | 'zone'>;
const I18nContext = createContext<LanguageParts | null>(null);
/** The district's IANA zone, provided once the app knows the district (see ref-data.tsx). */
const DistrictZoneContext = createContext<string>('');
export const DistrictZoneProvider = DistrictZoneContext.Provider;

function initialLanguage(): Language {
  return localStorage.getItem(LANG_KEY) === 'en' ? 'en' : 'id';
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Language>(initialLanguage);
  const setLang = useCallback((next: Language) => {
    localStorage.setItem(LANG_KEY, next);
    setLangState(next);
  }, []);
  // <html lang> follows the language from the first render, so screen readers and hyphenation agree.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo<LanguageParts>(
    () => ({
      lang,
      setLang,
      t: (id, en) => (lang === 'id' ? id : en),
      longDate: (date) => formatLongDate(date, lang),
      date: (date) => formatDate(date, lang),
      month: (month) => formatMonth(month, lang),
      weekday: (isoWeekday) => weekdayName(isoWeekday, lang),
      errorText: (payload) => (lang === 'id' ? payload.message : payload.messageEn),
    }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  const timeZone = useContext(DistrictZoneContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return useMemo<I18n>(
    () => ({
      ...value,
      // Before the district is known no time is shown, so none is written without its zone.
      time: (time) => (timeZone ? formatTime(time, timeZone) : time.replace(':', '.')),
      timeRange: (start, end) => (timeZone ? formatTimeRange(start, end, timeZone) : `${start.replace(':', '.')}–${end.replace(':', '.')}`),
      zone: timeZone ? zoneAbbreviation(timeZone) : '',
    }),
    [value, timeZone],
  );
}
