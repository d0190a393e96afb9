// Programme settings: one validated object, stored as JSON under the key `programme`.
// Every field has a default so older databases read cleanly after an upgrade. No district is a
// default: the district's name, office, letterhead and signatory start empty and are filled in
// on the setup screen (or `asuhan settings set`); the demo seed sets its own.
import { z } from 'zod';
import { localTime, openingHours } from '../contract/fields';
import { AsuhanError } from '../contract/errors';
import { fieldLabel, msg } from '../contract/i18n';
import { PROVINCES, TIME_ZONES } from './zones';

export { TIME_ZONES };

const weight = z.number().min(0).max(1000);

/** Typical puskesmas hours (Monday-Thursday 07.30-14.00, a short Friday, Saturday morning). */
export const TYPICAL_OPENING_HOURS = {
  '1': { open: '07:30', close: '14:00' },
  '2': { open: '07:30', close: '14:00' },
  '3': { open: '07:30', close: '14:00' },
  '4': { open: '07:30', close: '14:00' },
  '5': { open: '07:30', close: '11:00' },
  '6': { open: '07:30', close: '12:30' },
} as const;

export const ruleWeightsSchema = z.object({
  continuity: weight.default(10),
  travel: weight.default(1),
  fairness: weight.default(4),
  spread: weight.default(3),
  stability: weight.default(30),
  preference: weight.default(2),
  /** Visits above half again the average working day, per day (rules/balance.ts). */
  balance: weight.default(2),
});

export const settingsSchema = z.object({
  programmeName: z.string().max(200).default(''),
  districtName: z.string().max(200).default(''),
  /** The province decides the time zone offered (every province lies in one zone). */
  province: z
    .string()
    .refine((name) => name === '' || PROVINCES.some((p) => p.name === name), msg(`pilih salah satu provinsi: ${PROVINCES.map((p) => p.name).join(', ')}`, `choose one of the provinces: ${PROVINCES.map((p) => p.name).join(', ')}`))
    .default(''),
  city: z.string().max(100).default(''),
  officeName: z.string().max(200).default(''),
  officeAddress: z.string().max(400).default(''),
  officePhone: z.string().max(60).default(''),
  officeEmail: z.string().max(120).default(''),
  /** PNG or JPEG as a data URL, printed on the roster's letterhead. */
  logoDataUrl: z.string().max(2_000_000).default(''),
  signatoryTitle: z.string().max(200).default(''),
  signatoryName: z.string().max(200).default(''),
  signatoryNip: z.string().max(40).default(''),
  coordinatorName: z.string().max(200).default(''),
  coordinatorPhone: z.string().max(60).default(''),
  coordinatorEmail: z.string().max(120).default(''),
  timeZone: z.enum(TIME_ZONES).default('Asia/Jakarta'),
  /** Opening days and hours a new puskesmas starts with (each puskesmas keeps its own after). */
  defaultOpeningHours: openingHours.default(() => ({ ...TYPICAL_OPENING_HOURS })),
  visitStart: localTime.default('09:00'),
  visitMinutes: z.number().int().min(30).max(600).default(180),
  maxTravelKm: z.number().min(0).max(2000).default(60),
  roadFactor: z.number().min(1).max(5).default(1.4),
  averageSpeedKmh: z.number().min(5).max(120).default(40),
  /** Let a specialist cover a puskesmas they do not adopt, within maxTravelKm. */
  allowBackupCover: z.boolean().default(true),
  /** Let a specialist make two visits on one day when travel fits the working hours. */
  allowTwoVisitsPerDay: z.boolean().default(false),
  /** `separate`: visits of different specialties on different days; `joint`: same day. */
  jointVisits: z.enum(['separate', 'joint', 'indifferent']).default('separate'),
  weights: ruleWeightsSchema.default(() => ruleWeightsSchema.parse({})),
  solverTimeLimitSeconds: z.number().min(1).max(600).default(20),
  language: z.enum(['id', 'en']).default('id'),
  /** Desktop app: look for a newer release on GitHub when online (installing always waits for a click). */
  checkForUpdates: z.boolean().default(true),
});

export type Settings = z.output<typeof settingsSchema>;
export type RuleWeights = z.output<typeof ruleWeightsSchema>;

export const DEFAULT_SETTINGS: Settings = settingsSchema.parse({});

/** Reads stored JSON leniently: unknown keys are dropped, invalid ones fall back to defaults. */
export function readSettings(stored: unknown): Settings {
  const candidate = typeof stored === 'object' && stored !== null ? (stored as Record<string, unknown>) : {};
  const parsed = settingsSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const clean: Record<string, unknown> = { ...candidate };
  for (const issue of parsed.error.issues) {
    const key = issue.path[0];
    if (typeof key === 'string') delete clean[key];
  }
  return settingsSchema.parse(clean);
}

export type SettingKey = keyof Settings;

/** What a printed letterhead and its signature block need. */
export const LETTERHEAD_KEYS = ['districtName', 'officeName', 'officeAddress', 'city', 'signatoryTitle', 'signatoryName'] as const satisfies readonly SettingKey[];
/** What names the district on calendars and messages. */
export const IDENTITY_KEYS = ['programmeName', 'districtName', 'officeName'] as const satisfies readonly SettingKey[];
/** What the setup screen asks before anything else. */
export const SETUP_KEYS = ['programmeName', 'districtName', 'province', 'officeName', 'officeAddress', 'city', 'signatoryTitle', 'signatoryName'] as const satisfies readonly SettingKey[];

export function missingSettings(settings: Settings, keys: readonly SettingKey[]): SettingKey[] {
  return keys.filter((key) => {
    const value = settings[key];
    return typeof value === 'string' && value.trim() === '';
  });
}

/**
 * Refuses a document that would print an empty letterhead or district name, naming what to
 * fill in and where.
 */
export function requireSettings(settings: Settings, keys: readonly SettingKey[], what: { id: string; en: string }): void {
  const missing = missingSettings(settings, keys);
  if (missing.length === 0) return;
  const labels = (language: 'id' | 'en') => missing.map((key) => fieldLabel([key], language)).join(', ');
  throw new AsuhanError(
    'CONFLICT',
    `${what.id} belum bisa dibuat: isi dulu ${labels('id')} di Pengaturan (atau asuhan settings set ${missing[0]}=...).`,
    `${what.en} cannot be made yet: first fill in ${labels('en')} in Settings (or asuhan settings set ${missing[0]}=...).`,
    missing.map((key) => ({ path: key, message: `${fieldLabel([key], 'id')}: wajib diisi`, messageEn: `${fieldLabel([key], 'en')}: is required` })),
  );
}
