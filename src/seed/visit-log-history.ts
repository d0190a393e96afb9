// Generates months of visits with their logs for every primary adoption: for tests (a district
// with a year of logged visits) and the benchmark (ten years of a province-sized district).
// Deterministic for a given seed. Writes through prepared statements in one transaction,
// because hundreds of thousands of rows through the query builder would take minutes.
import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
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

export function generateVisitLogHistory(sqlite: BetterSqlite3.Database, options: HistoryOptions): HistorySummary {
  const rand = random(options.seed ?? 20260218);
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)] as T;

  const pairs = sqlite
    .prepare(
      `SELECT a.puskesmas_id, a.specialist_id, s.specialty_id, sp.code AS specialty_code
       FROM adoption a JOIN specialist s ON s.id = a.specialist_id JOIN specialty sp ON sp.id = s.specialty_id
       WHERE a.role = 'primary' ORDER BY a.puskesmas_id, sp.code`,
    )
    .all() as { puskesmas_id: number; specialist_id: number; specialty_id: number; specialty_code: string }[];
  const topics = sqlite.prepare('SELECT id, specialty_code FROM topic WHERE active = 1').all() as { id: number; specialty_code: string | null }[];
  const hospitals = (sqlite.prepare('SELECT id FROM hospital').all() as { id: number }[]).map((h) => h.id);
  const topicsFor = (code: string) => topics.filter((t) => t.specialty_code === code || t.specialty_code === null).map((t) => t.id);

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

  const summary: HistorySummary = { visits: 0, logged: 0, done: 0, topics: 0, attendees: 0, cases: 0, followups: 0 };
  const openFollowups = new Map<number, { id: number; opened: string }[]>();

  const run = sqlite.transaction(() => {
    for (const month of monthRange(options.from, options.to)) {
      const workdays = monthDays(month).filter((d) => isoWeekday(d) <= 5);
      for (const pair of pairs) {
        const date = pick(workdays);
        const start = pick(['08:00', '08:30', '09:00']);
        const end = pick(['11:00', '11:30', '12:00']);
        const roll = rand();
        const past = date < options.today;
        const status = !past ? 'planned' : roll < 0.86 ? 'done' : roll < 0.91 ? 'cancelled' : roll < 0.95 ? 'missed' : 'planned';
        const visitId = Number(
          insertVisit.run(`${randomUUID()}@asuhan`, date, start, end, pair.specialist_id, pair.puskesmas_id, pair.specialty_id, status).lastInsertRowid,
        );
        summary.visits += 1;
        if (status === 'planned') continue;
        summary.logged += 1;
        if (status !== 'done') {
          insertLog.run(visitId, status, null, null, null, status === 'cancelled' ? 'Dokter ada operasi cito' : '');
          continue;
        }
        summary.done += 1;
        insertLog.run(visitId, 'done', date, start, end, '');
        for (const role of ROLES) {
          if (role !== 'bidan' && rand() < 0.4) continue;
          insertAttendee.run(visitId, role, 1 + Math.floor(rand() * 5));
          summary.attendees += 1;
        }
        const pool = topicsFor(pair.specialty_code);
        const chosen = new Set<number>();
        const count = 2 + Math.floor(rand() * 3);
        while (chosen.size < Math.min(count, pool.length)) chosen.add(pick(pool));
        for (const topicId of chosen) insertTopic.run(visitId, topicId);
        summary.topics += chosen.size;
        const cases = Math.floor(rand() * 3);
        for (let i = 0; i < cases; i += 1) {
          const decision = pick(DECISIONS);
          insertCase.run(
            visitId,
            pick(AGE_GROUPS[pair.specialty_code] ?? AGE_GROUPS.obgyn!),
            pick(CONDITIONS[pair.specialty_code] ?? CONDITIONS.obgyn!),
            decision,
            decision === 'referred' && hospitals.length > 0 ? pick(hospitals) : null,
          );
          summary.cases += 1;
        }
        const open = openFollowups.get(pair.puskesmas_id) ?? [];
        const stillOpen = open.filter((f) => {
          if (f.opened < date && rand() < 0.7) {
            closeFollowup.run(visitId, date, f.id);
            return false;
          }
          return true;
        });
        if (rand() < 0.35) {
          const due = `${month}-28`;
          const id = Number(insertFollowup.run(visitId, pick(ACTIONS), due > date ? due : date).lastInsertRowid);
          stillOpen.push({ id, opened: date });
          summary.followups += 1;
        }
        openFollowups.set(pair.puskesmas_id, stillOpen);
      }
    }
  });
  run();
  return summary;
}
