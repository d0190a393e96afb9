// PostgreSQL twin of migration 0007: one row with this database's random id (32 hex digits).
// Frozen once released.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`CREATE TABLE database_instance (
     id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
     created_at TEXT NOT NULL
   )`).execute(db);
  await sql.raw(`INSERT INTO database_instance (id, created_at) VALUES (replace(gen_random_uuid()::text, '-', ''), asuhan_now_iso())`).execute(db);
}
