// Opening a database file: pragmas for safety, a check that the file is an Asuhan database
// this version understands, a backup, then the pending migrations.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { migrations } from '../../migrations/index';
import { AsuhanError } from '../contract/errors';
import { backupDatabase, backupDirFor, backupIfDue } from './backup';
import { ImmediateSqliteDialect } from './dialect';
import { cleanStaleTemp } from './private-temp';
import { SCHEMA_MIGRATION_SQL } from './reference-schema';
import type { ServerDb } from './postgres';
import type { Database } from './schema';

export const APPLICATION_ID = 1095980366; // 'ASUN'
const DAILY_BACKUP_CHECK_MS = 60 * 60 * 1000;

/** The SQLite file on the coordinator's PC: the embedded default. */
export interface SqliteDb {
  readonly engine: 'sqlite';
  readonly kysely: Kysely<Database>;
  readonly sqlite: BetterSqlite3.Database;
  readonly path: string;
  close(): Promise<void>;
}

/** Either engine: services use `kysely`, and only engine-specific code (backups, restore) looks at `engine`. */
export type AsuhanDb = SqliteDb | ServerDb;

export interface OpenOptions {
  /** Create the file when missing (init); otherwise a missing file is an error. */
  create?: boolean;
  /** Apply pending migrations (default true). */
  migrate?: boolean;
  readonly?: boolean;
  /** Take the daily backup when the newest is a day old (default true; skipped for new files). */
  dailyBackup?: boolean;
  /** A server database's backup folder (default: see serverBackupDirFor). */
  backupDir?: string;
}

export const LATEST_MIGRATION = Object.keys(migrations).sort().at(-1) as string;

export async function openDatabase(file: string, options: OpenOptions = {}): Promise<SqliteDb> {
  const resolved = file === ':memory:' ? file : path.resolve(file);
  const existedBefore = resolved !== ':memory:' && fs.existsSync(resolved);
  if (resolved !== ':memory:') {
    if (!fs.existsSync(resolved)) {
      if (!options.create) {
        throw new AsuhanError(
          'DB_MISSING',
          `Database ${resolved} belum ada. Jalankan "asuhan init" (atau "asuhan init --demo") dulu.`,
          `Database ${resolved} does not exist. Run "asuhan init" (or "asuhan init --demo") first.`,
        );
      }
      fs.mkdirSync(path.dirname(resolved), { recursive: true });
    } else if (fs.statSync(resolved).isDirectory()) {
      throw new AsuhanError('DB_CORRUPT', `${resolved} adalah folder, bukan berkas database.`, `${resolved} is a folder, not a database file.`);
    }
  }

  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(resolved, { readonly: options.readonly ?? false });
  } catch (error) {
    throw corrupt(resolved, error);
  }
  try {
    // Identity and version are checked before any pragma can touch the file: a refused file stays byte-for-byte as it was.
    sqlite.pragma('busy_timeout = 5000');
    checkIdentity(sqlite, resolved);
    if (options.migrate !== false) refuseNewer(sqlite);
    configure(sqlite, options.readonly ?? false);
  } catch (error) {
    sqlite.close();
    throw error;
  }

  const kysely = new Kysely<Database>({ dialect: new ImmediateSqliteDialect({ database: sqlite }) });
  let dailyTimer: NodeJS.Timeout | undefined;
  const db: SqliteDb = {
    engine: 'sqlite',
    kysely,
    sqlite,
    path: resolved,
    close: async () => {
      clearInterval(dailyTimer);
      await kysely.destroy();
    },
  };
  if (options.migrate !== false && !options.readonly) {
    try {
      await migrateToLatest(db);
    } catch (error) {
      await db.close();
      throw error;
    }
  }
  // Copies a killed restore or upload left behind (issue 13, point 10) go at the next start.
  if (resolved !== ':memory:' && !options.readonly) cleanStaleTemp(resolved);
  if (resolved !== ':memory:' && options.dailyBackup !== false && !options.readonly) {
    // A failed daily backup (full disk, read-only folder) must not lock the coordinator out.
    const dailyBackup = () =>
      sqlite.open && appliedMigrations(sqlite).length > 0
        ? backupIfDue(sqlite, resolved).catch((error: unknown) => process.emitWarning(`Asuhan: daily backup failed: ${String(error)}`))
        : undefined;
    if (existedBefore) await dailyBackup();
    // The app may stay open for weeks: it still gets a backup each day.
    dailyTimer = setInterval(() => void dailyBackup(), DAILY_BACKUP_CHECK_MS).unref();
  }
  return db;
}

