// Generates months of visits with their logs for every primary adoption: for tests (a district
// with a year of logged visits) and the benchmark (ten years of a province-sized district).
// Deterministic for a given seed. On SQLite it writes through prepared statements in one
// transaction, because hundreds of thousands of rows through the query builder would take minutes;
// on PostgreSQL the same rows are gathered and sent in batched multi-row inserts.
import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { AsuhanDb } from '../db/connect';
import type { Database } from '../db/schema';
import type { AttendeeRole, CaseAgeGroup, CaseDecision } from '../db/schema';
import { isoWeekday, monthDays, monthRange } from '../domain/dates';

export interface HistoryOptions {
  from: string;
  to: string;
  /** Visits before this day get an outcome; later ones stay planned. */
  today: string;
  seed?: number;
}

export interface HistorySummary {
  visits: number;
  logged: number;
  done: number;
  topics: number;
  attendees: number;
  cases: number;
  followups: number;
}

/** Small, fast, seedable PRNG (mulberry32). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ROLES: AttendeeRole[] = ['dokter_umum', 'bidan', 'perawat', 'gizi', 'kader'];
const AGE_GROUPS: Record<string, CaseAgeGroup[]> = {
  obgyn: ['adolescent', 'adult', 'adult', 'adult_35_plus'],
  pediatric: ['neonate', 'infant', 'toddler', 'child'],
};
const CONDITIONS: Record<string, string[]> = {
  obgyn: ['Preeklampsia berat 34 minggu', 'Anemia sedang trimester 3', 'Letak sungsang 37 minggu', 'KPD 12 jam', 'Riwayat SC 2 kali'],
  pediatric: ['BBLR 1900 g', 'Pneumonia berat', 'Diare dehidrasi sedang', 'Gizi buruk', 'Ikterus hari ke-3'],
};
const DECISIONS: CaseDecision[] = ['managed', 'managed', 'referred', 'follow_up'];
const ACTIONS = ['Latih ulang tim bersalin', 'Lengkapi obat emergensi', 'Perbaiki pencatatan kohort', 'Susun alur rujukan', 'Kalibrasi timbangan bayi'];

interface DistrictShape {
  pairs: { puskesmas_id: number; specialist_id: number; specialty_id: number; specialty_code: string }[];
  topics: { id: number; specialty_code: string | null }[];
  hospitals: number[];
}

const PAIRS_SQL = `SELECT a.puskesmas_id, a.specialist_id, s.specialty_id, sp.code AS specialty_code
  FROM adoption a JOIN specialist s ON s.id = a.specialist_id JOIN specialty sp ON sp.id = s.specialty_id
  WHERE a.role = 'primary' ORDER BY a.puskesmas_id, sp.code`;
const TOPICS_SQL = 'SELECT id, specialty_code FROM topic WHERE active = 1 ORDER BY id';
const HOSPITALS_SQL = 'SELECT id FROM hospital ORDER BY id';

type VisitRow = [uid: string, date: string, start: string, end: string, specialistId: number, puskesmasId: number, specialtyId: number, status: string];
type LogRow = [visit: number, outcome: string, actualDate: string | null, start: string | null, end: string | null, reason: string];
type CaseRow = [visit: number, ageGroup: string, condition: string, decision: string, hospitalId: number | null];

/** Where the generated rows go; visits and follow-ups are named by a key the sink hands out. */
interface HistorySink {
  visit(row: VisitRow): number;
  log(row: LogRow): void;
  attendee(visit: number, role: string, headcount: number): void;
  topic(visit: number, topicId: number): void;
  consult(row: CaseRow): void;
  followup(visit: number, action: string, due: string): number;
  closeFollowup(followup: number, closedBy: number, on: string): void;
}

