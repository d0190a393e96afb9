// What a restored server dump holds beyond its rows, compared with what Asuhan's own migrations
// create at the same level (as reference-schema.ts does for the PC's file): every column, constraint,
// index, trigger, function, view, rule, policy and other object of the schema, and the database's
// extensions and event triggers. An extra trigger that deletes records, a changed function body or
// a dropped index makes the dump refused.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { postgresMigrations } from '../../migrations/postgres/index';
import { SCHEMA_MIGRATION_SQL } from './postgres';

/** One line per object, sorted; equal lists mean equal schemas. */
export async function schemaFingerprint(db: Kysely<any>): Promise<string[]> {
  const { rows } = await sql<{ item: string }>`
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS item
      FROM information_schema.columns WHERE table_schema = current_schema()
    UNION ALL
    SELECT 'object ' || c.relname || ' ' || c.relkind::text FROM pg_class c WHERE c.relnamespace = current_schema()::text::regnamespace
    UNION ALL
    SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = current_schema()::text::regnamespace
    UNION ALL
    SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL
    SELECT 'trigger ' || pg_get_triggerdef(t.oid) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::text::regnamespace
    UNION ALL
    SELECT 'function ' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ') ' || p.prokind::text || ' ' || p.prosecdef::text || ' ' || md5(coalesce(p.prosrc, ''))
      FROM pg_proc p WHERE p.pronamespace = current_schema()::text::regnamespace
    UNION ALL
    SELECT 'view ' || viewname || ' ' || definition FROM pg_views WHERE schemaname = current_schema()
    UNION ALL
    SELECT 'rule ' || tablename || ' ' || rulename || ' ' || definition FROM pg_rules WHERE schemaname = current_schema()
    UNION ALL
    SELECT 'policy ' || tablename || ' ' || policyname FROM pg_policies WHERE schemaname = current_schema()
    UNION ALL
    SELECT 'type ' || t.typname || ' ' || t.typtype::text FROM pg_type t
      WHERE t.typnamespace = current_schema()::text::regnamespace AND t.typrelid = 0 AND t.typelem = 0
    UNION ALL
    SELECT 'extension ' || extname FROM pg_extension
    UNION ALL
    SELECT 'event trigger ' || evtname FROM pg_event_trigger
  `.execute(db);
  return rows.map((row) => normalised(row.item)).sort();
}

/**
 * PostgreSQL deparses a restored expression with other parentheses than the one a migration
 * wrote (`(a AND b) AND c` comes back as `a AND b AND c`); they are left out of the comparison.
 */
function normalised(item: string): string {
  return /^(constraint|view|rule) /.test(item) ? item.replace(/[()]/g, '').replace(/\s+/g, ' ') : item;
}

/** The fingerprint of a database migrated to exactly `applied` (the dump's level), made in the empty database at `url`. */
export async function referenceFingerprint(url: string, applied: string[]): Promise<string[]> {
  const db = new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) }) });
  try {
    await sql.raw(SCHEMA_MIGRATION_SQL).execute(db);
    for (const name of [...applied].sort()) await db.transaction().execute((trx) => postgresMigrations[name]!.up(trx));
    return await schemaFingerprint(db);
  } finally {
    await db.destroy();
  }
}

/** What one list has that the other lacks. */
export function fingerprintDifferences(actual: string[], reference: string[]): { extra: string[]; missing: string[] } {
  const want = new Set(reference);
  const have = new Set(actual);
  return { extra: actual.filter((item) => !want.has(item)), missing: reference.filter((item) => !have.has(item)) };
}
