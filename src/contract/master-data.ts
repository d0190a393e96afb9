// Master data: specialties, hospitals, specialists, puskesmas, adoptions, leave, holidays,
// requirements and programme settings.
import { z } from 'zod';
import type { EffectiveHoliday } from '../domain/holidays';
import type { Settings } from '../domain/settings';
import { ruleWeightsSchema, settingsSchema } from '../domain/settings';
import type {
  Adoption,
  AuditEntry,
  Holiday,
  Hospital,
  Puskesmas,
  Requirement,
  Specialist,
  Specialty,
  Unavailability,
} from '../domain/types';
import { command, query } from './define';
import {
  calendarDate,
  changesOf,
  email,
  freeText,
  hexColor,
  id,
  latitude,
  longitude,
  openingHours,
  phone,
  readVersion,
  visitStarts,
  requiredText,
  text,
  weekdays,
} from './fields';
import { msg } from './i18n';

const listInput = z.object({ includeInactive: z.boolean().default(false) }).default({ includeInactive: false });
const byId = z.object({ id });
const byIdRead = z.object({ id, version: readVersion });

export const specialtyFields = z.object({
  code: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, msg('huruf kecil, angka dan _ saja, diawali huruf', 'lowercase letters, digits and _ only, starting with a letter')),
  name: requiredText(120),
  title: text(40).default(''),
  color: hexColor.default('#607d8b'),
  aliases: z.array(requiredText(120)).max(40).default([]),
  /** Visit length in minutes for this specialty; null = the programme's. */
  visitMinutes: z.number().int().min(1).max(1440).nullable().default(null),
  active: z.boolean().default(true),
});

export const hospitalFields = z.object({
  name: requiredText(200),
  kind: text(120).default(''),
  town: text(200).default(''),
  address: text(400).default(''),
  lat: latitude.default(null),
  lon: longitude.default(null),
  active: z.boolean().default(true),
});

export const specialistFields = z.object({
  name: requiredText(200),
  specialtyId: id,
  hospitalId: id.nullable().default(null),
  phone: phone.default(''),
  email: email.default(''),
  maxVisitsPerMonth: z.number().int().min(0).max(62).default(4),
  usualWeekdays: weekdays.default([1, 2, 3, 4, 5]),
  preferredWeekdays: weekdays.default([]),
  notes: freeText(2000).default(''),
  active: z.boolean().default(true),
});

export const puskesmasFields = z.object({
  code: text(40).nullable().transform((code) => (code ? code : null)).default(null),
  name: requiredText(200),
  kecamatan: text(120).default(''),
  address: text(400).default(''),
  lat: latitude.default(null),
  lon: longitude.default(null),
  /** Left out: the district's usual days and hours (settings.defaultOpeningHours). */
  openingHours: openingHours.optional(),
  /** When visits start on a weekday, where it is not the default (programme start, or opening time); left out: none, or unchanged. */
  visitStarts: visitStarts.optional(),
  poned: z.boolean().default(false),
  inpatient: z.boolean().default(false),
  notes: freeText(2000).default(''),
  active: z.boolean().default(true),
});

export const adoptionFields = z.object({
  specialistId: id,
  puskesmasId: id,
  role: z.enum(['primary', 'backup']).default('primary'),
});

export const unavailabilityFields = z
  .object({
    specialistId: id,
    startDate: calendarDate,
    endDate: calendarDate,
    kind: z.enum(['leave', 'duty', 'training', 'other']).default('leave'),
    reason: freeText(400).default(''),
  })
  .refine((u) => u.endDate >= u.startDate, {
    ...msg('tanggal selesai tidak boleh sebelum tanggal mulai', 'end date cannot be before start date'),
    path: ['endDate'],
  });

export const holidayFields = z.object({
  date: calendarDate,
  name: requiredText(200),
  kind: z.enum(['libur', 'cuti_bersama']).default('libur'),
});

function updateOf<Shape extends z.ZodRawShape>(fields: z.ZodObject<Shape>) {
  return z.object({ id, version: readVersion, changes: changesOf(fields) });
}

