// Visits written straight into the table, one per primary adoption, on working days of a
// month: the exports are tested without waiting for the scheduler.
import type { Kysely } from 'kysely';
import type { Database } from '../../src/db/schema';
import { isoWeekday, monthDays } from '../../src/domain/dates';

export const TEST_MONTH = '2026-03';

export async function seedMonthVisits(db: Kysely<Database>, month = TEST_MONTH, limit = Infinity): Promise<number> {
  const holidays = new Set((await db.selectFrom('holiday').select('date').execute()).map((h) => h.date));
  const workdays = monthDays(month).filter((d) => isoWeekday(d) <= 5 && !holidays.has(d));
  const adoptions = await db
    .selectFrom('adoption')
    .innerJoin('specialist', 'specialist.id', 'adoption.specialist_id')
    .select(['adoption.specialist_id', 'adoption.puskesmas_id', 'specialist.specialty_id'])
    .where('adoption.role', '=', 'primary')
    .orderBy('adoption.id')
    .execute();
  const chosen = adoptions.slice(0, Number.isFinite(limit) ? limit : undefined);
  const used = new Set<string>();
  let n = 0;
  for (const a of chosen) {
    // Each specialist at most one visit a day: walk the working days from an offset.
    let day = workdays[n % workdays.length] as string;
    for (let k = 0; used.has(`${a.specialist_id}:${day}`) && k < workdays.length; k++) day = workdays[(n + k) % workdays.length] as string;
    used.add(`${a.specialist_id}:${day}`);
    await db
      .insertInto('visit')
      .values({
        uid: `test-${month}-${a.specialist_id}-${a.puskesmas_id}`,
        date: day,
        start_time: n % 3 === 0 ? '08:00' : '09:00',
        end_time: n % 3 === 0 ? '11:00' : '12:00',
        specialist_id: a.specialist_id,
        puskesmas_id: a.puskesmas_id,
        specialty_id: a.specialty_id,
        status: 'planned',
        pinned: 0,
        manual: 0,
        plan_id: null,
        notes: '',
      })
      .execute();
    n++;
  }
  return n;
}
