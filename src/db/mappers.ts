// Rows (snake_case, JSON text, 0/1 flags) to domain objects and back.
import type { IsoWeekday } from '../domain/dates';
import type {
  Adoption,
  Holiday,
  Hospital,
  OpeningHours,
  VisitStarts,
  Puskesmas,
  Specialist,
  Specialty,
  Unavailability,
  Visit,
} from '../domain/types';
import type {
  AdoptionRow,
  HolidayRow,
  HospitalRow,
  PuskesmasRow,
  SpecialistRow,
  SpecialtyRow,
  UnavailabilityRow,
  VisitRow,
} from './schema';

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export const toSpecialty = (r: SpecialtyRow): Specialty => ({
  id: r.id,
  code: r.code,
  name: r.name,
  title: r.title,
  color: r.color,
  aliases: parseJson<string[]>(r.aliases, []),
  visitMinutes: r.visit_minutes,
  active: r.active === 1,
  version: r.version,
});

export const toHospital = (r: HospitalRow): Hospital => ({
  id: r.id,
  name: r.name,
  kind: r.kind,
  town: r.town,
  address: r.address,
  lat: r.lat,
  lon: r.lon,
  active: r.active === 1,
  version: r.version,
});

export const toSpecialist = (r: SpecialistRow): Specialist => ({
  id: r.id,
  name: r.name,
  specialtyId: r.specialty_id,
  hospitalId: r.hospital_id,
  phone: r.phone,
  email: r.email,
  maxVisitsPerMonth: r.max_visits_per_month,
  usualWeekdays: parseJson<IsoWeekday[]>(r.usual_weekdays, []),
  preferredWeekdays: parseJson<IsoWeekday[]>(r.preferred_weekdays, []),
  notes: r.notes,
  active: r.active === 1,
  version: r.version,
});

export const toUnavailability = (r: UnavailabilityRow): Unavailability => ({
  id: r.id,
  specialistId: r.specialist_id,
  startDate: r.start_date,
  endDate: r.end_date,
  kind: r.kind,
  reason: r.reason,
  version: r.version,
});

export const toPuskesmas = (r: PuskesmasRow): Puskesmas => ({
  id: r.id,
  code: r.code,
  name: r.name,
  kecamatan: r.kecamatan,
  address: r.address,
  lat: r.lat,
  lon: r.lon,
  openingHours: parseJson<OpeningHours>(r.opening_hours, {}),
  visitStarts: parseJson<VisitStarts>(r.visit_starts, {}),
  poned: r.poned === 1,
  inpatient: r.inpatient === 1,
  notes: r.notes,
  active: r.active === 1,
  version: r.version,
});

export const toAdoption = (r: AdoptionRow): Adoption => ({
  id: r.id,
  specialistId: r.specialist_id,
  puskesmasId: r.puskesmas_id,
  role: r.role,
  version: r.version,
});

export const toHoliday = (r: HolidayRow): Holiday => ({ id: r.id, date: r.date, name: r.name, kind: r.kind, version: r.version });

export const toVisit = (r: VisitRow): Visit => ({
  id: r.id,
  uid: r.uid,
  date: r.date,
  startTime: r.start_time,
  endTime: r.end_time,
  specialistId: r.specialist_id,
  puskesmasId: r.puskesmas_id,
  specialtyId: r.specialty_id,
  status: r.status,
  pinned: r.pinned === 1,
  manual: r.manual === 1,
  planId: r.plan_id,
  sequence: r.sequence,
  notes: r.notes,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  version: r.version,
});

const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? 1 : 0);

/** Maps a partial domain object to column values; undefined fields are left out. */
export function columnsOf(changes: Record<string, unknown>, map: Record<string, string>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    const column = map[key];
    if (!column) continue;
    if (typeof value === 'boolean') columns[column] = flag(value);
    else if (Array.isArray(value) || (typeof value === 'object' && value !== null)) columns[column] = JSON.stringify(value);
    else columns[column] = value;
  }
  return columns;
}

export const SPECIALTY_COLUMNS = { code: 'code', name: 'name', title: 'title', color: 'color', aliases: 'aliases', visitMinutes: 'visit_minutes', active: 'active' };
export const HOSPITAL_COLUMNS = { name: 'name', kind: 'kind', town: 'town', address: 'address', lat: 'lat', lon: 'lon', active: 'active' };
export const SPECIALIST_COLUMNS = {
  name: 'name',
  specialtyId: 'specialty_id',
  hospitalId: 'hospital_id',
  phone: 'phone',
  email: 'email',
  maxVisitsPerMonth: 'max_visits_per_month',
  usualWeekdays: 'usual_weekdays',
  preferredWeekdays: 'preferred_weekdays',
  notes: 'notes',
  active: 'active',
};
export const PUSKESMAS_COLUMNS = {
  code: 'code',
  name: 'name',
  kecamatan: 'kecamatan',
  address: 'address',
  lat: 'lat',
  lon: 'lon',
  openingHours: 'opening_hours',
  visitStarts: 'visit_starts',
  poned: 'poned',
  inpatient: 'inpatient',
  notes: 'notes',
  active: 'active',
};
export const UNAVAILABILITY_COLUMNS = { specialistId: 'specialist_id', startDate: 'start_date', endDate: 'end_date', kind: 'kind', reason: 'reason' };
export const HOLIDAY_COLUMNS = { date: 'date', name: 'name', kind: 'kind' };

export const toAuditEntry = (r: import('./schema').AuditRow): import('../domain/types').AuditEntry => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  entity: r.entity,
  entityId: r.entity_id,
  action: r.action,
  before: r.before === null ? null : parseJson<unknown>(r.before, null),
  after: r.after === null ? null : parseJson<unknown>(r.after, null),
});
