// Dates and times as people type them, read into YYYY-MM-DD and HH:mm. Plain functions (no zod),
// so the screens use the very same reading as the API and the CLI (src/contract/fields.ts).
import { isCalendarDate } from './dates';

/**
 * A time as people type it: 9, 9.00, 09:00, 7.30, 0730, 13.5 is not (minutes need two digits).
 * Returns "HH:mm" or null.
 */
export function parseTime(value: string): string | null {
  const match = /^(\d{1,2})(?:[.:](\d{2}))?$/.exec(value.trim()) ?? /^(\d{2})(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  if (hours > 23 || minutes > 59) return null;
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

const MONTH_WORDS: Record<string, number> = {
  januari: 1, january: 1, jan: 1,
  februari: 2, february: 2, feb: 2, pebruari: 2,
  maret: 3, march: 3, mar: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, june: 6, jun: 6,
  juli: 7, july: 7, jul: 7,
  agustus: 8, august: 8, agu: 8, agt: 8, ags: 8, aug: 8,
  september: 9, sept: 9, sep: 9,
  oktober: 10, october: 10, okt: 10, oct: 10,
  november: 11, nopember: 11, nov: 11,
  desember: 12, december: 12, des: 12, dec: 12,
};

/**
 * A date as an Indonesian office writes it: 2/3/2026 and 02-03-2026 (day first), "2 Maret 2026",
 * "Senin, 2 Maret 2026", or 2026-03-02. Returns "YYYY-MM-DD" or null.
 */
export function parseDate(value: string): string | null {
  const text = value.trim().toLocaleLowerCase('id').replace(/^[a-z]+,\s*/, '');
  let parts: [number, number, number] | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  const numeric = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const words = /^(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/.exec(text);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (numeric) parts = [Number(numeric[3]), Number(numeric[2]), Number(numeric[1])];
  else if (words && MONTH_WORDS[words[2] as string]) parts = [Number(words[3]), MONTH_WORDS[words[2] as string] as number, Number(words[1])];
  if (!parts) return null;
  const date = `${parts[0]}-${String(parts[1]).padStart(2, '0')}-${String(parts[2]).padStart(2, '0')}`;
  return isCalendarDate(date) ? date : null;
}

