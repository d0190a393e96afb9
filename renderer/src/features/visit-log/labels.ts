// Names of the visit log's coded values in both languages.
import type { AttendeeRole, CaseAgeGroup, CaseDecision, VisitOutcome } from '../../../../src/db/schema';
import type { Translate } from '../../i18n';

type Pair = readonly [string, string];

export const ROLE_LABELS = {
  dokter_umum: ['Dokter umum', 'General practitioner'],
  bidan: ['Bidan', 'Midwife'],
  perawat: ['Perawat', 'Nurse'],
  gizi: ['Nutrisionis', 'Nutritionist'],
  kader: ['Kader', 'Community health worker'],
  other: ['Lainnya', 'Other'],
} as const satisfies Record<AttendeeRole, Pair>;

export const AGE_LABELS = {
  neonate: ['Neonatus (0–28 hari)', 'Newborn (0–28 days)'],
  infant: ['Bayi (<1 th)', 'Infant (<1 y)'],
  toddler: ['Balita (1–5 th)', 'Toddler (1–5 y)'],
  child: ['Anak (5–12 th)', 'Child (5–12 y)'],
  adolescent: ['Remaja', 'Adolescent'],
  adult: ['Dewasa', 'Adult'],
  adult_35_plus: ['Dewasa ≥35 th', 'Adult ≥35 y'],
} as const satisfies Record<CaseAgeGroup, Pair>;

export const DECISION_LABELS = {
  managed: ['Ditangani di puskesmas', 'Managed at the puskesmas'],
  referred: ['Dirujuk', 'Referred'],
  follow_up: ['Kontrol ulang', 'Follow-up visit'],
} as const satisfies Record<CaseDecision, Pair>;

export const OUTCOME_LABELS = {
  done: ['Selesai', 'Done'],
  cancelled: ['Dibatalkan', 'Cancelled'],
  missed: ['Tidak terlaksana', 'Missed'],
  moved: ['Dipindah', 'Moved'],
} as const satisfies Record<VisitOutcome, Pair>;

export function label(pair: readonly [string, string], t: Translate): string {
  return t(pair[0], pair[1]);
}

// The lists in display order, from the label maps (the contract's copies would pull zod into the bundle).
const keysOf = <K extends string>(labels: Record<K, Pair>) => Object.keys(labels) as K[];
export const ATTENDEE_ROLES = keysOf<AttendeeRole>(ROLE_LABELS);
export const AGE_GROUPS = keysOf<CaseAgeGroup>(AGE_LABELS);
export const CASE_DECISIONS = keysOf<CaseDecision>(DECISION_LABELS);
export const OUTCOMES = keysOf<VisitOutcome>(OUTCOME_LABELS);
