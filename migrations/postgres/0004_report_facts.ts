// PostgreSQL twin of migration 0004: the report fact tables, kept in step by PL/pgSQL trigger
// functions that do what the SQLite triggers do, row by row, in the same transaction. Frozen.
import { sql, type Kysely } from 'kysely';

const statements = [
  `CREATE TABLE topic_fact (
     puskesmas_id INTEGER NOT NULL,
     topic_id INTEGER NOT NULL,
     date TEXT NOT NULL,
     visit_id INTEGER NOT NULL,
     PRIMARY KEY (puskesmas_id, topic_id, date, visit_id)
   )`,
  `CREATE INDEX topic_fact_visit ON topic_fact(visit_id)`,
  `CREATE TABLE attendance_fact (
     puskesmas_id INTEGER NOT NULL,
     role TEXT NOT NULL,
     date TEXT NOT NULL,
     attendee_id INTEGER NOT NULL,
     visit_id INTEGER NOT NULL,
     headcount INTEGER NOT NULL,
     PRIMARY KEY (puskesmas_id, role, date, attendee_id)
   )`,
  `CREATE INDEX attendance_fact_visit ON attendance_fact(visit_id)`,
  `CREATE INDEX attendance_fact_attendee ON attendance_fact(attendee_id)`,

  `CREATE FUNCTION topic_fact_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP IN ('DELETE', 'UPDATE') THEN
       DELETE FROM topic_fact WHERE visit_id = OLD.visit_id AND topic_id = OLD.topic_id;
     END IF;
     IF TG_OP IN ('INSERT', 'UPDATE') THEN
       INSERT INTO topic_fact (puskesmas_id, topic_id, date, visit_id)
         SELECT v.puskesmas_id, NEW.topic_id, v.date, v.id FROM visit v WHERE v.id = NEW.visit_id AND v.status = 'done';
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER topic_fact_sync AFTER INSERT OR UPDATE OR DELETE ON visit_topic FOR EACH ROW EXECUTE FUNCTION topic_fact_sync()`,
  `CREATE FUNCTION attendance_fact_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF TG_OP IN ('DELETE', 'UPDATE') THEN
       DELETE FROM attendance_fact WHERE attendee_id = OLD.id;
     END IF;
     IF TG_OP IN ('INSERT', 'UPDATE') THEN
       INSERT INTO attendance_fact (puskesmas_id, role, date, attendee_id, visit_id, headcount)
         SELECT v.puskesmas_id, NEW.role, v.date, NEW.id, v.id, NEW.headcount FROM visit v WHERE v.id = NEW.visit_id AND v.status = 'done';
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER attendance_fact_sync AFTER INSERT OR UPDATE OR DELETE ON visit_attendee FOR EACH ROW EXECUTE FUNCTION attendance_fact_sync()`,
  // A visit that becomes done (or stops being done, or moves) takes its topics and attendance along.
  `CREATE FUNCTION report_facts_visit_sync() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     DELETE FROM topic_fact WHERE visit_id = OLD.id;
     DELETE FROM attendance_fact WHERE visit_id = OLD.id;
     IF TG_OP = 'UPDATE' AND NEW.status = 'done' THEN
       INSERT INTO topic_fact (puskesmas_id, topic_id, date, visit_id)
         SELECT NEW.puskesmas_id, t.topic_id, NEW.date, NEW.id FROM visit_topic t WHERE t.visit_id = NEW.id;
       INSERT INTO attendance_fact (puskesmas_id, role, date, attendee_id, visit_id, headcount)
         SELECT NEW.puskesmas_id, a.role, NEW.date, a.id, NEW.id, a.headcount FROM visit_attendee a WHERE a.visit_id = NEW.id;
     END IF;
     RETURN NULL;
   END $$`,
  `CREATE TRIGGER report_facts_after_visit_update AFTER UPDATE OF status, date, puskesmas_id ON visit FOR EACH ROW EXECUTE FUNCTION report_facts_visit_sync()`,
  `CREATE TRIGGER report_facts_after_visit_delete AFTER DELETE ON visit FOR EACH ROW EXECUTE FUNCTION report_facts_visit_sync()`,

  `INSERT INTO topic_fact (puskesmas_id, topic_id, date, visit_id)
     SELECT v.puskesmas_id, t.topic_id, v.date, v.id FROM visit_topic t JOIN visit v ON v.id = t.visit_id WHERE v.status = 'done'`,
  `INSERT INTO attendance_fact (puskesmas_id, role, date, attendee_id, visit_id, headcount)
     SELECT v.puskesmas_id, a.role, v.date, a.id, v.id, a.headcount FROM visit_attendee a JOIN visit v ON v.id = a.visit_id WHERE v.status = 'done'`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of statements) await sql.raw(statement).execute(db);
}