function generate(shape: DistrictShape, options: HistoryOptions, sink: HistorySink): HistorySummary {
  const rand = random(options.seed ?? 20260218);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)] as T;
  const { pairs, topics, hospitals } = shape;
  const topicsFor = (code: string) => topics.filter((t) => t.specialty_code === code || t.specialty_code === null).map((t) => t.id);

  const summary: HistorySummary = { visits: 0, logged: 0, done: 0, topics: 0, attendees: 0, cases: 0, followups: 0 };
  const openFollowups = new Map<number, { id: number; opened: string }[]>();
  for (const month of monthRange(options.from, options.to)) {
    const workdays = monthDays(month).filter((d) => isoWeekday(d) <= 5);
    for (const pair of pairs) {
      const date = pick(workdays);
      const start = pick(['08:00', '08:30', '09:00']);
      const end = pick(['11:00', '11:30', '12:00']);
      const roll = rand();
      const past = date < options.today;
      const status = !past ? 'planned' : roll < 0.86 ? 'done' : roll < 0.91 ? 'cancelled' : roll < 0.95 ? 'missed' : 'planned';
      const visitId = sink.visit([`${randomUUID()}@asuhan`, date, start, end, pair.specialist_id, pair.puskesmas_id, pair.specialty_id, status]);
      summary.visits += 1;
      if (status === 'planned') continue;
      summary.logged += 1;
      if (status !== 'done') {
        sink.log([visitId, status, null, null, null, status === 'cancelled' ? 'Dokter ada operasi cito' : '']);
        continue;
      }
      summary.done += 1;
      sink.log([visitId, 'done', date, start, end, '']);
      for (const role of ROLES) {
        if (role !== 'bidan' && rand() < 0.4) continue;
        sink.attendee(visitId, role, 1 + Math.floor(rand() * 5));
        summary.attendees += 1;
      }
      const pool = topicsFor(pair.specialty_code);
      const chosen = new Set<number>();
      const count = 2 + Math.floor(rand() * 3);
      while (chosen.size < Math.min(count, pool.length)) chosen.add(pick(pool));
      for (const topicId of chosen) sink.topic(visitId, topicId);
      summary.topics += chosen.size;
      const cases = Math.floor(rand() * 3);
      for (let i = 0; i < cases; i += 1) {
        const decision = pick(DECISIONS);
        sink.consult([
          visitId,
          pick(AGE_GROUPS[pair.specialty_code] ?? AGE_GROUPS.obgyn!),
          pick(CONDITIONS[pair.specialty_code] ?? CONDITIONS.obgyn!),
          decision,
          decision === 'referred' && hospitals.length > 0 ? pick(hospitals) : null,
        ]);
        summary.cases += 1;
      }
      const open = openFollowups.get(pair.puskesmas_id) ?? [];
      const stillOpen = open.filter((f) => {
        if (f.opened < date && rand() < 0.7) {
          sink.closeFollowup(f.id, visitId, date);
          return false;
        }
        return true;
      });
      if (rand() < 0.35) {
        const due = `${month}-28`;
        const id = sink.followup(visitId, pick(ACTIONS), due > date ? due : date);
        stillOpen.push({ id, opened: date });
        summary.followups += 1;
      }
      openFollowups.set(pair.puskesmas_id, stillOpen);
    }
  }
  return summary;
}

export function generateVisitLogHistory(sqlite: BetterSqlite3.Database, options: HistoryOptions): HistorySummary {
  const shape: DistrictShape = {
    pairs: sqlite.prepare(PAIRS_SQL).all() as DistrictShape['pairs'],
    topics: sqlite.prepare(TOPICS_SQL).all() as DistrictShape['topics'],
    hospitals: (sqlite.prepare(HOSPITALS_SQL).all() as { id: number }[]).map((h) => h.id),
  };
  const insertVisit = sqlite.prepare(
    `INSERT INTO visit (uid, date, start_time, end_time, specialist_id, puskesmas_id, specialty_id, status, pinned, manual, plan_id, notes)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, NULL, '')`,
  );
  const insertLog = sqlite.prepare(
    `INSERT INTO visit_log (visit_id, outcome, actual_date, start_time, end_time, reason, notes) VALUES (?, ?, ?, ?, ?, ?, '')`,
  );
  const insertAttendee = sqlite.prepare(`INSERT INTO visit_attendee (visit_id, role, name, headcount) VALUES (?, ?, '', ?)`);
  const insertTopic = sqlite.prepare(`INSERT INTO visit_topic (visit_id, topic_id) VALUES (?, ?)`);
  const insertCase = sqlite.prepare(
    `INSERT INTO case_consult (visit_id, age_group, condition, decision, hospital_id, notes) VALUES (?, ?, ?, ?, ?, '')`,
  );
  const insertFollowup = sqlite.prepare(`INSERT INTO followup (visit_id, action, owner, due_date) VALUES (?, ?, 'Kepala puskesmas', ?)`);
  const closeFollowup = sqlite.prepare(`UPDATE followup SET status = 'closed', closed_visit_id = ?, closed_on = ? WHERE id = ?`);
  const sink: HistorySink = {
    visit: (row) => Number(insertVisit.run(...row).lastInsertRowid),
    log: (row) => void insertLog.run(...row),
    attendee: (visit, role, headcount) => void insertAttendee.run(visit, role, headcount),
    topic: (visit, topicId) => void insertTopic.run(visit, topicId),
    consult: (row) => void insertCase.run(...row),
    followup: (visit, action, due) => Number(insertFollowup.run(visit, action, due).lastInsertRowid),
    closeFollowup: (followup, closedBy, on) => void closeFollowup.run(closedBy, on, followup),
  };
  return sqlite.transaction(() => generate(shape, options, sink))();
}

