// Follow-up actions agreed at visits: the list (for the screen and for closing them at a later
// visit) and the report of what is open and overdue.
import type { Kysely, Transaction } from 'kysely';
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
    .orderBy('followup.status', 'desc')
    .orderBy('followup.due_date')
    .orderBy('followup.id');
  if (filter.status && filter.status !== 'all') query = query.where('followup.status', '=', filter.status);
  if (filter.puskesmasId) query = query.where('visit.puskesmas_id', '=', filter.puskesmasId);
  if (filter.ids) query = query.where('followup.id', 'in', filter.ids.length ? filter.ids : [-1]);
  if (filter.visitId) query = query.where('followup.visit_id', '=', filter.visitId);
  if (filter.closedVisitId) query = query.where('followup.closed_visit_id', '=', filter.closedVisitId);
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
  rows: FollowupReportRow[];
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
  filter: { status: FollowupStatusFilter; puskesmasId?: number | undefined },
  options: { today?: string } = {},
): Promise<FollowupReport> {
  const today = options.today ?? todayIn((await getSettings(db)).timeZone);
  const list = await listFollowups(db, filter);
  const rows = list.map((f): FollowupReportRow => {
    const late = f.status === 'open' && f.dueDate < today ? daysBetween(f.dueDate, today) : 0;
    return { ...f, overdue: late > 0, daysOverdue: late };
  });
  const byPuskesmas = new Map<number, FollowupReport['byPuskesmas'][number]>();
  for (const row of rows) {
    if (row.status !== 'open') continue;
    const entry = byPuskesmas.get(row.puskesmasId) ?? { puskesmasId: row.puskesmasId, puskesmasName: row.puskesmasName, open: 0, overdue: 0 };
    entry.open += 1;
    if (row.overdue) entry.overdue += 1;
    byPuskesmas.set(row.puskesmasId, entry);
  }
  return {
    today,
    status: filter.status,
    counts: await followupCounts(db, today, filter.puskesmasId),
    byPuskesmas: [...byPuskesmas.values()].sort((a, b) => b.overdue - a.overdue || b.open - a.open || a.puskesmasName.localeCompare(b.puskesmasName)),
    rows,
  };
}
