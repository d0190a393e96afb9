// PostgreSQL twin of migration 0006: a puskesmas's visit start per weekday (a JSON object) and a
// specialty's own visit length. Frozen.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // SQLite's json_valid(x) AND json_type(x) = 'object', in one function so an invalid text cannot reach the cast.
  await sql.raw(`CREATE FUNCTION asuhan_json_object(value text) RETURNS boolean LANGUAGE plpgsql IMMUTABLE AS $$
   BEGIN
     RETURN jsonb_typeof(value::jsonb) = 'object';
   EXCEPTION WHEN others THEN
     RETURN false;
   END $$`).execute(db);
  await sql`ALTER TABLE puskesmas ADD COLUMN visit_starts TEXT NOT NULL DEFAULT '{}' CHECK (asuhan_json_object(visit_starts))`.execute(db);
  await sql`ALTER TABLE specialty ADD COLUMN visit_minutes INTEGER CHECK (visit_minutes IS NULL OR (visit_minutes BETWEEN 1 AND 1440))`.execute(db);
}
