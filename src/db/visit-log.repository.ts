// Reading a visit's log with everything recorded at it, in the shapes the contract returns.
import type { Kysely, Selectable, Transaction } from 'kysely';
import { notFound } from '../contract/errors';
import type { Topic, VisitLog, VisitLogDetail } from '../contract/visit-log';
import { listFollowups } from '../reports/followups';
import { visitViewQuery, toVisitView } from './visits.repository';
import type { Database, TopicTable } from './schema';

type Db = Kysely<Database> | Transaction<Database>;

export const toTopic = (r: Selectable<TopicTable>): Topic => ({
  id: r.id,
  code: r.code,
  nameId: r.name_id,
  nameEn: r.name_en,
  specialtyCode: r.specialty_code,
  programme: r.programme,
  required: r.required === 1,
  active: r.active === 1,
  version: r.version,
});

export async function getVisitLogDetail(db: Db, visitId: number): Promise<VisitLogDetail> {
  const row = await visitViewQuery(db).where('visit.id', '=', visitId).executeTakeFirst();
  if (!row) throw notFound('Kunjungan', 'Visit', visitId);

  const visit = {
    ...toVisitView(row),
    movedToVisitId: row.moved_to_visit_id,
    movedFromVisitId: row.moved_from_visit_id,
  };

  const log = await readLog(db, visitId);
  const openFollowups = (await listFollowups(db, { status: 'open', puskesmasId: row.puskesmas_id })).filter(
    (f) => f.visitId !== visitId && f.openedOn <= (log?.actualDate ?? row.date),
  );
  return { visit, log, openFollowups };
}

async function readLog(db: Db, visitId: number): Promise<VisitLog | null> {
  const log = await db.selectFrom('visit_log').selectAll().where('visit_id', '=', visitId).executeTakeFirst();
  if (!log) return null;
  const [attendees, topics, cases, followupsOpened, followupsClosed] = await Promise.all([
    db.selectFrom('visit_attendee').select(['role', 'name', 'headcount']).where('visit_id', '=', visitId).orderBy('id').execute(),
    db
      .selectFrom('visit_topic')
      .innerJoin('topic', 'topic.id', 'visit_topic.topic_id')
      .selectAll('topic')
      .where('visit_topic.visit_id', '=', visitId)
      .orderBy('topic.id')
      .execute(),
    db
      .selectFrom('case_consult')
      .leftJoin('hospital', 'hospital.id', 'case_consult.hospital_id')
      .selectAll('case_consult')
      .select('hospital.name as hospital_name')
      .where('case_consult.visit_id', '=', visitId)
      .orderBy('case_consult.id')
      .execute(),
    listFollowups(db, { status: 'all', visitId }),
    listFollowups(db, { status: 'all', closedVisitId: visitId }),
  ]);
  return {
    visitId,
    outcome: log.outcome,
    actualDate: log.actual_date,
    startTime: log.start_time,
    endTime: log.end_time,
    reason: log.reason,
    notes: log.notes,
    loggedAt: log.logged_at,
    updatedAt: log.updated_at,
    attendees,
    attendance: attendees.reduce((sum, a) => sum + a.headcount, 0),
    topics: topics.map(toTopic),
    cases: cases.map((c) => ({
      id: c.id,
      ageGroup: c.age_group,
      condition: c.condition,
      decision: c.decision,
      hospitalId: c.hospital_id,
      hospitalName: c.hospital_name,
      notes: c.notes,
    })),
    followupsOpened,
    followupsClosed,
  };
}
