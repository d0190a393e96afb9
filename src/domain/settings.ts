// Programme settings: one validated object, stored as JSON under the key `programme`.
// Every field has a default so older databases read cleanly after an upgrade.
import { z } from 'zod';
import { localTime } from '../contract/fields';

export const TIME_ZONES = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'] as const;

const weight = z.number().min(0).max(1000);

export const ruleWeightsSchema = z.object({
  continuity: weight.default(10),
  travel: weight.default(1),
  fairness: weight.default(4),
  spread: weight.default(3),
  stability: weight.default(30),
  preference: weight.default(2),
});

export const settingsSchema = z.object({
  programmeName: z.string().max(200).default('Puskesmas Asuhan Spesialistik (PAS)'),
  districtName: z.string().max(200).default('Kabupaten Banyuwangi'),
  city: z.string().max(100).default('Banyuwangi'),
  officeName: z.string().max(200).default('Dinas Kesehatan Kabupaten Banyuwangi'),
  officeAddress: z.string().max(400).default('Jl. Letkol Istiqlah No. 42, Banyuwangi'),
  officePhone: z.string().max(60).default(''),
  officeEmail: z.string().max(120).default(''),
  /** PNG or JPEG as a data URL, printed on the roster's letterhead. */
  logoDataUrl: z.string().max(2_000_000).default(''),
  signatoryTitle: z.string().max(200).default('Kepala Dinas Kesehatan'),
  signatoryName: z.string().max(200).default(''),
  signatoryNip: z.string().max(40).default(''),
  coordinatorName: z.string().max(200).default(''),
  coordinatorPhone: z.string().max(60).default(''),
  coordinatorEmail: z.string().max(120).default(''),
  timeZone: z.enum(TIME_ZONES).default('Asia/Jakarta'),
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
