// Monthly compliance: did each puskesmas get the specialist visits it is owed (required vs
// planned vs done, with the reason for every visit that did not happen), and how many visits
// and hours did each specialist plan and deliver.
//
// Counting rules, stated once:
// - A visit counts in the month of its scheduled date (visit.date).
// - "planned" = visits dated in the month, except originals logged as moved: their replacement
//   is a visit of its own and counts in its own month (a move out of the month is listed as a miss).
// - "done" = status done. Hours done use the logged actual times, hours planned the scheduled ones.
import type { Kysely } from 'kysely';
import type { Database, VisitStatus } from '../db/schema';
import { getSettings } from '../db/settings.repository';
import { firstDayOfMonth, lastDayOfMonth, minutesOf, todayIn } from '../domain/dates';
import { formatDate } from '../domain/format-id';

export type MissKind = 'not_planned' | 'cancelled' | 'missed' | 'moved_out' | 'not_logged' | 'upcoming';

export interface MissReason {
  kind: MissKind;
  /** null for a shortfall (not planned at all). */
  visitId: number | null;
  date: string | null;
  specialistName: string | null;
  /** Free text the coordinator gave (cancel reason, why missed), or ''. */
  reason: string;
  /** One readable sentence, Bahasa Indonesia and English. */
  message: string;
  messageEn: string;
}

export interface SpecialtyCompliance {
  specialtyId: number;
  specialtyCode: string;
  specialtyName: string;
  required: number;
  planned: number;
  done: number;
  /** done >= required */
  met: boolean;
  misses: MissReason[];
}

export interface PuskesmasCompliance {
  puskesmasId: number;
  puskesmasName: string;
  kecamatan: string;
  bySpecialty: SpecialtyCompliance[];
  /** Every specialty's requirement met. */
  compliant: boolean;
}

export interface SpecialistCompliance {
  specialistId: number;
  specialistName: string;
  specialtyCode: string;
  specialtyName: string;
  hospitalName: string | null;
  planned: number;
  done: number;
  cancelled: number;
  missed: number;
  /** Planned or confirmed, not yet logged. */
  pending: number;
  plannedHours: number;
  doneHours: number;
}

export interface ComplianceReport {
  month: string;
  /** The day the report was computed for (district zone): decides "not logged" vs "upcoming". */
  today: string;
  specialties: { id: number; code: string; name: string }[];
  puskesmas: PuskesmasCompliance[];
  specialists: SpecialistCompliance[];
  totals: {
    required: number;
    planned: number;
    done: number;
    puskesmasCount: number;
    puskesmasCompliant: number;
    /** done / required over every puskesmas and specialty, 0..1 (1 when nothing is required). */
    coverage: number;
  };
}

interface MonthVisit {
  id: number;
  date: string;
  start_time: string;
  end_time: string;
  status: VisitStatus;
  specialist_id: number;
  puskesmas_id: number;
  specialty_id: number;
  moved_to_visit_id: number | null;
  moved_to_date: string | null;
  outcome: string | null;
  log_reason: string | null;
  actual_start: string | null;
  actual_end: string | null;
  specialist_name: string;
}

