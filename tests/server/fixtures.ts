// Shared by the account tests: a few visits of two specialists in the demo district (written
// straight into the table: these tests are about who may see them, not how they were planned),
// and a cheap argon2 cost (the stored hash carries it, so verification follows).
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';

export const TEST_COST = { memoryKiB: 1024, passes: 1 };

export interface SeededVisits {
  specialistA: number;
  specialistB: number;
  /** uid of a visit of A's that is cancelled. */
  cancelledUid: string;
}

export async function seedVisits(db: Kysely<Database>): Promise<SeededVisits> {
  const adoptions = await db
    .selectFrom('adoption')
    .innerJoin('specialist', 'specialist.id', 'adoption.specialist_id')
    .select(['adoption.specialist_id', 'adoption.puskesmas_id', 'specialist.specialty_id'])
    .orderBy('adoption.specialist_id')
    .execute();
  const a = adoptions[0]!;
  const b = adoptions.find((row) => row.specialist_id !== a.specialist_id)!;
  const visit = (row: typeof a, uid: string, date: string, status: 'planned' | 'confirmed' | 'cancelled') => ({
    uid,
    date,
    start_time: '09:00',
    end_time: '11:00',
    specialist_id: row.specialist_id,
    puskesmas_id: row.puskesmas_id,
    specialty_id: row.specialty_id,
    status,
    pinned: 0,
    manual: 1,
    plan_id: null,
    notes: '',
  });
  await db
    .insertInto('visit')
    .values([
      visit(a, 'uji-a-1', '2026-02-19', 'confirmed'),
      visit(a, 'uji-a-2', '2026-03-05', 'planned'),
      visit(a, 'uji-a-3', '2026-03-12', 'cancelled'),
      visit(b, 'uji-b-1', '2026-02-20', 'confirmed'),
      visit(b, 'uji-b-2', '2026-03-06', 'planned'),
    ])
    .execute();
  return { specialistA: a.specialist_id, specialistB: b.specialist_id, cancelledUid: 'uji-a-3' };
}
