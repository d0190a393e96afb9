// Follow-up actions agreed at visits: the list (for the screen and for closing them at a later
// visit) and the report of what is open and overdue.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Followup } from '../contract/visit-log';
import type { Database } from '../db/schema';
import { getSettings } from '../db/settings.repository';
import { daysBetween, todayIn } from '../domain/dates';

export type FollowupStatusFilter = 'open' | 'closed' | 'all';

export interface FollowupFilter {
  status?: FollowupStatusFilter;
  puskesmasId?: number | undefined;
  ids?: number[];
  /** Agreed at this visit. */
  visitId?: number;
  /** Closed at this visit. */
  closedVisitId?: number;
  limit?: number | undefined;
}

type Db = Kysely<Database> | Transaction<Database>;

export async function listFollowups(db: Db, filter: FollowupFilter): Promise<Followup[]> {
  let query = db
    .selectFrom('followup')
    .innerJoin('visit', 'visit.id', 'followup.visit_id')
    .innerJoin('puskesmas', 'puskesmas.id', 'visit.puskesmas_id')
    .innerJoin('specialist', 'specialist.id', 'visit.specialist_id')
    .selectAll('followup')
    .select(['visit.date as opened_on', 'visit.puskesmas_id', 'puskesmas.name as puskesmas_name', 'specialist.name as specialist_name'])
    // Open ones first, soonest due first; then closed ones, most recently closed first.
    .orderBy('followup.status', 'desc')
    .orderBy(sql`CASE WHEN followup.status = 'open' THEN followup.due_date END`)
    .orderBy('followup.closed_on', 'desc')
    .orderBy('followup.id');
  if (filter.status && filter.status !== 'all') query = query.where('followup.status', '=', filter.status);
  if (filter.puskesmasId) query = query.where('visit.puskesmas_id', '=', filter.puskesmasId);
  if (filter.ids) query = query.where('followup.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.visitId) query = query.where('followup.visit_id', '=', filter.visitId);
  if (filter.closedVisitId) query = query.where('followup.closed_visit_id', '=', filter.closedVisitId);
  if (filter.limit) query = query.limit(filter.limit);
  const rows = await query.execute();
  return rows.map((r) => ({
    id: r.id,
    visitId: r.visit_id,
    openedOn: r.opened_on,
    puskesmasId: r.puskesmas_id,
    puskesmasName: r.puskesmas_name,
    specialistName: r.specialist_name,
    action: r.action,
    owner: r.owner,
    dueDate: r.due_date,
    status: r.status,
    closedVisitId: r.closed_visit_id,
    closedOn: r.closed_on,
    closedNote: r.closed_note,
  }));
}

export interface FollowupReportRow extends Followup {
  overdue: boolean;
  /** Days past the due date (0 when not overdue or closed). */
  daysOverdue: number;
}

export interface FollowupReport {
  today: string;
  status: FollowupStatusFilter;
  counts: { open: number; overdue: number; closed: number };
  byPuskesmas: { puskesmasId: number; puskesmasName: string; open: number; overdue: number }[];
  /** At most `limit` rows (open first); counts and byPuskesmas always cover everything. */
  rows: FollowupReportRow[];
  truncated: boolean;
}

export async function followupCounts(db: Kysely<Database>, today: string, puskesmasId?: number): Promise<FollowupReport['counts']> {
  let query = db
    .selectFrom('followup')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere('followup.status', '=', 'open').as('open'),
      eb.fn.countAll<number>().filterWhere((w) => w.and([w('followup.status', '=', 'open'), w('followup.due_date', '<', today)])).as('overdue'),
      eb.fn.countAll<number>().filterWhere('followup.status', '=', 'closed').as('closed'),
    ]);
  if (puskesmasId) {
    query = query.where('followup.visit_id', 'in', (eb) => eb.selectFrom('visit').select('visit.id').where('visit.puskesmas_id', '=', puskesmasId));
  }
  const row = await query.executeTakeFirstOrThrow();
  return { open: Number(row.open), overdue: Number(row.overdue), closed: Number(row.closed) };
}

export async function followupReport(
  db: Kysely<Database>,
  filter: { status: FollowupStatusFilter; puskesmasId?: number | undefined; limit?: number | undefined },
  options: { today?: string } = {},
): Promise<FollowupReport> {
  const today = options.today ?? todayIn((await getSettings(db)).timeZone);
  const limit = filter.limit ?? DEFAULT_LIMIT;
  const list = await listFollowups(db, { ...filter, limit: limit + 1 });
  const rows = list.slice(0, limit).map((f): FollowupReportRow => {
    const late = f.status === 'open' && f.dueDate < today ? daysBetween(f.dueDate, today) : 0;
    return { ...f, overdue: late > 0, daysOverdue: late };
  });
  return {
    today,
    status: filter.status,
    counts: await followupCounts(db, today, filter.puskesmasId),
    byPuskesmas: await openByPuskesmas(db, today, filter.puskesmasId),
    rows,
    truncated: list.length > limit,
  };
}

const DEFAULT_LIMIT = 500;

async function openByPuskesmas(db: Kysely<Database>, today: string, puskesmasId?: number): Promise<FollowupReport['byPuskesmas']> {
  let query = db
    .selectFrom('followup')
    .innerJoin('visit', 'visit.id', 'followup.visit_id')
    .innerJoin('puskesmas', 'puskesmas.id', 'visit.puskesmas_id')
    .select((eb) => [
      'visit.puskesmas_id',
      'puskesmas.name',
      eb.fn.countAll<number>().as('open'),
      eb.fn.countAll<number>().filterWhere('followup.due_date', '<', today).as('overdue'),
    ])
    .where('followup.status', '=', 'open')
    .groupBy(['visit.puskesmas_id', 'puskesmas.name']);
  if (puskesmasId) query = query.where('visit.puskesmas_id', '=', puskesmasId);
  const rows = await query.execute();
  return rows
    .map((r) => ({ puskesmasId: r.puskesmas_id, puskesmasName: r.name, open: Number(r.open), overdue: Number(r.overdue) }))
    .sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.puskesmasName.localeCompare(b.puskesmasName));
}
