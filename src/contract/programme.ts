// A district's programme as a file another district can start from: the programme's settings
// (rules, weights, working hours; never the letterhead, the people or the zone), its
// specialties with their aliases, the visits each specialty needs per month and the mentoring
// topics. Versioned JSON, validated on the way in like every input.
import { z } from 'zod';
import { ruleWeightsSchema, settingsSchema, type SettingKey } from '../domain/settings';
import { command, query } from './define';
import { changesOf } from './fields';
import type { ExportFile } from './files';
import { msg } from './i18n';
import { specialtyFields } from './master-data';
import { topicFields } from './visit-log';

export const PROGRAMME_FORMAT = 'asuhan-programme';
export const PROGRAMME_VERSION = 1;

/** What belongs to the district and never travels in a programme file. */
export const DISTRICT_SETTING_KEYS = [
  'districtName', 'province', 'city', 'officeName', 'officeAddress', 'officePhone', 'officeEmail', 'logoDataUrl',
  'signatoryTitle', 'signatoryName', 'signatoryNip', 'coordinatorName', 'coordinatorPhone', 'coordinatorEmail', 'timeZone',
] as const satisfies readonly SettingKey[];

const districtMask = Object.fromEntries(DISTRICT_SETTING_KEYS.map((key) => [key, true] as const)) as { [K in (typeof DISTRICT_SETTING_KEYS)[number]]: true };

export const programmeSettingsSchema = changesOf(settingsSchema).omit(districtMask).extend({ weights: changesOf(ruleWeightsSchema).optional() });

const specialtyCode = specialtyFields.shape.code;

export const programmeFileSchema = z
  .object({
    format: z.literal(PROGRAMME_FORMAT, msg(`bukan berkas program Asuhan (format harus "${PROGRAMME_FORMAT}")`, `not an Asuhan programme file (format must be "${PROGRAMME_FORMAT}")`)),
    version: z.literal(PROGRAMME_VERSION, msg(`versi berkas program harus ${PROGRAMME_VERSION}; berkas ini dari versi Asuhan lain`, `the programme file version must be ${PROGRAMME_VERSION}; this file comes from another Asuhan version`)),
    exportedAt: z.string().max(40).optional(),
    settings: programmeSettingsSchema,
    specialties: z.array(specialtyFields).max(100),
    /** Visits per month each specialty needs at every puskesmas (the programme default). */
    requirements: z.array(z.object({ specialty: specialtyCode, visitsPerMonth: z.number().int().min(0).max(31) })).max(100),
    topics: z.array(topicFields).max(1000),
  })
  .superRefine((file, ctx) => {
    const codes = new Set(file.specialties.map((s) => s.code));
    file.requirements.forEach((r, index) => {
      if (!codes.has(r.specialty)) ctx.addIssue({ code: 'custom', path: ['requirements', index, 'specialty'], message: `spesialisasi "${r.specialty}" tidak ada di daftar spesialisasi berkas / specialty "${r.specialty}" is not among the file's specialties` });
    });
  });

export type ProgrammeFile = z.output<typeof programmeFileSchema>;

export interface ProgrammeImportResult {
  settings: string[];
  specialties: { created: number; updated: number };
  requirements: number;
  topics: { created: number; updated: number };
  backupFile: string | null;
}

/** 2 MB of JSON is far more than a programme holds. */
const MAX_BASE64 = 2_800_000;

export const programmeContract = {
  'programme:export': query<ExportFile>()(z.object({}).default({})),
  /** Starts (or updates) this district's programme from another district's file; the
   * district's own letterhead, people and zone are never touched. */
  'programme:import': command<ProgrammeImportResult>()(
    z.object({
      fileName: z.string().max(255),
      base64: z
        .string()
        .max(MAX_BASE64, msg('berkas program terlalu besar (maksimal 2 MB)', 'the programme file is too large (at most 2 MB)'))
        .regex(/^[A-Za-z0-9+/=\r\n]*$/, msg('isi berkas harus base64', 'file content must be base64')),
    }),
  ),
};