export const masterDataContract = {
  'settings:get': query<Settings & { version: number }>()(z.object({}).default({})),
  'settings:update': command<Settings & { version: number }>()(
    // Strict: a misspelt key is refused rather than silently dropped.
    z.object({ version: readVersion, changes: changesOf(settingsSchema).extend({ weights: changesOf(ruleWeightsSchema).strict().optional() }).strict() }),
  ),

  'specialties:list': query<Specialty[]>()(listInput),
  'specialties:create': command<Specialty>()(specialtyFields),
  'specialties:update': command<Specialty>()(updateOf(specialtyFields)),

  'hospitals:list': query<Hospital[]>()(listInput),
  'hospitals:create': command<Hospital>()(hospitalFields),
  'hospitals:update': command<Hospital>()(updateOf(hospitalFields)),

  'specialists:list': query<Specialist[]>()(listInput),
  'specialists:get': query<Specialist>()(byId),
  'specialists:create': command<Specialist>()(specialistFields),
  'specialists:update': command<Specialist>()(updateOf(specialistFields)),

  'puskesmas:list': query<Puskesmas[]>()(listInput),
  'puskesmas:get': query<Puskesmas>()(byId),
  'puskesmas:create': command<Puskesmas>()(puskesmasFields),
  'puskesmas:update': command<Puskesmas>()(updateOf(puskesmasFields)),

  'adoptions:list': query<Adoption[]>()(
    z.object({ specialistId: id.optional(), puskesmasId: id.optional() }).default({}),
  ),
  /** Creates the adoption, or changes its role when the pair already exists. */
  'adoptions:set': command<Adoption>()(adoptionFields),
  'adoptions:delete': command<{ deleted: boolean }>()(byIdRead),

  'unavailability:list': query<Unavailability[]>()(
    z.object({ specialistId: id.optional(), from: calendarDate.optional(), to: calendarDate.optional() }).default({}),
  ),
  'unavailability:create': command<Unavailability>()(unavailabilityFields),
  'unavailability:update': command<Unavailability>()(
    z.object({
      id,
      version: readVersion,
      changes: z.object({
        startDate: calendarDate.optional(),
        endDate: calendarDate.optional(),
        kind: z.enum(['leave', 'duty', 'training', 'other']).optional(),
        reason: freeText(400).optional(),
      }),
    }),
  ),
  'unavailability:delete': command<{ deleted: boolean }>()(byIdRead),

  'holidays:list': query<Holiday[]>()(
    z.object({ from: calendarDate.optional(), to: calendarDate.optional() }).default({}),
  ),
  /** Holidays in force from..to: the stored ones plus the fixed-date national holidays of every
   * year, and the years whose decree (SKB) is not stored yet, with the warning to show. */
  'holidays:effective': query<{ holidays: EffectiveHoliday[]; yearsWithoutDecree: number[]; warnings: { message: string; messageEn: string }[] }>()(
    z.object({ from: calendarDate, to: calendarDate }).refine((r) => r.to >= r.from && Number(r.to.slice(0, 4)) - Number(r.from.slice(0, 4)) <= 10, {
      ...msg('rentang tanggal terbalik atau lebih dari 10 tahun', 'the date range is reversed or longer than 10 years'),
      path: ['to'],
    }),
  ),
  'holidays:create': command<Holiday>()(holidayFields),
  'holidays:update': command<Holiday>()(updateOf(holidayFields)),
  'holidays:delete': command<{ deleted: boolean }>()(byIdRead),

  'requirements:list': query<Requirement[]>()(z.object({}).default({})),
  /** Sets the programme default (puskesmasId null) or one puskesmas's own requirement. */
  'requirements:set': command<Requirement>()(
    z.object({ specialtyId: id, puskesmasId: id.nullable().default(null), visitsPerMonth: z.number().int().min(0).max(31) }),
  ),

  'audit:list': query<AuditEntry[]>()(
    z
      .object({ entity: text(40).optional(), entityId: text(40).optional(), limit: z.number().int().min(1).max(1000).default(100) })
      .default({ limit: 100 }),
  ),
};
