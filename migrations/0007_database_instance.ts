// Migration 0007: which database this is. One row with a random id, made once; backups carry it
// (they are copies), so a backup of one district's database is told apart from another's even
// when both sit in one folder or arrive on a USB stick. A restore keeps the live database's id.
// Frozen once released.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql.raw(`CREATE TABLE database_instance (
     id TEXT PRIMARY KEY NOT NULL CHECK (length(id) = 32),
     created_at TEXT NOT NULL
   ) STRICT`).execute(db);
  await sql.raw(`INSERT INTO database_instance (id, created_at) VALUES (lower(hex(randomblob(16))), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`).execute(db);
}