/** Whether the file and its folder can be written (SQLite needs both, for its journal). */
function writable(file: string): boolean {
  try {
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function corrupt(file: string, error: unknown): AsuhanError {
  const detail = error instanceof Error ? error.message : String(error);
  if (/readonly database|read-only file system|SQLITE_READONLY/i.test(detail) || (/unable to open database file/i.test(detail) && !writable(file))) {
    return new AsuhanError(
      'IMPORT',
      `Database ${file} hanya bisa dibaca (folder atau berkas hanya-baca, mis. CD atau flashdisk terkunci); pindahkan ke folder yang bisa ditulisi. Tidak ada data yang hilang.`,
      `Database ${file} is read-only (a read-only folder or file, e.g. a CD or a locked USB stick); move it to a folder you can write to. No data was lost.`,
    );
  }
  return new AsuhanError(
    'DB_CORRUPT',
    `Berkas ${file} tidak bisa dibuka sebagai database Asuhan (${detail}).`,
    `File ${file} cannot be opened as an Asuhan database (${detail}).`,
  );
}

function configure(sqlite: BetterSqlite3.Database, readonly: boolean): void {
  try {
    sqlite.pragma('busy_timeout = 5000');
    if (!readonly) sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // FULL: a committed change survives a power cut, which matters more here than write speed.
    sqlite.pragma('synchronous = FULL');
  } catch (error) {
    throw corrupt(sqlite.name, error);
  }
}

function checkIdentity(sqlite: BetterSqlite3.Database, file: string): void {
  let applicationId: number;
  let tableCount: number;
  try {
    applicationId = sqlite.pragma('application_id', { simple: true }) as number;
    tableCount = (sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number }).n;
  } catch (error) {
    throw corrupt(file, error);
  }
  if (tableCount > 0 && applicationId !== APPLICATION_ID) {
    throw new AsuhanError(
      'DB_CORRUPT',
      `Berkas ${file} adalah database SQLite lain, bukan database Asuhan.`,
      `File ${file} is another SQLite database, not an Asuhan database.`,
    );
  }
}

/** Names of migrations recorded in the file (empty for a new file). */
export function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'").get();
  if (!exists) return [];
  return (sqlite.prepare('SELECT name FROM schema_migration ORDER BY name').all() as { name: string }[]).map((r) => r.name);
}

function refuseNewer(sqlite: BetterSqlite3.Database): void {
  const applied = appliedMigrations(sqlite);
  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new AsuhanError(
      'DB_TOO_NEW',
      `Database ini dibuat oleh versi Asuhan yang lebih baru (migrasi ${unknown.join(', ')}). Perbarui aplikasi; database tidak diubah.`,
      `This database was made by a newer Asuhan (migrations ${unknown.join(', ')}). Update the app; the database was not changed.`,
    );
  }
}

export async function migrateToLatest(db: SqliteDb): Promise<string[]> {
  refuseNewer(db.sqlite);
  const applied = appliedMigrations(db.sqlite);
  const pending = Object.keys(migrations).filter((name) => !applied.includes(name));
  if (pending.length === 0) return [];
  if (applied.length > 0 && db.path !== ':memory:') {
    await backupDatabase(db.sqlite, backupDirFor(db.path), `before-migration-${pending[0]}`);
  }
  // Each migration and its record commit together: a failure leaves the previous level intact.
  // (Kysely's own Migrator does not use transactions on SQLite.)
  await sql.raw(SCHEMA_MIGRATION_SQL).execute(db.kysely);
  for (const name of pending) {
    const migration = migrations[name]!;
    try {
      await db.kysely.transaction().execute(async (trx) => {
        await migration.up(trx);
        await sql`INSERT INTO schema_migration (name, applied_at) VALUES (${name}, ${new Date().toISOString()})`.execute(trx);
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new AsuhanError('INTERNAL', `Migrasi database ${name} gagal: ${detail}`, `Database migration ${name} failed: ${detail}`);
    }
  }
  return pending;
}

/** Where to open: the server's postgres:// URL when one is given, else the SQLite file. */
export interface DatabaseTarget {
  file: string;
  url?: string | undefined;
}

/** Opens the server database when a URL is given (see databaseUrlFrom), else the SQLite file. */
export async function openAnyDatabase(target: DatabaseTarget, options: OpenOptions = {}): Promise<AsuhanDb> {
  if (target.url !== undefined) {
    if (options.readonly) {
      throw new AsuhanError('VALIDATION', 'Database server tidak dibuka hanya-baca dari sini.', 'A server database is not opened read-only from here.');
    }
    // Loaded only for a server: the pg driver stays out of every command on the SQLite file.
    const { openPostgresDatabase } = await import('./postgres');
    return openPostgresDatabase(target.url, { migrate: options.migrate !== false, ...(options.backupDir ? { backupDir: options.backupDir } : {}) });
  }
  return openDatabase(target.file, options);
}

/** Where the database is, for messages: the file's path, or the server URL without its password. */
export function databaseLocation(db: AsuhanDb): string {
  return db.engine === 'sqlite' ? db.path : db.label;
}

/** The newest migration the database records (null for an empty one), read the same way on both engines. */
export async function schemaVersionOf(db: AsuhanDb): Promise<string | null> {
  const { rows } = await sql<{ name: string | null }>`SELECT max(name) AS name FROM schema_migration`.execute(db.kysely);
  return rows[0]?.name ?? null;
}
