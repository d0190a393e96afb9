// Names of the visit log's coded values in both languages.
import type { Translate } from '../../i18n';

export const ROLE_LABELS = {
  dokter_umum: ['Dokter umum', 'General practitioner'],
  bidan: ['Bidan', 'Midwife'],
  perawat: ['Perawat', 'Nurse'],
  gizi: ['Nutrisionis', 'Nutritionist'],
  kader: ['Kader', 'Community health worker'],
  other: ['Lainnya', 'Other'],
} as const;

export const AGE_LABELS = {
  neonate: ['Neonatus (0–28 hari)', 'Newborn (0–28 days)'],
  infant: ['Bayi (<1 th)', 'Infant (<1 y)'],
  toddler: ['Balita (1–5 th)', 'Toddler (1–5 y)'],
  child: ['Anak (5–12 th)', 'Child (5–12 y)'],
  adolescent: ['Remaja', 'Adolescent'],
  adult: ['Dewasa', 'Adult'],
  adult_35_plus: ['Dewasa ≥35 th', 'Adult ≥35 y'],
} as const;

export const DECISION_LABELS = {
  managed: ['Ditangani di puskesmas', 'Managed at the puskesmas'],
  referred: ['Dirujuk', 'Referred'],
  follow_up: ['Kontrol ulang', 'Follow-up visit'],
} as const;

export const OUTCOME_LABELS = {
  done: ['Selesai', 'Done'],
  cancelled: ['Dibatalkan', 'Cancelled'],
  missed: ['Tidak terlaksana', 'Missed'],
  moved: ['Dipindah', 'Moved'],
} as const;

export function label(pair: readonly [string, string], t: Translate): string {
  return t(pair[0], pair[1]);
}
