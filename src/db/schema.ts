// The database as Kysely sees it. One interface per table; the migrations in
// migrations/ are the source of truth and tests/db/schema.test.ts checks they agree.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** ISO calendar date `YYYY-MM-DD` in the district's time zone. Never a UTC instant. */
export type CalendarDate = string;
/** Local wall-clock time `HH:mm`. */
export type LocalTime = string;
/** Instant stored as ISO-8601 UTC text (audit, created_at). */
type Timestamp = ColumnType<string, string | undefined, string>;

export interface SettingTable {
  key: string;
  /** JSON text, validated by the settings schema in src/domain/settings.ts. */
  value: string;
}

export interface SpecialtyTable {
  id: Generated<number>;
  /** Stable code used in imports and rules: `obgyn`, `pediatric`, `cardiology`... */
  code: string;
  name: string;
  /** Title suffix written after a specialist's name, e.g. `Sp.OG`. */
  title: string;
  /** Hex colour used on calendars and rosters. */
  color: string;
  active: ColumnType<number, number | undefined, number>;
}

export interface HospitalTable {
  id: Generated<number>;
  name: string;
  kind: string;
  town: string;
  address: string;
  lat: number | null;
  lon: number | null;
  active: ColumnType<number, number | undefined, number>;
}

export interface SpecialistTable {
  id: Generated<number>;
  name: string;
  specialty_id: number;
  hospital_id: number | null;
  phone: string;
  email: string;
  max_visits_per_month: number;
  /** JSON array of ISO weekdays (1 = Monday ... 7 = Sunday) the specialist can visit. */
  usual_weekdays: string;
  /** JSON array of ISO weekdays the specialist prefers (soft). */
  preferred_weekdays: string;
  notes: string;
  active: ColumnType<number, number | undefined, number>;
}

export interface UnavailabilityTable {
  id: Generated<number>;
  specialist_id: number;
  start_date: CalendarDate;
  end_date: CalendarDate;
  kind: 'leave' | 'duty' | 'training' | 'other';
  reason: string;
}

export interface PuskesmasTable {
  id: Generated<number>;
  code: string | null;
  name: string;
  kecamatan: string;
  address: string;
  lat: number | null;
  lon: number | null;
  /** JSON object: ISO weekday -> { open: 'HH:mm', close: 'HH:mm' }; absent weekday = closed. */
  opening_hours: string;
  poned: number;
  inpatient: number;
  notes: string;
  active: ColumnType<number, number | undefined, number>;
}

export interface AdoptionTable {
  id: Generated<number>;
  specialist_id: number;
  puskesmas_id: number;
  role: 'primary' | 'backup';
}

export interface HolidayTable {
  id: Generated<number>;
  date: CalendarDate;
  name: string;
  kind: 'libur' | 'cuti_bersama';
}

/** Programme-wide visits per month per specialty (the default for every puskesmas). */
export interface ProgrammeRequirementTable {
  specialty_id: number;
  visits_per_month: number;
}

/** A puskesmas's own requirement, overriding the programme default for one specialty. */
export interface PuskesmasRequirementTable {
  puskesmas_id: number;
  specialty_id: number;
  visits_per_month: number;
}

/** Entered travel between a hospital and a puskesmas; otherwise straight line x road factor. */
export interface DistanceTable {
  hospital_id: number;
  puskesmas_id: number;
  km: number;
  minutes: number | null;
}

export interface PlanTable {
  id: Generated<number>;
  /** `YYYY-MM` */
  month: string;
  created_at: Timestamp;
  status: 'draft' | 'saved';
  objective: number | null;
  bound: number | null;
  gap: number | null;
  solve_ms: number | null;
  /** JSON: the scheduler's summary and explanations at save time. */
  summary: string;
}

export type VisitStatus = 'planned' | 'confirmed' | 'done' | 'cancelled' | 'missed';

export interface VisitTable {
  id: Generated<number>;
  /** Stable identity for calendar files (ICS UID). */
  uid: string;
  date: CalendarDate;
  start_time: LocalTime;
  end_time: LocalTime;
  specialist_id: number;
  puskesmas_id: number;
  specialty_id: number;
  status: VisitStatus;
  pinned: number;
  /** 1 when the coordinator placed or moved it by hand. */
  manual: number;
  plan_id: number | null;
  /** Increases on every change that matters to a calendar (ICS SEQUENCE). */
  sequence: ColumnType<number, number | undefined, number>;
  notes: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor: string;
  entity: string;
  entity_id: string;
  action: 'create' | 'update' | 'delete' | 'import' | 'plan' | 'restore';
  before: string | null;
  after: string | null;
}

export interface Database {
  setting: SettingTable;
  specialty: SpecialtyTable;
  hospital: HospitalTable;
  specialist: SpecialistTable;
  unavailability: UnavailabilityTable;
  puskesmas: PuskesmasTable;
  adoption: AdoptionTable;
  holiday: HolidayTable;
  programme_requirement: ProgrammeRequirementTable;
  puskesmas_requirement: PuskesmasRequirementTable;
  distance: DistanceTable;
  plan: PlanTable;
  visit: VisitTable;
  audit_log: AuditLogTable;
}

export type SpecialtyRow = Selectable<SpecialtyTable>;
export type HospitalRow = Selectable<HospitalTable>;
export type SpecialistRow = Selectable<SpecialistTable>;
export type UnavailabilityRow = Selectable<UnavailabilityTable>;
export type PuskesmasRow = Selectable<PuskesmasTable>;
export type AdoptionRow = Selectable<AdoptionTable>;
export type HolidayRow = Selectable<HolidayTable>;
export type PlanRow = Selectable<PlanTable>;
export type VisitRow = Selectable<VisitTable>;
export type NewVisit = Insertable<VisitTable>;
export type VisitUpdate = Updateable<VisitTable>;
export type AuditRow = Selectable<AuditLogTable>;
