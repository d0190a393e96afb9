// A server database on PostgreSQL, through the same Kysely layer as the SQLite file. Chosen by a
// postgres:// URL (--database-url or ASUHAN_DATABASE_URL); the SQLite file stays the default.
// Columns keep SQLite's shapes (0/1 flags, ISO text dates), and counts and sums come back as
// numbers as they do from better-sqlite3, so the data layer reads one shape from both engines.
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { postgresMigrations } from '../../migrations/postgres/index';
import { AsuhanError } from '../contract/errors';
import { redact } from './database-url';
import type { Database } from './schema';
import { serverBackupDirFor } from './server-backup';

export const SCHEMA_MIGRATION_SQL = 'CREATE TABLE IF NOT EXISTS schema_migration (name TEXT PRIMARY KEY NOT NULL, applied_at TEXT NOT NULL)';
// Any fixed number: the lock that keeps two servers starting at once from migrating together.
const MIGRATION_LOCK = 1095980366;
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

export interface ServerDb {
  readonly engine: 'postgres';
  readonly kysely: Kysely<Database>;
  /** The URL without its password, for messages and logs. */
  readonly label: string;
  /** The full URL, password included: for pg_dump, never for messages. */
  readonly url: string;
  /** Where pg_dump writes this database's backups (see server-backup.ts). */
  readonly backupDir: string;
  /** The schema holding this district's tables: 'public' for the database's first district. */
  readonly schema: string;
  close(): Promise<void>;
}

/** A further district's schema name (migration 0010). */
export const DISTRICT_SCHEMA = /^[a-z][a-z0-9_]{0,62}$/;

/** Integers past 2^53 do not occur here (ids are 32-bit, counts are of rows); a bigint count is a number. */
function typeParser(oid: number, format?: string): (value: string) => unknown {
  if (oid === PG_INT8 || oid === PG_NUMERIC) return Number;
  return pg.types.getTypeParser(oid, format as 'text');
}

export async function openPostgresDatabase(
  url: string,
  options: { migrate?: boolean; maxConnections?: number; backupDir?: string; schema?: string; idleMillis?: number } = {},
): Promise<ServerDb> {
  const schema = options.schema ?? 'public';
  if (!DISTRICT_SCHEMA.test(schema)) throw new Error(`not a district schema: ${schema}`);
  const label = schema === 'public' ? redact(url) : `${redact(url)} (skema ${schema})`;
  // Every connection of a district's pool sees its schema only (pg_catalog aside): the same
  // unqualified SQL serves every district, and no query can reach another district's rows.
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    ...(options.idleMillis !== undefined ? { idleTimeoutMillis: options.idleMillis } : {}),
    ...(schema === 'public' ? {} : { options: `-c search_path=${schema}` }),
    types: { getTypeParser: typeParser as never },
  });
  // An idle connection the server ends (a restart, an administrator) is replaced by the pool on the
  // next query; unheard, its error would end the whole process.
  pool.on('error', (error) => process.emitWarning(`Asuhan: a database connection to ${label} was closed: ${error.message}`));
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const backupDir = options.backupDir ?? serverBackupDirFor(url);
  const db: ServerDb = { engine: 'postgres', kysely, label, url, backupDir, schema, close: () => kysely.destroy() };
  try {
    await checkServer(db);
    if (options.migrate !== false) await migratePostgres(db);
    else await refuseNewer(db);
  } catch (error) {
    await db.close();
    if (error instanceof AsuhanError) throw error;
    const detail = error instanceof Error ? error.message : String(error);
    throw new AsuhanError('DB_MISSING', `Database server ${label} tidak bisa dibuka (${detail}).`, `Database server ${label} cannot be opened (${detail}).`);
  }
  return db;
}

// Text sorts byte by byte in SQLite; a server database with another collation would order names,
// dates and times differently from the PC, so it is refused with the command that makes a right one.
async function checkServer(db: ServerDb): Promise<void> {
  const { rows } = await sql<{ collate: string }>`SELECT datcollate AS collate FROM pg_database WHERE datname = current_database()`.execute(db.kysely);
  const collate = rows[0]?.collate ?? '';
  if (collate !== 'C' && collate !== 'POSIX') {
    throw new AsuhanError(
      'DB_CORRUPT',
      `Database ${db.label} memakai kolasi ${collate}; Asuhan memerlukan kolasi C. Buat dengan: createdb -E UTF8 --locale=C -T template0 <nama>.`,
      `Database ${db.label} uses collation ${collate}; Asuhan needs collation C. Create it with: createdb -E UTF8 --locale=C -T template0 <name>.`,
    );
  }
}

async function appliedNames(db: Kysely<Database>): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(db).catch((error: unknown) => {
    if (/relation "schema_migration" does not exist/.test(String(error))) return { rows: [] as { name: string }[] };
    throw error;
  });
  return rows.map((row) => row.name);
}

async function refuseNewer(db: ServerDb): Promise<void> {
  const unknown = (await appliedNames(db.kysely)).filter((name) => !(name in postgresMigrations));
  if (unknown.length > 0) {
    throw new AsuhanError(
      'DB_TOO_NEW',
      `Database ini dibuat oleh versi Asuhan yang lebih baru (migrasi ${unknown.join(', ')}). Perbarui aplikasi; database tidak diubah.`,
      `This database was made by a newer Asuhan (migrations ${unknown.join(', ')}). Update the app; the database was not changed.`,
    );
  }
}

/** Applies the pending migrations, each with its record in one transaction (PostgreSQL's DDL is transactional). */
export async function migratePostgres(db: ServerDb): Promise<string[]> {
  return db.kysely.connection().execute(async (connection) => {
    await sql`SELECT pg_advisory_lock(${MIGRATION_LOCK})`.execute(connection);
    try {
      await refuseNewer({ ...db, kysely: connection as Kysely<Database> });
      await sql.raw(SCHEMA_MIGRATION_SQL).execute(connection);
      const applied = await appliedNames(connection);
      const pending = Object.keys(postgresMigrations).sort().filter((name) => !applied.includes(name));
      for (const name of pending) {
        try {
          await connection.transaction().execute(async (trx) => {
            await postgresMigrations[name]!.up(trx);
            await sql`INSERT INTO schema_migration (name, applied_at) VALUES (${name}, ${new Date().toISOString()})`.execute(trx);
          });
        } catch (error) {
          const detail = error instanceof Error ? error.message : String(error);
          throw new AsuhanError('INTERNAL', `Migrasi database ${name} gagal: ${detail}`, `Database migration ${name} failed: ${detail}`);
        }
      }
      return pending;
    } finally {
      await sql`SELECT pg_advisory_unlock(${MIGRATION_LOCK})`.execute(connection);
    }
  });
}

export { DATABASE_URL_ENV, databaseUrlFrom, isPostgresUrl, redact } from './database-url';
