// Field schemas shared by every part of the contract, with messages in both languages.
import { z } from 'zod';
import { isCalendarDate, isMonth, TIME_RE } from '../domain/dates';
import { parseDate, parseTime } from '../domain/typed-input';
import { msg } from './i18n';

// Control characters never belong in names or notes; they break PDFs, ICS lines and CSV cells.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

// Characters that change how text looks without showing themselves: bidi overrides, embeddings
// and isolates (U+202E turns "Sari" into "iraS"), zero-width spaces and joiners, the BOM, soft
// hyphens and tag characters. On a printed roster they make one name look like another.
export const INVISIBLE_CHARS = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u{e0000}-\u{e007f}]/u;
const INVISIBLE_CHARS_ALL = new RegExp(INVISIBLE_CHARS.source, 'gu');

// Half of a UTF-16 surrogate pair on its own: SQLite would silently store U+FFFD instead.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The first invisible character in `value`, as U+XXXX, or null. */
export function invisibleCharIn(value: string): string | null {
  const found = INVISIBLE_CHARS.exec(value)?.[0];
  return found === undefined ? null : `U+${(found.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** `value` without invisible characters (imports strip them, with a warning). */
export function withoutInvisibleChars(value: string): string {
  return value.replace(INVISIBLE_CHARS_ALL, '');
}

export const id = z.number(orRequired(msg('harus berupa angka ID', 'must be a numeric ID'))).int().positive().max(2 ** 31);

/**
 * The version of the record the caller read (migration 0009): the edit is refused with CONFLICT
 * when the record has changed since. The screens always send it; left out (the CLI, scripts), the
 * edit applies to the record as it is now.
 */
export const readVersion = z.number(msg('versi harus berupa angka', 'version must be a number')).int().min(1).max(2 ** 31).optional();

const LONE_SURROGATE_MESSAGE = msg('berisi karakter Unicode yang rusak (surrogate tunggal)', 'contains broken Unicode (a lone surrogate)');

function invisibleMessage(found: string) {
  return msg(
    `berisi karakter tak terlihat atau pembalik arah teks (${found}) yang bisa membuat tulisan tampak lain dari isinya; hapus karakter itu`,
    `contains an invisible or text-direction character (${found}) that can make text look other than it is; remove it`,
  );
}

const NOT_ASCII = /[^\u0000-\u007f]/;

/** What is wrong with a text's characters (lone surrogate, invisible character), or null. */
export function hiddenCharacterProblem(value: string): { error: () => string } | null {
  if (!NOT_ASCII.test(value)) return null; // most text, and every base64 upload: a quick scan
  if (LONE_SURROGATE.test(value)) return LONE_SURROGATE_MESSAGE;
  const found = invisibleCharIn(value);
  return found ? invisibleMessage(found) : null;
}

const MAX_WALK_DEPTH = 64;

/**
 * Every string anywhere in an API input (keys included) whose characters are hidden or broken,
 * with its path: checked before any schema, so fields that are not `text()` (settings, codes,
 * mappings) get the same rule.
 */
export function hiddenCharacterIssues(input: unknown): { path: (string | number)[]; problem: { error: () => string } }[] {
  const issues: { path: (string | number)[]; problem: { error: () => string } }[] = [];
  const walk = (value: unknown, path: (string | number)[]) => {
    if (issues.length >= 20 || path.length > MAX_WALK_DEPTH) return;
    if (typeof value === 'string') {
      const problem = hiddenCharacterProblem(value);
      if (problem) issues.push({ path, problem });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, index]));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        const problem = hiddenCharacterProblem(key);
        if (problem) issues.push({ path: [...path, key], problem });
        walk(item, [...path, key]);
      }
    }
  };
  walk(input, []);
  return issues;
}

export function text(max: number) {
  return z
    .string()
    .max(max, msg(`terlalu panjang (maksimal ${max} karakter)`, `too long (at most ${max} characters)`))
    .refine((value) => !CONTROL_CHARS.test(value), msg('berisi karakter kontrol yang tidak diizinkan', 'contains control characters'))
    .superRefine((value, ctx) => {
      const problem = hiddenCharacterProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem.error() });
    })
    .transform((value) => value.trim());
}

// Medical records in Indonesia write patients as "Ny. Sari", "Tn. Budi", "An. Dewi", "By. Ny. X";
// free text carrying such a form (or a "nama:" label) may name a patient, which nothing printed
// or exported may hold.
const PATIENT_NAME = /(^|[^A-Za-z])(Ny|Tn|Nn|An|By|Sdr|Sdri|Bpk|Bp)\.\s*[A-Z]|\b(nama|name)\s*(pasien|patient)?\s*[:=]/;

export function looksLikePatientName(value: string): boolean {
  return PATIENT_NAME.test(value);
}

export const PATIENT_NAME_REFUSED = msg(
  'tampaknya berisi nama pasien (mis. "Ny. ..."); tulis tanpa nama orang',
  'seems to contain a patient name (e.g. "Ny. ..."); write it without names',
);

/** Free text that is printed or exported (notes, reasons, actions): no patient names. */
export function freeText(max: number) {
  return text(max).refine((value) => !looksLikePatientName(value), PATIENT_NAME_REFUSED);
}

/** A name or label: one line, since it becomes a calendar title, a spreadsheet cell, a PDF heading. */
export function requiredText(max: number) {
  return text(max)
    .refine((value) => value.length > 0, msg('wajib diisi', 'is required'))
    .refine((value) => !/[\r\n]/.test(value), msg('harus satu baris (tanpa ganti baris)', 'must be a single line (no line breaks)'));
}

/** "wajib diisi" for a field left empty (undefined, null or ""), else `message`. */
export function orRequired(message: { error: () => string }): { error: (issue: { input?: unknown }) => string } {
  return { error: (issue) => (isEmpty(issue.input) ? REQUIRED.error() : message.error()) };
}

export const REQUIRED = msg('wajib diisi', 'is required');

export function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export { parseDate, parseTime } from '../domain/typed-input';

const DATE_MESSAGE = msg('tanggal tidak dikenali; tulis mis. 2/3/2026 atau 2 Maret 2026', 'not a date; write e.g. 2/3/2026 or 2 March 2026');
const TIME_MESSAGE = msg('jam tidak dikenali; tulis mis. 9, 09.00 atau 13:30', 'not a time; write e.g. 9, 09.00 or 13:30');

/** A calendar date, given as YYYY-MM-DD or as people write it (see parseDate); always YYYY-MM-DD after. */
export const calendarDate = z.string(orRequired(DATE_MESSAGE)).transform((value, ctx) => {
  const date = isCalendarDate(value) ? value : parseDate(value);
  if (date) return date;
  ctx.addIssue({ code: 'custom', message: isEmpty(value) ? REQUIRED.error() : DATE_MESSAGE.error() });
  return z.NEVER;
});

export const month = z.string(orRequired(msg('harus bulan dengan format YYYY-MM', 'must be a month written YYYY-MM'))).refine(isMonth, msg('harus bulan dengan format YYYY-MM', 'must be a month written YYYY-MM'));

/** A time of day, typed as 9, 9.00, 09:00 or 7.30; always HH:mm after. */
export const localTime = z.string(orRequired(TIME_MESSAGE)).transform((value, ctx) => {
  const time = TIME_RE.test(value) ? value : parseTime(value);
  if (time) return time;
  ctx.addIssue({ code: 'custom', message: isEmpty(value) ? REQUIRED.error() : TIME_MESSAGE.error() });
  return z.NEVER;
});

const WEEKDAY_MESSAGE = msg('hari harus 1 (Senin) sampai 7 (Minggu)', 'weekday must be 1 (Monday) to 7 (Sunday)');

export const weekdays = z
  .array(z.number().int().min(1, WEEKDAY_MESSAGE).max(7, WEEKDAY_MESSAGE))
  .max(7)
  .transform((days) => [...new Set(days)].sort() as (1 | 2 | 3 | 4 | 5 | 6 | 7)[]);

export const latitude = z.number().min(-90).max(90).nullable();
export const longitude = z.number().min(-180).max(180).nullable();

export const email = z.union([z.literal(''), z.string().max(200).email(msg('bukan alamat email yang benar', 'is not a valid email address'))]);

export const phone = z
  .string()
  .max(40)
  .regex(/^[0-9+()\-. ]*$/, msg('hanya angka, spasi dan + ( ) - .', 'digits, spaces and + ( ) - . only'));

export const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, msg('harus warna hex seperti #1e88e5', 'must be a hex colour like #1e88e5'));

const hoursOfDay = z
  .object({ open: localTime, close: localTime })
  .refine((h) => h.close > h.open, msg('jam tutup harus setelah jam buka', 'closing time must be after opening time'));

export const openingHours = z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), hoursOfDay);

/** When visits start per ISO weekday ('HH:mm'); a weekday left out starts at the default. */
export const visitStarts = z.partialRecord(z.enum(['1', '2', '3', '4', '5', '6', '7']), localTime);

/**
 * The fields of a create schema as an update: every field optional and WITHOUT its default.
 * (zod's .partial() keeps defaults, which would silently reset fields the caller left out.)
 */
export function changesOf<Shape extends z.ZodRawShape>(schema: z.ZodObject<Shape>) {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, field] of Object.entries(schema.shape)) {
    const bare = field instanceof z.ZodDefault ? (field.unwrap() as z.ZodType) : (field as z.ZodType);
    shape[key] = bare.optional();
  }
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof Shape]: z.ZodOptional<Shape[K] extends z.ZodDefault<infer Inner> ? Inner : Shape[K]> }>;
}
