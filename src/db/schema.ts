// The database as Kysely sees it. One interface per table; the migrations in
// migrations/ are the source of truth and tests/db/schema.test.ts checks they agree.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

/** ISO calendar date `YYYY-MM-DD` in the district's time zone. Never a UTC instant. */
export type CalendarDate = string;
/** Local wall-clock time `HH:mm`. */
export type LocalTime = string;
/** Instant stored as ISO-8601 UTC text (audit, created_at). */
type Timestamp = ColumnType<string, string | undefined, string>;
/** A record's version: 1 when created, bumped on every update. */
type Versioned = ColumnType<number, number | undefined, number>;

export interface SettingTable {
  key: string;
  /** JSON text, validated by the settings schema in src/domain/settings.ts. */
  value: string;
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
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
  /** JSON array of other words for it that imports recognise ("Kandungan", "Sp.OG(K)"). */
  aliases: ColumnType<string, string | undefined, string>;
  /** Visit length in minutes for this specialty; null = the programme's (settings.visitMinutes). */
  visit_minutes: ColumnType<number | null, number | null | undefined, number | null>;
  active: ColumnType<number, number | undefined, number>;
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
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
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
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
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
}

export interface UnavailabilityTable {
  id: Generated<number>;
  specialist_id: number;
  start_date: CalendarDate;
  end_date: CalendarDate;
  kind: 'leave' | 'duty' | 'training' | 'other';
  reason: string;
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
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
  /** JSON object: ISO weekday -> 'HH:mm' when visits start there that day; absent = the default start. */
  visit_starts: ColumnType<string, string | undefined, string>;
  poned: number;
  inpatient: number;
  notes: string;
  active: ColumnType<number, number | undefined, number>;
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
}

export interface AdoptionTable {
  id: Generated<number>;
  specialist_id: number;
  puskesmas_id: number;
  role: 'primary' | 'backup';
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
}

