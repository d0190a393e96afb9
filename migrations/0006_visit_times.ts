// Migration 0006: visit times as data. A puskesmas may give the time visits start on each
// weekday (JSON object: ISO weekday -> 'HH:mm'; absent = the programme's start, or the opening
// time where that does not fit); a specialty may override the programme's visit length.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE puskesmas ADD COLUMN visit_starts TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(visit_starts) AND json_type(visit_starts) = 'object')`.execute(db);
  await sql`ALTER TABLE specialty ADD COLUMN visit_minutes INTEGER CHECK (visit_minutes IS NULL OR (visit_minutes BETWEEN 1 AND 1440))`.execute(db);
}
