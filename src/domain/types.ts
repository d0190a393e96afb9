// Domain types as the API, the scheduler and the exports see them (camelCase, parsed JSON).
import type { IsoWeekday } from './dates';

export type OpeningHours = Partial<Record<`${IsoWeekday}`, { open: string; close: string }>>;

/** When visits start at a puskesmas on a weekday ('HH:mm'); absent = the programme's start, or the opening time where that does not fit. */
export type VisitStarts = Partial<Record<`${IsoWeekday}`, string>>;

export interface Specialty {
  id: number;
  code: string;
  name: string;
  title: string;
  color: string;
  /** Other words for it that imports recognise ("Kandungan", "Sp.OG(K)"). */
  aliases: string[];
  /** Visit length in minutes; null = the programme's (settings.visitMinutes). */
  visitMinutes: number | null;
  active: boolean;
  /** Bumped on every change; an edit names the one it read (CONFLICT when stale). */
  version: number;
}

export interface Hospital {
  id: number;
  name: string;
  kind: string;
  town: string;
  address: string;
  lat: number | null;
  lon: number | null;
  active: boolean;
  /** Bumped on every change; an edit names the one it read (CONFLICT when stale). */
  version: number;
}

export interface Specialist {
  id: number;
  name: string;
  specialtyId: number;
  hospitalId: number | null;
  phone: string;
  email: string;
  maxVisitsPerMonth: number;
  usualWeekdays: IsoWeekday[];
  preferredWeekdays: IsoWeekday[];
  notes: string;
  active: boolean;
  /** Bumped on every change; an edit names the one it read (CONFLICT when stale). */
  version: number;
}

export type UnavailabilityKind = 'leave' | 'duty' | 'training' | 'other';

export interface Unavailability {
  id: number;
  specialistId: number;
  startDate: string;
  endDate: string;
  kind: UnavailabilityKind;
  reason: string;
  /** Bumped on every change; an edit names the one it read (CONFLICT when stale). */
  version: number;
}

export interface Puskesmas {
  id: number;
  code: string | null;
  name: string;
  kecamatan: string;
  address: string;
  lat: number | null;
  lon: number | null;
  openingHours: OpeningHours;
  visitStarts: VisitStarts;
  poned: boolean;
  inpatient: boolean;
  notes: string;
  active: boolean;
  /** Bumped on every change; an edit names the one it read (CONFLICT when stale). */
  version: number;
}

export type AdoptionRole = 'primary' | 'backup';

export interface Adoption {
  id: number;
  specialistId: number;
  puskesmasId: number;
  role: AdoptionRole;
  /** Bumped on every change; an edit names the one it read (CONFLICT when stale). */
  version: number;
}

export type HolidayKind = 'libur' | 'cuti_bersama';

export interface Holiday {
  id: number;
  date: string;
  name: string;
  kind: HolidayKind;
  /** Bumped on every change; an edit names the one it read (CONFLICT when stale). */
  version: number;
}

export interface Requirement {
  specialtyId: number;
  /** null: the programme default for every puskesmas. */
  puskesmasId: number | null;
  visitsPerMonth: number;
}

export type VisitStatus = 'planned' | 'confirmed' | 'done' | 'cancelled' | 'missed';

export interface Visit {
  id: number;
  uid: string;
  date: string;
  startTime: string;
  endTime: string;
  specialistId: number;
  puskesmasId: number;
  specialtyId: number;
  status: VisitStatus;
  pinned: boolean;
  manual: boolean;
  planId: number | null;
  sequence: number;
  notes: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped on every change; an edit names the one it read (CONFLICT when stale). */
  version: number;
}

/** A visit with the names a screen or a roster prints beside it. */
export interface VisitView extends Visit {
  specialistName: string;
  specialtyCode: string;
  specialtyName: string;
  puskesmasName: string;
  kecamatan: string;
  hospitalId: number | null;
  hospitalName: string | null;
}

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  entity: string;
  entityId: string;
  action: string;
  before: unknown;
  after: unknown;
}