const BATCH = 500;

async function insertBatched<Row>(rows: Row[], write: (batch: Row[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}

/** The same history on either engine (PostgreSQL: gathered, then batched inserts in one transaction). */
export async function generateVisitLogHistoryOn(db: AsuhanDb, options: HistoryOptions): Promise<HistorySummary> {
  if (db.engine === 'sqlite') return generateVisitLogHistory(db.sqlite, options);
  const kysely: Kysely<Database> = db.kysely;
  const shape: DistrictShape = {
    pairs: (await sql.raw<DistrictShape['pairs'][number]>(PAIRS_SQL).execute(kysely)).rows,
    topics: (await sql.raw<DistrictShape['topics'][number]>(TOPICS_SQL).execute(kysely)).rows,
    hospitals: (await sql.raw<{ id: number }>(HOSPITALS_SQL).execute(kysely)).rows.map((h) => h.id),
  };
  const visits: VisitRow[] = [];
  const logs: LogRow[] = [];
  const attendees: [number, string, number][] = [];
  const topics: [number, number][] = [];
  const consults: CaseRow[] = [];
  const followups: { visit: number; action: string; due: string; closedBy: number | null; closedOn: string | null }[] = [];
  const summary = generate(shape, options, {
    visit: (row) => visits.push(row) - 1,
    log: (row) => void logs.push(row),
    attendee: (visit, role, headcount) => void attendees.push([visit, role, headcount]),
    topic: (visit, topicId) => void topics.push([visit, topicId]),
    consult: (row) => void consults.push(row),
    followup: (visit, action, due) => followups.push({ visit, action, due, closedBy: null, closedOn: null }) - 1,
    closeFollowup: (followup, closedBy, on) => Object.assign(followups[followup]!, { closedBy, closedOn: on }),
  });
  await kysely.transaction().execute(async (trx) => {
    const ids: number[] = [];
    await insertBatched(visits, async (batch) => {
      const inserted = await trx
        .insertInto('visit')
        .values(batch.map(([uid, date, start_time, end_time, specialist_id, puskesmas_id, specialty_id, status]) => ({ uid, date, start_time, end_time, specialist_id, puskesmas_id, specialty_id, status: status as 'planned', pinned: 0, manual: 0, plan_id: null, notes: '' })))
        .returning(['id', 'uid'])
        .execute();
      const byUid = new Map(inserted.map((row) => [row.uid, row.id]));
      for (const [uid] of batch) ids.push(byUid.get(uid)!);
    });
    const id = (key: number) => ids[key]!;
    await insertBatched(logs, (batch) =>
      trx
        .insertInto('visit_log')
        .values(batch.map(([visit, outcome, actual_date, start_time, end_time, reason]) => ({ visit_id: id(visit), outcome: outcome as 'done', actual_date, start_time, end_time, reason, notes: '' })))
        .execute(),
    );
    await insertBatched(attendees, (batch) =>
      trx.insertInto('visit_attendee').values(batch.map(([visit, role, headcount]) => ({ visit_id: id(visit), role: role as AttendeeRole, name: '', headcount }))).execute(),
    );
    await insertBatched(topics, (batch) => trx.insertInto('visit_topic').values(batch.map(([visit, topic_id]) => ({ visit_id: id(visit), topic_id }))).execute());
    await insertBatched(consults, (batch) =>
      trx
        .insertInto('case_consult')
        .values(batch.map(([visit, age_group, condition, decision, hospital_id]) => ({ visit_id: id(visit), age_group: age_group as CaseAgeGroup, condition, decision: decision as CaseDecision, hospital_id, notes: '' })))
        .execute(),
    );
    await insertBatched(followups, (batch) =>
      trx
        .insertInto('followup')
        .values(
          batch.map((f) => ({
            visit_id: id(f.visit),
            action: f.action,
            owner: 'Kepala puskesmas',
            due_date: f.due,
            ...(f.closedBy === null ? {} : { status: 'closed' as const, closed_visit_id: id(f.closedBy), closed_on: f.closedOn }),
          })),
        )
        .execute(),
    );
  });
  return summary;
}
