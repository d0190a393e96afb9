// Reading one cell as the value a field needs, the way coordinators type it in Excel:
// "1,5" for 1.5, "ya"/"tidak", "Senin-Jumat", "02/03/2026" or "2 Maret 2026".
import { isCalendarDate } from '../domain/dates';

/** A cell read: its value (with a warning when it was repaired on the way) or why it cannot be. */
export type Parsed<T> = { ok: true; value: T; warning?: { message: string; messageEn: string } } | { ok: false; message: string; messageEn: string };

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

/**
 * An Indonesian phone number as typed, checked for its length: 08xx plus 7-10 digits (10-13 in
 * all) for a mobile, 0 with an area code for a landline (9-12), or +62 / 62 instead of the 0.
 * Excel turns 0812... typed as a number into 812...: the 0 is put back, with a warning.
 */
export function parsePhone(raw: string): Parsed<string | null> {
  const text = raw.trim().replace(/^'/, '');
  if (text === '') return ok(null);
  if (!/^[0-9+()\-. ]+$/.test(text)) return fail(`"${text.slice(0, 40)}" bukan nomor telepon (hanya angka, spasi dan + ( ) - .)`, `"${text.slice(0, 40)}" is not a phone number (digits, spaces and + ( ) - . only)`);
  let digits = text.replace(/[^0-9]/g, '');
  let restored = false;
  if (text.startsWith('+62') || (digits.startsWith('62') && digits.length >= 11 && !text.startsWith('0'))) digits = `0${digits.slice(2)}`;
  else if (text.startsWith('+')) return fail(`"${text.slice(0, 40)}" bukan nomor Indonesia (+62)`, `"${text.slice(0, 40)}" is not an Indonesian number (+62)`);
  else if (/^8\d{8,11}$/.test(digits)) {
    digits = `0${digits}`;
    restored = true;
  }
  const mobile = digits.startsWith('08');
  const [min, max] = mobile ? [10, 13] : [9, 12];
  if (!digits.startsWith('0') || digits.length < min || digits.length > max) {
    return fail(
      `"${text.slice(0, 40)}" punya ${digits.length} angka; nomor ${mobile ? 'HP (08xx)' : 'telepon'} Indonesia ${min}-${max} angka`,
      `"${text.slice(0, 40)}" has ${digits.length} digits; an Indonesian ${mobile ? 'mobile (08xx)' : 'phone'} number has ${min}-${max}`,
    );
  }
  if (!restored) return ok(text);
  return {
    ok: true,
    value: digits,
    warning: { message: `nomor ${text} ditulis ${digits} (angka 0 di depan hilang, biasanya karena Excel)`, messageEn: `number ${text} written as ${digits} (its leading 0 was lost, usually by Excel)` },
  };
}

/** A row that is a note, not a record: "(17th puskesmas - name not found)", "tidak ada", "-". */
export function isPlaceholder(text: string): boolean {
  const value = text.trim();
  if (value === '') return false;
  if (/^\(.*\)$/s.test(value) || /^[-–—?.*/ ]+$/.test(value)) return true;
  return /\b(not found|unknown|n\/a|tidak ada|tidak ditemukan|belum ada|belum diketahui|tidak diketahui|nama tidak)\b/i.test(value);
}

export interface DayOfYear {
  day: number;
  month: number;
  /** null when the cell leaves the year to a column or the title ("20-21 Maret"). */
  year: number | null;
}

const WEEKDAY_WORDS = /^(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad)(?:\s*[-–,&]\s*|\s+(?:dan|s\.?d\.?|sampai)\s+)?)+[,\s]*/i;

/**
 * The dates of a holiday as the decree writes them: "1 Januari", "20-21 Maret 2026",
 * "31 Maret - 1 April", "18, 20 dan 23 Maret", "Jumat, 3 April 2026", or any date parseDate reads.
 */
export function parseHolidayDates(raw: string): Parsed<DayOfYear[] | null> {
  const text = raw.trim().replace(/\s+/g, ' ');
  if (text === '') return ok(null);
  const plain = parseDate(text);
  if (plain.ok && plain.value) {
    const [y, m, d] = plain.value.split('-').map(Number) as [number, number, number];
    return ok([{ year: y, month: m, day: d }]);
  }
  // "31/02/2027" is a date written in numbers that does not exist: say so, as parseDate does.
  if (!plain.ok && /^[\d\s/.-]+$/.test(text)) return plain;
  const body = text.replace(WEEKDAY_WORDS, '').replace(/\s*(?:s\.?d\.?|sampai dengan|sampai|hingga)\s*/gi, '-');
  const month = (word: string) => MONTHS[normalise(word)];
  const bad = fail(
    `"${text.slice(0, 40)}" bukan tanggal yang terbaca (contoh: 1 Januari, 20-21 Maret 2026, 31 Maret - 1 April)`,
    `"${text.slice(0, 40)}" is not a readable date (e.g. 1 Januari, 20-21 Maret 2026, 31 Maret - 1 April)`,
  );
  const range = (from: DayOfYear, to: DayOfYear): DayOfYear[] | null => {
    const days: DayOfYear[] = [];
    const year = from.year ?? 2000;
    let t = Date.UTC(year, from.month - 1, from.day);
    const end = Date.UTC(to.year ?? year, to.month - 1, to.day);
    if (end < t || end - t > 40 * 86_400_000) return null;
    for (; t <= end; t += 86_400_000) {
      const d = new Date(t);
      days.push({ day: d.getUTCDate(), month: d.getUTCMonth() + 1, year: from.year === null ? null : d.getUTCFullYear() });
    }
    return days;
  };
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,2}) ?[-–] ?(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$/i.exec(body))) {
    const m = month(match[3]!);
    const year = match[4] ? Number(match[4]) : null;
    const days = m ? range({ day: +match[1]!, month: m, year }, { day: +match[2]!, month: m, year }) : null;
    return days ? ok(days) : bad;
  }
  if ((match = /^(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))? ?[-–] ?(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$/i.exec(body))) {
    const m1 = month(match[2]!);
    const m2 = month(match[5]!);
    const year2 = match[6] ? Number(match[6]) : null;
    const year1 = match[3] ? Number(match[3]) : year2 !== null && m1 && m2 && m1 > m2 ? year2 - 1 : year2;
    const days = m1 && m2 ? range({ day: +match[1]!, month: m1, year: year1 }, { day: +match[4]!, month: m2, year: year2 ?? year1 }) : null;
    return days ? ok(days) : bad;
  }
  if ((match = /^(\d{1,2}(?: ?(?:,|dan|&) ?\d{1,2})*) ([a-z]+)\.?(?: (\d{4}))?$/i.exec(body))) {
    const m = month(match[2]!);
    if (!m) return bad;
    const year = match[3] ? Number(match[3]) : null;
    return ok(match[1]!.split(/ ?(?:,|dan|&) ?/).map((d) => ({ day: Number(d), month: m, year })));
  }
  return bad;
}

/** A four-digit year in a title such as "HARI LIBUR NASIONAL DAN CUTI BERSAMA TAHUN 2028". */
export function yearInText(text: string): number | null {
  const match = /\b(20\d{2})\b/.exec(text);
  return match ? Number(match[1]) : null;
}
