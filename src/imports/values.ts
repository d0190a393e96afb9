// Reading one cell as the value a field needs, the way coordinators type it in Excel:
// "1,5" for 1.5, "ya"/"tidak", "Senin-Jumat", "02/03/2026" or "2 Maret 2026".
import { isCalendarDate } from '../domain/dates';

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string; messageEn: string };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (message: string, messageEn: string): Parsed<never> => ({ ok: false, message, messageEn });

/** Folds case, spaces and punctuation: "Maks. kunjungan/bulan" -> "makskunjunganbulan". */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function parseText(raw: string): Parsed<string> {
  // Our own CSV export writes "'=..." to keep Excel from running it; read it back as written.
  const value = /^'[=+\-@]/.test(raw) ? raw.slice(1) : raw;
  return ok(value);
}

/** Names and codes must not look like spreadsheet formulas. */
export function parseName(raw: string): Parsed<string> {
  const text = parseText(raw);
  if (text.ok && /^[=@]/.test(text.value)) return fail('tampak seperti rumus spreadsheet; tulis teksnya saja', 'looks like a spreadsheet formula; write the text itself');
  return text;
}

export function parseNumber(raw: string): Parsed<number | null> {
  if (raw === '') return ok(null);
  const cleaned = raw.replace(/^'(?=[+-])/, '').replace(/\s/g, '');
  // One comma and no dot: an Indonesian decimal comma.
  const normalised = /^-?\d+,\d+$/.test(cleaned) ? cleaned.replace(',', '.') : cleaned;
  const value = Number(normalised);
  return Number.isFinite(value) && normalised !== '' ? ok(value) : fail(`"${raw.slice(0, 40)}" bukan angka`, `"${raw.slice(0, 40)}" is not a number`);
}

const YES = new Set(['ya', 'y', 'yes', 'true', '1', 'benar', 'ada', 'v', 'x']);
const NO = new Set(['tidak', 'tdk', 't', 'no', 'n', 'false', '0', 'salah', 'tidakada', '-']);

export function parseBoolean(raw: string): Parsed<boolean | null> {
  if (raw === '') return ok(null);
  const key = normalise(raw) || raw.trim();
  if (YES.has(key)) return ok(true);
  if (NO.has(key)) return ok(false);
  return fail(`"${raw.slice(0, 40)}": tulis ya atau tidak`, `"${raw.slice(0, 40)}": write yes or no`);
}

const WEEKDAYS: Record<string, number> = {
  senin: 1, sen: 1, monday: 1, mon: 1,
  selasa: 2, sel: 2, tuesday: 2, tue: 2,
  rabu: 3, rab: 3, wednesday: 3, wed: 3,
  kamis: 4, kam: 4, thursday: 4, thu: 4,
  jumat: 5, jum: 5, friday: 5, fri: 5,
  sabtu: 6, sab: 6, saturday: 6, sat: 6,
  minggu: 7, min: 7, ahad: 7, sunday: 7, sun: 7,
};

function weekdayOf(token: string): number | undefined {
  const key = normalise(token);
  if (/^[1-7]$/.test(key)) return Number(key);
  return WEEKDAYS[key];
}

/** "1,2,3", "Senin, Rabu", "Senin-Jumat", "1-5". */
export function parseWeekdays(raw: string): Parsed<number[] | null> {
  if (raw.trim() === '') return ok(null);
  const days = new Set<number>();
  const tokens = raw
    .replace(/\s*[-–]\s*/g, '-')
    .split(/[,;/\s]+/)
    .filter((token) => token && normalise(token) !== 'dan' && normalise(token) !== 'and');
  for (const part of tokens) {
    const range = /^(.+?)-(.+)$/.exec(part);
    if (range) {
      const from = weekdayOf(range[1]!);
      const to = weekdayOf(range[2]!);
      if (!from || !to || to < from) return fail(`"${part}" bukan rentang hari`, `"${part}" is not a range of weekdays`);
      for (let d = from; d <= to; d++) days.add(d);
      continue;
    }
    const day = weekdayOf(part);
    if (!day) return fail(`"${part}" bukan nama hari (Senin ... Minggu) atau angka 1-7`, `"${part}" is not a weekday (Monday ... Sunday) or a number 1-7`);
    days.add(day);
  }
  return ok([...days].sort());
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, january: 1,
  februari: 2, feb: 2, pebruari: 2, february: 2,
  maret: 3, mar: 3, march: 3,
  april: 4, apr: 4,
  mei: 5, may: 5,
  juni: 6, jun: 6, june: 6,
  juli: 7, jul: 7, july: 7,
  agustus: 8, agu: 8, agt: 8, aug: 8, august: 8,
  september: 9, sep: 9, sept: 9,
  oktober: 10, okt: 10, oct: 10, october: 10,
  november: 11, nov: 11, nop: 11, nopember: 11,
  desember: 12, des: 12, dec: 12, december: 12,
};

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** "2026-03-02", "02/03/2026", "2-3-2026", "2 Maret 2026", "Senin, 2 Maret 2026", an Excel serial. */
export function parseDate(raw: string): Parsed<string | null> {
  const text = raw.trim();
  if (text === '') return ok(null);
  let candidate: string | null = null;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]00:00(?::00)?)?$/.exec(text))) candidate = isoDate(+match[1]!, +match[2]!, +match[3]!);
  else if ((match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text))) candidate = isoDate(+match[3]!, +match[2]!, +match[1]!);
  else if ((match = /^(?:[a-z]+,\s*)?(\d{1,2})\s+([a-z]+)\.?\s+(\d{4})$/i.exec(text))) {
    const month = MONTHS[normalise(match[2]!)];
    if (month) candidate = isoDate(+match[3]!, month, +match[1]!);
  } else if (/^\d{5}$/.test(text) && +text > 20000 && +text < 80000) {
    // Excel's serial day number (days since 1899-12-30), when a date cell lost its format.
    candidate = new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000).toISOString().slice(0, 10);
  }
  if (candidate && isCalendarDate(candidate)) return ok(candidate);
  return fail(`"${text.slice(0, 40)}" bukan tanggal yang benar (contoh: 2026-03-02 atau 02/03/2026)`, `"${text.slice(0, 40)}" is not a valid date (e.g. 2026-03-02 or 02/03/2026)`);
}

