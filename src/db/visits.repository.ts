// Reading visits with the names a screen or roster prints beside them.
import type { Kysely } from 'kysely';
import type { VisitView } from '../domain/types';
import { toVisit } from './mappers';
import type { Database } from './schema';

export interface VisitFilter {
  from: string;
  to: string;
  specialistId?: number | undefined;
  puskesmasId?: number | undefined;
  includeCancelled?: boolean;
}

/** Visits joined with the names a screen or roster prints beside them; callers add filters. */
export function visitViewQuery(db: Kysely<Database>) {
  return db
    .selectFrom('visit')
    .innerJoin('specialist', 'specialist.id', 'visit.specialist_id')
    .innerJoin('specialty', 'specialty.id', 'visit.specialty_id')
    .innerJoin('puskesmas', 'puskesmas.id', 'visit.puskesmas_id')
    .leftJoin('hospital', 'hospital.id', 'specialist.hospital_id')
    .selectAll('visit')
    .select([
      'specialist.name as specialist_name',
      'specialty.code as specialty_code',
      'specialty.name as specialty_name',
      'puskesmas.name as puskesmas_name',
      'puskesmas.kecamatan as kecamatan',
      'hospital.id as hospital_id',
      'hospital.name as hospital_name',
    ]);
}

type VisitViewRow = Awaited<ReturnType<ReturnType<typeof visitViewQuery>['executeTakeFirstOrThrow']>>;

export function toVisitView(row: VisitViewRow): VisitView {
  return {
    ...toVisit(row),
    specialistName: row.specialist_name,
    specialtyCode: row.specialty_code,
    specialtyName: row.specialty_name,
    puskesmasName: row.puskesmas_name,
    kecamatan: row.kecamatan,
    hospitalId: row.hospital_id,
    hospitalName: row.hospital_name,
  };
}

export async function listVisitViews(db: Kysely<Database>, filter: VisitFilter): Promise<VisitView[]> {
  let query = visitViewQuery(db)
    .where('visit.date', '>=', filter.from)
    .where('visit.date', '<=', filter.to)
    .orderBy('visit.date')
    .orderBy('visit.start_time')
    .orderBy('puskesmas.name')
    .orderBy('visit.id');
  if (filter.specialistId) query = query.where('visit.specialist_id', '=', filter.specialistId);
  if (filter.puskesmasId) query = query.where('visit.puskesmas_id', '=', filter.puskesmasId);
  if (filter.includeCancelled === false) query = query.where('visit.status', '!=', 'cancelled');
  return (await query.execute()).map(toVisitView);
}