export interface HolidayTable {
  id: Generated<number>;
  date: CalendarDate;
  name: string;
  kind: 'libur' | 'cuti_bersama';
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
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
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
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
  /** Set on a visit logged as moved: the visit that replaced it (migration 0002). */
  moved_to_visit_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Set on the replacement of a moved visit: the original. */
  moved_from_visit_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
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

export type VisitOutcome = 'done' | 'cancelled' | 'missed' | 'moved';
export type AttendeeRole = 'dokter_umum' | 'bidan' | 'perawat' | 'gizi' | 'kader' | 'other';
export type CaseAgeGroup = 'neonate' | 'infant' | 'toddler' | 'child' | 'adolescent' | 'adult' | 'adult_35_plus';
export type CaseDecision = 'managed' | 'referred' | 'follow_up';

/** What happened at a visit (one row per logged visit). Times are the actual ones when done. */
export interface VisitLogTable {
  visit_id: number;
  outcome: VisitOutcome;
  actual_date: CalendarDate | null;
  start_time: LocalTime | null;
  end_time: LocalTime | null;
  reason: string;
  notes: string;
  logged_at: Timestamp;
  updated_at: Timestamp;
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
}

/** One named attendee (headcount 1) or a quick count for a role (name ''). */
export interface VisitAttendeeTable {
  id: Generated<number>;
  visit_id: number;
  role: AttendeeRole;
  name: string;
  headcount: number;
}

export interface TopicTable {
  id: Generated<number>;
  code: string;
  name_id: string;
  name_en: string;
  /** Specialty code (`obgyn`, `pediatric`...) the topic belongs to; null for every specialty. */
  specialty_code: string | null;
  programme: 'PAS' | 'ILP' | 'other';
  required: number;
  active: ColumnType<number, number | undefined, number>;
  created_at: Timestamp;
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
}

/** A done visit's topic, kept by triggers (migration 0004) for fast grouped reports. */
export interface TopicFactTable {
  puskesmas_id: number;
  topic_id: number;
  date: CalendarDate;
  visit_id: number;
}

/** A done visit's attendee row, kept by triggers (migration 0004) for fast grouped reports. */
export interface AttendanceFactTable {
  puskesmas_id: number;
  role: AttendeeRole;
  date: CalendarDate;
  attendee_id: number;
  visit_id: number;
  headcount: number;
}

export interface VisitTopicTable {
  visit_id: number;
  topic_id: number;
}

/** An anonymous case consulted at a visit: no patient name, by design. */
export interface CaseConsultTable {
  id: Generated<number>;
  visit_id: number;
  age_group: CaseAgeGroup;
  condition: string;
  decision: CaseDecision;
  hospital_id: number | null;
  notes: string;
}

export interface FollowupTable {
  id: Generated<number>;
  /** The visit where the action was agreed. */
  visit_id: number;
  action: string;
  owner: string;
  due_date: CalendarDate;
  status: ColumnType<'open' | 'closed', 'open' | 'closed' | undefined, 'open' | 'closed'>;
  closed_visit_id: number | null;
  closed_on: CalendarDate | null;
  closed_note: ColumnType<string, string | undefined, string>;
  created_at: Timestamp;
  /** Increases on every update (migration 0009); an edit names the one it read. */
  version: Versioned;
}

/** One export (ICS, PDF, ...) of a month, for one specialist or (null) the whole district. */
export interface ExportLogTable {
  id: Generated<number>;
  at: Timestamp;
  kind: 'ics' | 'pdf' | 'xlsx' | 'csv' | 'text';
  month: string;
  specialist_id: number | null;
  only_changes: number;
  file_name: string;
  events: number;
}

/** The last version of a visit sent to a specialist's calendar (migration 0003). */
export interface IcsSentTable {
  specialist_id: number;
  visit_uid: string;
  sequence: number;
  cancelled: number;
  date: CalendarDate;
  start_time: LocalTime;
  end_time: LocalTime;
  summary: string;
  location: string;
  export_id: number;
}

/** A person who signs in to a shared server (migration 0008). */
export type UserRole = 'admin' | 'coordinator' | 'viewer' | 'specialist';

/** A district on a shared server (migration 0010): its tables live in schema_name. */
export interface DistrictTable {
  id: Generated<number>;
  schema_name: string;
  /** What the server's admin called it; the district's own name is its programme setting. */
  label: string;
  created_at: Timestamp;
}

/** Which users may work in which district (admins in all). */
export interface UserDistrictTable {
  user_id: number;
  district_id: number;
}

export interface AppUserTable {
  id: Generated<number>;
  /** Lower-case login name: letters, digits, dot, dash, underscore. */
  login: string;
  display_name: string;
  /** Self-describing slow hash (src/server/passwords.ts); never the password. */
  password_hash: string;
  role: UserRole;
  /** The specialist a specialist account is; null for every other role. */
  specialist_id: number | null;
  disabled: ColumnType<number, number | undefined, number>;
  failed_attempts: ColumnType<number, number | undefined, number>;
  /** ISO UTC instant until which sign-in is refused after repeated failures. */
  locked_until: string | null;
  created_at: Timestamp;
}

export interface UserSessionTable {
  /** SHA-256 (hex) of the cookie's random token; the token itself is never stored. */
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface CalendarFeedTable {
  id: Generated<number>;
  /** SHA-256 (hex) of the random token in the feed's address. */
  token_hash: string;
  /** Null: the whole district's roster. */
  specialist_id: number | null;
  created_at: Timestamp;
  revoked_at: string | null;
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
  export_log: ExportLogTable;
  ics_sent: IcsSentTable;
  visit_log: VisitLogTable;
  visit_attendee: VisitAttendeeTable;
  topic: TopicTable;
  visit_topic: VisitTopicTable;
  topic_fact: TopicFactTable;
  attendance_fact: AttendanceFactTable;
  case_consult: CaseConsultTable;
  followup: FollowupTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  calendar_feed: CalendarFeedTable;
  district: DistrictTable;
  user_district: UserDistrictTable;
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
