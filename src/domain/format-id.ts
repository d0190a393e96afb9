// How dates and times are written for Indonesian readers: "Senin, 2 Maret 2026", "09.00 WITA".
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type { Language } from '../contract/i18n';
import { zoneAbbreviation } from './zones';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let cached = formatters.get(key);
  if (!cached) {
    // The date is pinned to UTC noon and formatted in UTC, so no zone can shift its day.
    cached = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    formatters.set(key, cached);
  }
  return cached;
}

const localeOf = (language: Language) => (language === 'id' ? 'id-ID' : 'en-GB');

const LONG_DATE: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' };
const DATE: Intl.DateTimeFormatOptions = { day: 'numeric', month: 'long', year: 'numeric' };
const WEEKDAY: Intl.DateTimeFormatOptions = { weekday: 'long' };
const MONTH: Intl.DateTimeFormatOptions = { month: 'long', year: 'numeric' };

/** Dates already written, per form and language: the scheduler's sentences name the same few days thousands of times. */
const written = new Map<string, string>();
const WRITTEN_MAX = 20_000;

function write(form: string, options: Intl.DateTimeFormatOptions, date: string, language: Language): string {
  const key = `${form}:${language}:${date}`;
  let text = written.get(key);
  if (text === undefined) {
    text = formatter(localeOf(language), options).format(new Date(`${date}T12:00:00Z`));
    if (written.size >= WRITTEN_MAX) written.clear();
    written.set(key, text);
  }
  return text;
}

/** "Senin, 2 Maret 2026" (or "Monday 2 March 2026"). */
export function formatLongDate(date: string, language: Language = 'id'): string {
  return write('long', LONG_DATE, date, language);
}

/** "2 Maret 2026" */
export function formatDate(date: string, language: Language = 'id'): string {
  return write('date', DATE, date, language);
}

/** "Senin" */
export function formatWeekday(date: string, language: Language = 'id'): string {
  return write('weekday', WEEKDAY, date, language);
}

/** "Maret 2026" */
export function formatMonth(month: string, language: Language = 'id'): string {
  return write('month', MONTH, `${month}-01`, language);
}

/** "09.00 WITA": a time always carries the district's zone. */
export function formatTime(time: string, timeZone: string): string {
  return `${time.replace(':', '.')} ${zoneAbbreviation(timeZone)}`;
}

/** "09.00–12.00 WITA" */
export function formatTimeRange(start: string, end: string, timeZone: string): string {
  return `${start.replace(':', '.')}–${formatTime(end, timeZone)}`;
}

export const WEEKDAY_NAMES_ID = ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'] as const;
export const WEEKDAY_NAMES_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

export function weekdayName(isoWeekday: number, language: Language = 'id'): string {
  return (language === 'id' ? WEEKDAY_NAMES_ID : WEEKDAY_NAMES_EN)[isoWeekday - 1] ?? '';
}

/** "Selasa, 3 Maret 2026 10.12 WITA": an instant (ISO, UTC) as the district's wall clock. */
export function formatInstant(instant: string, timeZone: string, language: Language = 'id'): string {
  const local = new TZDate(new Date(instant).getTime(), timeZone);
  return `${formatLongDate(format(local, 'yyyy-MM-dd'), language)} ${formatTime(format(local, 'HH:mm'), timeZone)}`;
}
