// Migration 0004: narrow copies of the done visits' topics and attendance, ordered by
// puskesmas, topic or role, and date, so reports over years of logs group by scanning an index
// instead of sorting hundreds of thousands of joined rows. Triggers keep them in step with
// visit_topic, visit_attendee and the visit itself inside the same transaction. Frozen.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE topic_fact (
     puskesmas_id INTEGER NOT NULL,
     topic_id INTEGER NOT NULL,
     date TEXT NOT NULL,
     visit_id INTEGER NOT NULL,
     PRIMARY KEY (puskesmas_id, topic_id, date, visit_id)
   ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX topic_fact_visit ON topic_fact(visit_id)`,
  `CREATE TABLE attendance_fact (
     puskesmas_id INTEGER NOT NULL,
     role TEXT NOT NULL,
     date TEXT NOT NULL,
     attendee_id INTEGER NOT NULL,
     visit_id INTEGER NOT NULL,
     headcount INTEGER NOT NULL,
     PRIMARY KEY (puskesmas_id, role, date, attendee_id)
   ) STRICT, WITHOUT ROWID`,
  `CREATE INDEX attendance_fact_visit ON attendance_fact(visit_id)`,
  `CREATE INDEX attendance_fact_attendee ON attendance_fact(attendee_id)`,

  `CREATE TRIGGER topic_fact_after_insert AFTER INSERT ON visit_topic BEGIN
     INSERT INTO topic_fact (puskesmas_id, topic_id, date, visit_id)
       SELECT v.puskesmas_id, NEW.topic_id, v.date, v.id FROM visit v WHERE v.id = NEW.visit_id AND v.status = 'done';
   END`,
  `CREATE TRIGGER topic_fact_after_delete AFTER DELETE ON visit_topic BEGIN
     DELETE FROM topic_fact WHERE visit_id = OLD.visit_id AND topic_id = OLD.topic_id;
   END`,
  `CREATE TRIGGER topic_fact_after_update AFTER UPDATE ON visit_topic BEGIN
     DELETE FROM topic_fact WHERE visit_id = OLD.visit_id AND topic_id = OLD.topic_id;
     INSERT INTO topic_fact (puskesmas_id, topic_id, date, visit_id)
       SELECT v.puskesmas_id, NEW.topic_id, v.date, v.id FROM visit v WHERE v.id = NEW.visit_id AND v.status = 'done';
   END`,
  `CREATE TRIGGER attendance_fact_after_insert AFTER INSERT ON visit_attendee BEGIN
     INSERT INTO attendance_fact (puskesmas_id, role, date, attendee_id, visit_id, headcount)
       SELECT v.puskesmas_id, NEW.role, v.date, NEW.id, v.id, NEW.headcount FROM visit v WHERE v.id = NEW.visit_id AND v.status = 'done';
   END`,
  `CREATE TRIGGER attendance_fact_after_delete AFTER DELETE ON visit_attendee BEGIN
     DELETE FROM attendance_fact WHERE attendee_id = OLD.id;
   END`,
  `CREATE TRIGGER attendance_fact_after_update AFTER UPDATE ON visit_attendee BEGIN
     DELETE FROM attendance_fact WHERE attendee_id = OLD.id;
     INSERT INTO attendance_fact (puskesmas_id, role, date, attendee_id, visit_id, headcount)
       SELECT v.puskesmas_id, NEW.role, v.date, NEW.id, v.id, NEW.headcount FROM visit v WHERE v.id = NEW.visit_id AND v.status = 'done';
   END`,
  // A visit that becomes done (or stops being done, or moves to another date or puskesmas)
  // takes its topics and attendance along.
  `CREATE TRIGGER report_facts_after_visit_update AFTER UPDATE OF status, date, puskesmas_id ON visit BEGIN
     DELETE FROM topic_fact WHERE visit_id = OLD.id;
     DELETE FROM attendance_fact WHERE visit_id = OLD.id;
     INSERT INTO topic_fact (puskesmas_id, topic_id, date, visit_id)
       SELECT NEW.puskesmas_id, t.topic_id, NEW.date, NEW.id FROM visit_topic t WHERE t.visit_id = NEW.id AND NEW.status = 'done';
     INSERT INTO attendance_fact (puskesmas_id, role, date, attendee_id, visit_id, headcount)
       SELECT NEW.puskesmas_id, a.role, NEW.date, a.id, NEW.id, a.headcount FROM visit_attendee a WHERE a.visit_id = NEW.id AND NEW.status = 'done';
   END`,
  `CREATE TRIGGER report_facts_after_visit_delete AFTER DELETE ON visit BEGIN
     DELETE FROM topic_fact WHERE visit_id = OLD.id;
     DELETE FROM attendance_fact WHERE visit_id = OLD.id;
   END`,

  `INSERT INTO topic_fact (puskesmas_id, topic_id, date, visit_id)
     SELECT v.puskesmas_id, t.topic_id, v.date, v.id FROM visit_topic t JOIN visit v ON v.id = t.visit_id WHERE v.status = 'done'`,
  `INSERT INTO attendance_fact (puskesmas_id, role, date, attendee_id, visit_id, headcount)
     SELECT v.puskesmas_id, a.role, v.date, a.id, v.id, a.headcount FROM visit_attendee a JOIN visit v ON v.id = a.visit_id WHERE v.status = 'done'`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
