// Past visits whose outcome is not logged yet: still planned or confirmed on a day before today.
// The Dasbor counts them and Catatan kunjungan lists them with this one predicate, so both agree.
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../db/schema';
import { addMonths, firstDayOfMonth, monthOf } from '../domain/dates';

/** How far back the Dasbor's backlog count reaches (months, this one included). */
export const BACKLOG_MONTHS = 12;

export interface DateRange {
  from: string;
  to: string;
}

/** The backlog the Dasbor counts: the last BACKLOG_MONTHS months up to today. */
export function backlogRange(today: string): DateRange {
  return { from: firstDayOfMonth(addMonths(monthOf(today), -(BACKLOG_MONTHS - 1))), to: today };
}

/** Visits in [from, to] dated before today and still waiting for their outcome. */
export function isUnlogged(range: DateRange, today: string) {
  return (eb: ExpressionBuilder<Database, 'visit'>) =>
    eb.and([
      eb('visit.status', 'in', ['planned', 'confirmed']),
      eb('visit.date', '<', today),
      eb('visit.date', '>=', range.from),
      eb('visit.date', '<=', range.to),
    ]);
}

export async function countUnloggedVisits(db: Kysely<Database>, range: DateRange, today: string): Promise<number> {
  const row = await db
    .selectFrom('visit')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where(isUnlogged(range, today))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