export async function complianceReport(db: Kysely<Database>, month: string, options: { today?: string } = {}): Promise<ComplianceReport> {
  const today = options.today ?? todayIn((await getSettings(db)).timeZone);
  const from = firstDayOfMonth(month);
  const to = lastDayOfMonth(month);

  const visits: MonthVisit[] = await db
    .selectFrom('visit')
    .innerJoin('specialist', 'specialist.id', 'visit.specialist_id')
    .leftJoin('visit_log', 'visit_log.visit_id', 'visit.id')
    .leftJoin('visit as moved_to', 'moved_to.id', 'visit.moved_to_visit_id')
    .select([
      'visit.id',
      'visit.date',
      'visit.start_time',
      'visit.end_time',
      'visit.status',
      'visit.specialist_id',
      'visit.puskesmas_id',
      'visit.specialty_id',
      'visit.moved_to_visit_id',
      'moved_to.date as moved_to_date',
      'visit_log.outcome',
      'visit_log.reason as log_reason',
      'visit_log.start_time as actual_start',
      'visit_log.end_time as actual_end',
      'specialist.name as specialist_name',
    ])
    .where('visit.date', '>=', from)
    .where('visit.date', '<=', to)
    .orderBy('visit.date')
    .orderBy('visit.start_time')
    .orderBy('visit.id')
    .execute();

  const [specialtyRows, puskesmasRows, programmeRows, overrideRows] = await Promise.all([
    db.selectFrom('specialty').select(['id', 'code', 'name', 'active']).orderBy('id').execute(),
    db.selectFrom('puskesmas').select(['id', 'name', 'kecamatan', 'active']).orderBy('name').execute(),
    db.selectFrom('programme_requirement').selectAll().execute(),
    db.selectFrom('puskesmas_requirement').selectAll().execute(),
  ]);

  const programme = new Map(programmeRows.map((r) => [r.specialty_id, r.visits_per_month]));
  const overrides = new Map(overrideRows.map((r) => [`${r.puskesmas_id}:${r.specialty_id}`, r.visits_per_month]));
  const requiredFor = (puskesmasId: number, specialtyId: number) =>
    overrides.get(`${puskesmasId}:${specialtyId}`) ?? programme.get(specialtyId) ?? 0;

  const visitedPuskesmas = new Set(visits.map((v) => v.puskesmas_id));
  const puskesmasList = puskesmasRows.filter((p) => p.active === 1 || visitedPuskesmas.has(p.id));

  const visitedSpecialties = new Set(visits.map((v) => v.specialty_id));
  const specialties = specialtyRows.filter(
    (s) => visitedSpecialties.has(s.id) || (s.active === 1 && puskesmasList.some((p) => requiredFor(p.id, s.id) > 0)),
  );

  const byCell = new Map<string, MonthVisit[]>();
  for (const visit of visits) {
    const key = `${visit.puskesmas_id}:${visit.specialty_id}`;
    const list = byCell.get(key);
    if (list) list.push(visit);
    else byCell.set(key, [visit]);
  }

  let totalRequired = 0;
  let totalPlanned = 0;
  let totalDone = 0;
  let compliantCount = 0;
  let coveredRequired = 0;

  const puskesmas: PuskesmasCompliance[] = puskesmasList.map((p) => {
    const bySpecialty = specialties.map((s): SpecialtyCompliance => {
      const cell = byCell.get(`${p.id}:${s.id}`) ?? [];
      const counted = cell.filter((v) => v.moved_to_visit_id === null);
      const movedOut = cell.filter((v) => v.moved_to_visit_id !== null && (v.moved_to_date === null || v.moved_to_date > to || v.moved_to_date < from));
      const required = requiredFor(p.id, s.id);
      const planned = counted.length;
      const done = counted.filter((v) => v.status === 'done').length;
      const misses: MissReason[] = [];
      for (const visit of counted) {
        const miss = missOf(visit, today);
        if (miss) misses.push(miss);
      }
      for (const visit of movedOut) misses.push(movedOutMiss(visit));
      const shortfall = required - planned - movedOut.length;
      if (shortfall > 0) misses.push(notPlanned(shortfall, s.name));
      totalRequired += required;
      totalPlanned += planned;
      totalDone += done;
      coveredRequired += Math.min(done, required);
      return {
        specialtyId: s.id,
        specialtyCode: s.code,
        specialtyName: s.name,
        required,
        planned,
        done,
        met: done >= required,
        misses,
      };
    });
    const compliant = bySpecialty.every((c) => c.met);
    if (compliant) compliantCount += 1;
    return { puskesmasId: p.id, puskesmasName: p.name, kecamatan: p.kecamatan, bySpecialty, compliant };
  });

  return {
    month,
    today,
    specialties: specialties.map((s) => ({ id: s.id, code: s.code, name: s.name })),
    puskesmas,
    specialists: await specialistCompliance(db, visits),
    totals: {
      required: totalRequired,
      planned: totalPlanned,
      done: totalDone,
      puskesmasCount: puskesmas.length,
      puskesmasCompliant: compliantCount,
      coverage: totalRequired === 0 ? 1 : coveredRequired / totalRequired,
    },
  };
}

