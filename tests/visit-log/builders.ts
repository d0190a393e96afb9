// Builders for visit-log tests: visits are inserted directly (the scheduler is not needed).
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database, VisitStatus } from '../../src/db/schema';

export interface VisitSpec {
  date: string;
  specialistId: number;
  puskesmasId: number;
  status?: VisitStatus;
  startTime?: string;
  endTime?: string;
}

export async function insertVisit(db: Kysely<Database>, spec: VisitSpec): Promise<number> {
  const specialist = await db.selectFrom('specialist').select('specialty_id').where('id', '=', spec.specialistId).executeTakeFirstOrThrow();
  const row = await db
    .insertInto('visit')
    .values({
      uid: `${randomUUID()}@asuhan`,
      date: spec.date,
      start_time: spec.startTime ?? '09:00',
      end_time: spec.endTime ?? '12:00',
      specialist_id: spec.specialistId,
      puskesmas_id: spec.puskesmasId,
      specialty_id: specialist.specialty_id,
      status: spec.status ?? 'planned',
      pinned: 0,
      manual: 0,
      plan_id: null,
      notes: '',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Each demo puskesmas with its primary OB-GYN and pediatric specialists. */
export async function primaryPairs(db: Kysely<Database>): Promise<{ puskesmasId: number; specialistId: number; specialtyCode: string }[]> {
  return db
    .selectFrom('adoption')
    .innerJoin('specialist', 'specialist.id', 'adoption.specialist_id')
    .innerJoin('specialty', 'specialty.id', 'specialist.specialty_id')
    .select(['adoption.puskesmas_id as puskesmasId', 'adoption.specialist_id as specialistId', 'specialty.code as specialtyCode'])
    .where('adoption.role', '=', 'primary')
    .orderBy('adoption.puskesmas_id')
    .orderBy('specialty.code')
    .execute();
}
