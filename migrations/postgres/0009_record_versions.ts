// PostgreSQL twin of migration 0009: a version on every editable record, bumped by a trigger on
// every update that does not set it itself. Frozen.
import { sql, type Kysely } from 'kysely';

const VERSIONED_TABLES = ['setting', 'specialty', 'hospital', 'specialist', 'unavailability', 'puskesmas', 'adoption', 'holiday', 'plan', 'visit', 'visit_log', 'topic', 'followup'];

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`CREATE FUNCTION asuhan_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF NEW.version = OLD.version THEN NEW.version := OLD.version + 1; END IF;
     RETURN NEW;
   END $$`).execute(db);
  for (const table of VERSIONED_TABLES) {
    await sql.raw(`ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)`).execute(db);
    await sql.raw(`CREATE TRIGGER ${table}_version_bump BEFORE UPDATE ON ${table} FOR EACH ROW EXECUTE FUNCTION asuhan_version_bump()`).execute(db);
  }
}
