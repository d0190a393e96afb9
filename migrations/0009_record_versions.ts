// Migration 0009: every editable record carries a version. An edit names the version it read and
// is refused (CONFLICT) when someone changed the record since, so two coordinators editing the
// same visit never silently overwrite each other. The trigger bumps the version on every update
// that does not set it itself (plan apply, undo, imports, restores), so no writer can slip past a
// stale check. Who changed it and when is read from the audit log, written in the same
// transaction, rather than kept twice in the row. Frozen once released.
import { sql, type Kysely } from 'kysely';

/** The tables whose rows screens and the CLI edit, and the column that names one row. */
const VERSIONED_TABLES: [table: string, key: string][] = [
  ['setting', 'key'],
  ['specialty', 'id'],
  ['hospital', 'id'],
  ['specialist', 'id'],
  ['unavailability', 'id'],
  ['puskesmas', 'id'],
  ['adoption', 'id'],
  ['holiday', 'id'],
  ['plan', 'id'],
  ['visit', 'id'],
  ['visit_log', 'visit_id'],
  ['topic', 'id'],
  ['followup', 'id'],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [table, key] of VERSIONED_TABLES) {
    await sql.raw(`ALTER TABLE ${table} ADD COLUMN version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1)`).execute(db);
    // An update that sets the version (old + 1) is the checked path; any other gets the bump here.
    await sql
      .raw(
        `CREATE TRIGGER ${table}_version_bump AFTER UPDATE ON ${table} FOR EACH ROW WHEN NEW.version = OLD.version BEGIN
           UPDATE ${table} SET version = OLD.version + 1 WHERE ${key} = NEW.${key};
         END`,
      )
      .execute(db);
  }
}