function hoursBetween(start: string, end: string): number {
  return Math.max(0, minutesOf(end) - minutesOf(start)) / 60;
}

async function specialistCompliance(db: Kysely<Database>, visits: MonthVisit[]): Promise<SpecialistCompliance[]> {
  const counted = visits.filter((v) => v.moved_to_visit_id === null);
  const ids = [...new Set(counted.map((v) => v.specialist_id))];
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('specialist')
    .innerJoin('specialty', 'specialty.id', 'specialist.specialty_id')
    .leftJoin('hospital', 'hospital.id', 'specialist.hospital_id')
    .select(['specialist.id', 'specialist.name', 'specialty.code', 'specialty.name as specialty_name', 'hospital.name as hospital_name'])
    .where('specialist.id', 'in', ids)
    .execute();
  const result = rows.map((row): SpecialistCompliance => {
    const own = counted.filter((v) => v.specialist_id === row.id);
    const done = own.filter((v) => v.status === 'done');
    return {
      specialistId: row.id,
      specialistName: row.name,
      specialtyCode: row.code,
      specialtyName: row.specialty_name,
      hospitalName: row.hospital_name,
      planned: own.length,
      done: done.length,
      cancelled: own.filter((v) => v.status === 'cancelled').length,
      missed: own.filter((v) => v.status === 'missed').length,
      pending: own.filter((v) => v.status === 'planned' || v.status === 'confirmed').length,
      plannedHours: round2(own.reduce((sum, v) => sum + hoursBetween(v.start_time, v.end_time), 0)),
      doneHours: round2(done.reduce((sum, v) => sum + hoursBetween(v.actual_start ?? v.start_time, v.actual_end ?? v.end_time), 0)),
    };
  });
  return result.sort((a, b) => a.specialtyCode.localeCompare(b.specialtyCode) || a.specialistName.localeCompare(b.specialistName));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function missOf(visit: MonthVisit, today: string): MissReason | null {
  const base = { visitId: visit.id, date: visit.date, specialistName: visit.specialist_name, reason: visit.log_reason ?? '' };
  const on = formatDate(visit.date, 'id');
  const onEn = formatDate(visit.date, 'en');
  const because = base.reason ? `: ${base.reason}` : '';
  switch (visit.status) {
    case 'done':
      return null;
    case 'cancelled':
      return { ...base, kind: 'cancelled', message: `Kunjungan ${on} dibatalkan${because}`, messageEn: `Visit on ${onEn} cancelled${because}` };
    case 'missed':
      return { ...base, kind: 'missed', message: `Kunjungan ${on} tidak terlaksana${because}`, messageEn: `Visit on ${onEn} missed${because}` };
    default:
      return visit.date < today
        ? { ...base, kind: 'not_logged', message: `Kunjungan ${on} belum dicatat hasilnya`, messageEn: `Visit on ${onEn} not logged yet` }
        : { ...base, kind: 'upcoming', message: `Kunjungan ${on} belum berlangsung`, messageEn: `Visit on ${onEn} still to come` };
  }
}

function movedOutMiss(visit: MonthVisit): MissReason {
  const target = visit.moved_to_date;
  const because = visit.log_reason ? ` (${visit.log_reason})` : '';
  return {
    kind: 'moved_out',
    visitId: visit.id,
    date: visit.date,
    specialistName: visit.specialist_name,
    reason: visit.log_reason ?? '',
    message: `Kunjungan ${formatDate(visit.date, 'id')} dipindah ke ${target ? formatDate(target, 'id') : 'tanggal lain'}${because}`,
    messageEn: `Visit on ${formatDate(visit.date, 'en')} moved to ${target ? formatDate(target, 'en') : 'another date'}${because}`,
  };
}

function notPlanned(count: number, specialtyName: string): MissReason {
  return {
    kind: 'not_planned',
    visitId: null,
    date: null,
    specialistName: null,
    reason: '',
    message: `${count} kunjungan ${specialtyName} tidak dijadwalkan`,
    messageEn: `${count} ${specialtyName} visit${count === 1 ? '' : 's'} not scheduled`,
  };
}