/** Maps a word onto one of a few codes: "utama" -> "primary". */
export function parseChoice<T extends string>(raw: string, choices: Record<string, T>, describeId: string, describeEn: string): Parsed<T | null> {
  if (raw.trim() === '') return ok(null);
  const value = choices[normalise(raw)];
  return value ? ok(value) : fail(`"${raw.slice(0, 40)}" tidak dikenal; pilih ${describeId}`, `"${raw.slice(0, 40)}" is not known; choose ${describeEn}`);
}

const TIME_RANGE = /^(\d{1,2})[.:](\d{2})\s*[-–]\s*(\d{1,2})[.:](\d{2})$/;

/** "Senin-Kamis 07.30-14.00, Jumat 07.30-11.00" (or the JSON the API takes) as opening hours per ISO weekday. */
export function parseOpeningHours(raw: string): Parsed<Partial<Record<string, { open: string; close: string }>>> {
  const text = raw.trim();
  if (text.startsWith('{')) {
    try {
      return ok(JSON.parse(text));
    } catch {
      return fail('JSON jam buka tidak terbaca', 'the opening-hours JSON cannot be read');
    }
  }
  const hours: Record<string, { open: string; close: string }> = {};
  for (const part of text.split(/[,;]\s*/).filter(Boolean)) {
    const match = /^(.*?)\s+(\d{1,2}[.:]\d{2}\s*[-–]\s*\d{1,2}[.:]\d{2})$/.exec(part.trim());
    const times = match ? TIME_RANGE.exec(match[2]!) : null;
    const days = match ? parseWeekdays(match[1]!) : null;
    if (!match || !times || !days?.ok || !days.value?.length) {
      return fail(`"${part.slice(0, 40)}" harus berbentuk "Senin-Kamis 07.30-14.00"`, `"${part.slice(0, 40)}" must look like "Senin-Kamis 07.30-14.00"`);
    }
    const at = (h: string, m: string) => `${h.padStart(2, '0')}:${m}`;
    for (const day of days.value) hours[String(day)] = { open: at(times[1]!, times[2]!), close: at(times[3]!, times[4]!) };
  }
  return ok(hours);
}
