// Reads the Problem for some months from the database: active specialists and puskesmas,
// leave, holidays, adoptions, requirements, distances, the months' visits and the last visit
// before them. Only planned, confirmed and done visits are in it: a missed or cancelled visit
// does not cover its requirement, so re-planning looks for a make-up visit.
import type { Kysely } from 'kysely';
import { addDays, addMonths, firstDayOfMonth, lastDayOfMonth } from '../domain/dates';
import type { Settings } from '../domain/settings';
import { effectiveHolidays } from '../db/holidays.repository';
import { getSettings } from '../db/settings.repository';
import type { Database } from '../db/schema';
import { toPuskesmas, toSpecialist } from '../db/mappers';
import { PROBLEM_FORMAT, PROBLEM_VERSION, type Problem } from './problem';

export interface ProblemOptions {
  /** `fresh` ignores the current plan (no stability cost); fixed visits still stay. */
  mode?: 'replan' | 'fresh';
  /** Leave this visit out (visits:check on a visit being moved). */
  excludeVisitId?: number;
  /**
   * The district's date today. Days up to it are history: no visit is added, moved or dropped
   * there (the problem's firstPlannableDay is tomorrow) and its planned visits stay fixed.
   * Absent (tools, tests of the model), every day of the months is open.
   */
  today?: string;
}

/** Visit statuses that cover a requirement: a missed or cancelled visit reopens it. */
export const COVERING_STATUSES = ['planned', 'confirmed', 'done'] as const;

export function problemSettings(settings: Settings): Problem['settings'] {
  return {
    timeZone: settings.timeZone,
    visitStart: settings.visitStart,
    visitMinutes: settings.visitMinutes,
    maxTravelKm: settings.maxTravelKm,
    roadFactor: settings.roadFactor,
    allowBackupCover: settings.allowBackupCover,
    allowTwoVisitsPerDay: settings.allowTwoVisitsPerDay,
    averageSpeedKmh: settings.averageSpeedKmh,
    jointVisits: settings.jointVisits,
    weights: { ...settings.weights },
    solverTimeLimitSeconds: settings.solverTimeLimitSeconds,
  };
}

export async function problemFromDatabase(db: Kysely<Database>, months: string[], options: ProblemOptions = {}): Promise<Problem> {
  const settings = await getSettings(db);
  const from = firstDayOfMonth(months[0] as string);
  const to = lastDayOfMonth(months[months.length - 1] as string);
  const [specialties, hospitals, specialistRows, puskesmasRows, leave, holidays, adoptions, programme, overrides, distances, visits, previous, sent] =
    await Promise.all([
      db.selectFrom('specialty').select(['id', 'code', 'name', 'visit_minutes']).where('active', '=', 1).orderBy('id').execute(),
      db.selectFrom('hospital').select(['id', 'name', 'lat', 'lon']).orderBy('id').execute(),
      db.selectFrom('specialist').selectAll().where('active', '=', 1).orderBy('id').execute(),
      db.selectFrom('puskesmas').selectAll().where('active', '=', 1).orderBy('id').execute(),
      db.selectFrom('unavailability').selectAll().where('end_date', '>=', from).where('start_date', '<=', to).orderBy('id').execute(),
      effectiveHolidays(db, from, to),
      db.selectFrom('adoption').selectAll().orderBy('id').execute(),
      db.selectFrom('programme_requirement').selectAll().orderBy('specialty_id').execute(),
      db.selectFrom('puskesmas_requirement').selectAll().orderBy('puskesmas_id').orderBy('specialty_id').execute(),
      db.selectFrom('distance').selectAll().orderBy('hospital_id').orderBy('puskesmas_id').execute(),
      db.selectFrom('visit').selectAll().where('date', '>=', from).where('date', '<=', to).where('status', 'in', [...COVERING_STATUSES]).orderBy('date').orderBy('id').execute(),
      db
        .selectFrom('visit')
        .select(['puskesmas_id', 'specialty_id'])
        .select((eb) => eb.fn.max('date').as('date'))
        .where('date', '<', from)
        .where('date', '>=', firstDayOfMonth(addMonths(months[0] as string, -3)))
        .where('status', 'in', [...COVERING_STATUSES])
        .groupBy(['puskesmas_id', 'specialty_id'])
        .execute(),
      // Visits already in a specialist's calendar (stability counts them in full).
      db
        .selectFrom('ics_sent')
        .select('visit_uid')
        .where('cancelled', '=', 0)
        .execute(),
    ]);
  const exported = new Set(sent.map((r) => r.visit_uid));
  const firstPlannableDay = options.today === undefined ? undefined : addDays(options.today, 1);
  const isPast = (date: string) => firstPlannableDay !== undefined && date < firstPlannableDay;
  const activeSpecialties = new Set(specialties.map((k) => k.id));
  const specialists = specialistRows.map(toSpecialist).filter((s) => activeSpecialties.has(s.specialtyId));
  return {
    format: PROBLEM_FORMAT,
    version: PROBLEM_VERSION,
    months,
    ...(firstPlannableDay !== undefined && firstPlannableDay > from ? { firstPlannableDay } : {}),
    settings: problemSettings(settings),
    specialties: specialties.map((k) => ({ id: k.id, code: k.code, name: k.name, visitMinutes: k.visit_minutes })),
    hospitals,
    specialists: specialists.map((s) => ({
      id: s.id,
      name: s.name,
      specialtyId: s.specialtyId,
      hospitalId: s.hospitalId,
      maxVisitsPerMonth: s.maxVisitsPerMonth,
      usualWeekdays: s.usualWeekdays,
      preferredWeekdays: s.preferredWeekdays,
    })),
    puskesmas: puskesmasRows.map(toPuskesmas).map((c) => ({ id: c.id, name: c.name, lat: c.lat, lon: c.lon, openingHours: c.openingHours, visitStarts: c.visitStarts })),
    unavailability: leave.map((u) => ({ specialistId: u.specialist_id, startDate: u.start_date, endDate: u.end_date, kind: u.kind, reason: u.reason })),
    holidays: holidays.map((h) => ({ date: h.date, name: h.name, kind: h.kind })),
    adoptions: adoptions.map((a) => ({ specialistId: a.specialist_id, puskesmasId: a.puskesmas_id, role: a.role })),
    programmeRequirements: programme.filter((r) => activeSpecialties.has(r.specialty_id)).map((r) => ({ specialtyId: r.specialty_id, visitsPerMonth: r.visits_per_month })),
    puskesmasRequirements: overrides
      .filter((r) => activeSpecialties.has(r.specialty_id))
      .map((r) => ({ puskesmasId: r.puskesmas_id, specialtyId: r.specialty_id, visitsPerMonth: r.visits_per_month })),
    distances: distances.map((d) => ({ hospitalId: d.hospital_id, puskesmasId: d.puskesmas_id, km: d.km, minutes: d.minutes })),
    existingVisits: visits
      .filter((v) => v.id !== options.excludeVisitId)
      .filter((v) => options.mode !== 'fresh' || v.pinned === 1 || v.status !== 'planned' || isPast(v.date))
      .map((v) => ({
        id: v.id,
        uid: v.uid,
        date: v.date,
        startTime: v.start_time,
        specialistId: v.specialist_id,
        puskesmasId: v.puskesmas_id,
        specialtyId: v.specialty_id,
        fixed: v.pinned === 1 || v.status !== 'planned' || isPast(v.date),
        exported: exported.has(v.uid),
      })),
    previousVisits: previous.filter((p) => p.date !== null).map((p) => ({ puskesmasId: p.puskesmas_id, specialtyId: p.specialty_id, date: p.date as string })),
  };
}
