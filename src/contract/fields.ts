// Field schemas shared by every part of the contract, with messages in both languages.
import { z } from 'zod';
import { isCalendarDate, isMonth, TIME_RE } from '../domain/dates';
import { msg } from './i18n';

// Control characters never belong in names or notes; they break PDFs, ICS lines and CSV cells.
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export const id = z.number(msg('harus berupa angka ID', 'must be a numeric ID')).int().positive().max(2 ** 31);

export function text(max: number) {
  return z
    .string()
    .max(max, msg(`terlalu panjang (maksimal ${max} karakter)`, `too long (at most ${max} characters)`))
    .refine((value) => !CONTROL_CHARS.test(value), msg('berisi karakter kontrol yang tidak diizinkan', 'contains control characters'))
    .transform((value) => value.trim());
}

/** A name or label: one line, since it becomes a calendar title, a spreadsheet cell, a PDF heading. */
export function requiredText(max: number) {
  return text(max)
    .refine((value) => value.length > 0, msg('wajib diisi', 'is required'))
    .refine((value) => !/[\r\n]/.test(value), msg('harus satu baris (tanpa ganti baris)', 'must be a single line (no line breaks)'));
}

export const calendarDate = z
  .string()
  .refine(isCalendarDate, msg('harus tanggal yang benar dengan format YYYY-MM-DD', 'must be a real date written YYYY-MM-DD'));

export const month = z.string().refine(isMonth, msg('harus bulan dengan format YYYY-MM', 'must be a month written YYYY-MM'));

export const localTime = z.string().regex(TIME_RE, msg('harus jam dengan format HH:mm (00:00-23:59)', 'must be a time written HH:mm (00:00-23:59)'));

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
