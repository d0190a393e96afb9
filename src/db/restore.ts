// Restoring a backup. The whole file is checked on a private copy before anything is replaced:
// integrity, that it is an Asuhan database this version knows, that its schema is exactly what
// Asuhan's migrations create at its level (no extra trigger or view, no dropped index, no
// changed column), that its foreign keys hold, and that it is a backup of this database (a
// backup of another district's database is refused unless the coordinator confirms it). Only
// then is the current database backed up and replaced. Every refusal names the file as the
// coordinator chose it and says that nothing changed.
//
// Restore works while the app has the database open: the checked copy is written INTO the live
// file through SQLite's backup API, as one write transaction: it all lands or none of it. Every
// open connection (the app's, a CLI in another process) stays valid and simply sees the restored
// content on its next read. Closing, swapping files and reopening would break every holder of the
// old connection, and on Windows a file open elsewhere cannot be replaced at all. Only when the
// current file is missing or damaged beyond opening is it set aside and replaced.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrations } from '../../migrations/index';
import { AsuhanError } from '../contract/errors';
import { fileSystemError } from '../files/errors';
import { audit } from './audit';
import { BACKUP_RECORD_TABLE, backupDatabase, backupDirFor, copyDatabase, databaseInstanceOf, districtNameOf, readBackupRecord, type BackupRecord } from './backup';
import { APPLICATION_ID, appliedMigrations, migrateToLatest, openDatabase, type SqliteDb } from './connect';
import { makePrivateTemp } from './private-temp';
import { describeDifferences, hasDifferences, referenceSchemaOf, schemaDifferences, schemaOf } from './reference-schema';

/** Far above any district's database (a province over ten years is about 210 MB). */
export const MAX_RESTORE_BYTES = 4 * 1024 * 1024 * 1024;

export interface RestoreOptions {
  now?: Date;
  /** The file as the coordinator knows it (the name picked, the path typed); used in every message. */
  displayName?: string;
  /** Restore a backup of another database (another district's) anyway: the explicit confirmation. */
  otherDistrict?: boolean;
}

export interface BackupOrigin {
  district: string | null;
  databasePath: string | null;
  /** False when the backup came from another database (restored only with the confirmation). */
  sameDatabase: boolean;
}

export interface RestoreResult {
  /** The file restored from, as given. */
  restoredFrom: string;
  /** Backup of the database as it was just before the restore (absent when it could not be opened). */
  safetyBackup: string | null;
  /** Where a damaged database was moved aside, when it was. */
  setAside: string | null;
  /** Migration level of the restored file, and what was applied to bring it up to date. */
  restoredLevel: string;
  migrated: string[];
  origin: BackupOrigin;
}

interface CheckedCopy {
  file: string;
  level: string;
  record: BackupRecord | null;
  district: string | null;
  instance: string | null;
  dispose(): void;
}

export function notRestorable(name: string, detailId: string, detailEn: string): AsuhanError {
  return new AsuhanError(
    'IMPORT',
    `Berkas ${name} tidak bisa dipulihkan: ${detailId}. Database sekarang tidak diubah.`,
    `File ${name} cannot be restored: ${detailEn}. The current database was not changed.`,
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Copies `file` (with its -wal, if a live database was copied) into a private folder beside
 * `dbPath` and checks the copy. The original is never opened, so it stays byte-for-byte as it was.
 */
export async function checkBackupFile(file: string, dbPath: string, options: { displayName?: string; pageSize?: number } = {}): Promise<CheckedCopy> {
  const source = path.resolve(file);
  const name = options.displayName ?? source;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new AsuhanError('NOT_FOUND', `Berkas cadangan ${name} tidak ditemukan. Database sekarang tidak diubah.`, `Backup file ${name} not found. The current database was not changed.`);
  }
  if (stat.isDirectory()) throw notRestorable(name, 'itu sebuah folder, bukan berkas cadangan', 'it is a folder, not a backup file');
  if (!stat.isFile()) throw notRestorable(name, 'itu bukan berkas biasa (perangkat atau pipa)', 'it is not an ordinary file (a device or a pipe)');
  if (stat.size > MAX_RESTORE_BYTES) throw notRestorable(name, `berkas terlalu besar (${(stat.size / 1024 ** 3).toFixed(1)} GB)`, `the file is too large (${(stat.size / 1024 ** 3).toFixed(1)} GB)`);
  let temp;
  try {
    temp = makePrivateTemp(dbPath, 'restore');
  } catch (error) {
    throw fileSystemError(error, path.dirname(path.resolve(dbPath)), 'folder');
  }
  try {
    const copy = temp.copy(source, 'candidate.db');
    if (fs.existsSync(`${source}-wal`)) temp.copy(`${source}-wal`, 'candidate.db-wal');
    const checked = await inspect(copy, name, options.pageSize);
    return { file: copy, ...checked, dispose: temp.dispose };
  } catch (error) {
    temp.dispose();
    throw fileSystemError(error, path.dirname(path.resolve(dbPath)), 'folder');
  }
}

async function inspect(copy: string, name: string, pageSize: number | undefined): Promise<Omit<CheckedCopy, 'file' | 'dispose'>> {
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(copy, { fileMustExist: true });
  } catch (error) {
    throw notRestorable(name, `bukan database SQLite (${errorText(error)})`, `not an SQLite database (${errorText(error)})`);
  }
  try {
    let integrity: string[];
    try {
      integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    } catch (error) {
      throw notRestorable(name, `berkas rusak atau terpotong (${errorText(error)})`, `the file is damaged or cut short (${errorText(error)})`);
    }
    if (integrity.join() !== 'ok') throw notRestorable(name, `berkas rusak (integrity_check: ${integrity.slice(0, 3).join('; ')})`, `the file is damaged (integrity_check: ${integrity.slice(0, 3).join('; ')})`);
    if (sqlite.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw notRestorable(name, 'ini database SQLite lain, bukan database Asuhan', 'it is another SQLite database, not an Asuhan database');
    let applied: string[];
    try {
      applied = appliedMigrations(sqlite);
    } catch (error) {
      throw notRestorable(name, `daftar migrasinya tidak terbaca (${errorText(error)})`, `its migration list cannot be read (${errorText(error)})`);
    }
    if (applied.length === 0) throw notRestorable(name, 'tidak ada daftar migrasi Asuhan di dalamnya', 'it holds no Asuhan migration list');
    const unknown = applied.filter((migration) => !(migration in migrations));
    if (unknown.length > 0) {
      throw new AsuhanError(
        'DB_TOO_NEW',
        `Cadangan ${name} dibuat oleh versi Asuhan yang lebih baru (migrasi ${unknown.join(', ')}). Perbarui aplikasi dulu; database sekarang tidak diubah.`,
        `Backup ${name} was made by a newer Asuhan (migrations ${unknown.join(', ')}). Update the app first; the current database was not changed.`,
      );
    }
    const level = applied.at(-1) as string;
    const differences = schemaDifferences(schemaOf(sqlite), await referenceSchemaOf(applied));
    if (hasDifferences(differences)) {
      const detail = describeDifferences(differences);
      throw notRestorable(
        name,
        `isinya tidak sama dengan database Asuhan pada tingkat ${level} (${detail.id}); berkas ini bukan cadangan yang dibuat Asuhan atau sudah diubah`,
        `its schema is not what Asuhan has at level ${level} (${detail.en}); it was not made by Asuhan or has been altered`,
      );
    }
    const violations = sqlite.prepare('PRAGMA foreign_key_check').all() as { table: string }[];
    if (violations.length > 0) {
      const tables = [...new Set(violations.map((v) => v.table))].slice(0, 5).join(', ');
      throw notRestorable(name, `${violations.length} baris merujuk data yang tidak ada (${tables})`, `${violations.length} rows refer to records that do not exist (${tables})`);
    }
    const record = readBackupRecord(sqlite);
    const district = districtNameOf(sqlite);
    const instance = databaseInstanceOf(sqlite);
    // The record describes the file, not the data: the restored database does not keep it.
    sqlite.exec(`DROP TABLE IF EXISTS ${BACKUP_RECORD_TABLE}`);
    // Standalone file; and the backup API cannot write into a WAL database of another page size.
    sqlite.pragma('journal_mode = DELETE');
    if (pageSize && sqlite.pragma('page_size', { simple: true }) !== pageSize) {
      sqlite.pragma(`page_size = ${Math.trunc(pageSize)}`);
      sqlite.exec('VACUUM');
    }
    return { level, record, district, instance };
  } finally {
    sqlite.close();
  }
}

export interface LiveIdentity {
  path: string;
  instance: string | null;
  district: string | null;
}

export function sameDistrictName(a: string | null, b: string | null): boolean {
  return (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
}

/** Whether the checked backup came from the live database (by its id, else its path, else its district). */
function originOf(checked: CheckedCopy, live: LiveIdentity): BackupOrigin {
  const recordedInstance = checked.record?.databaseInstance ?? checked.instance;
  let sameDatabase: boolean;
  if (recordedInstance && live.instance) sameDatabase = recordedInstance === live.instance;
  else if (checked.record?.databasePath) sameDatabase = path.resolve(checked.record.databasePath) === path.resolve(live.path);
  else sameDatabase = sameDistrictName(checked.district, live.district);
  return { district: checked.district, databasePath: checked.record?.databasePath ?? null, sameDatabase };
}

export function otherDistrictRefusal(name: string, origin: BackupOrigin, live: LiveIdentity): AsuhanError {
  const from = origin.district ?? '(kabupaten/kota belum diisi)';
  const fromEn = origin.district ?? '(district not set)';
  const to = live.district ?? '(kabupaten/kota belum diisi)';
  const toEn = live.district ?? '(district not set)';
  const where = origin.databasePath ? `, ${origin.databasePath}` : '';
  const message = `Cadangan ${name} berasal dari database lain: ${from}${where}. Database ini: ${to}, ${live.path}. Memulihkannya akan mengganti semua data ${to} dengan data ${from}. Bila memang itu maksudnya, ulangi dengan --other-district (di aplikasi: konfirmasi). Database sekarang tidak diubah.`;
  const messageEn = `Backup ${name} comes from another database: ${fromEn}${where}. This database: ${toEn}, ${live.path}. Restoring it would replace all of ${toEn}'s data with ${fromEn}'s. If that is what you mean, repeat with --other-district (in the app: confirm). The current database was not changed.`;
  return new AsuhanError('CONFLICT', message, messageEn, [{ path: 'otherDistrict', message, messageEn }]);
}

function liveIdentity(db: SqliteDb): LiveIdentity {
  return { path: db.path, instance: databaseInstanceOf(db.sqlite), district: districtNameOf(db.sqlite) };
}

/** Restores `file` into the open database `db` (see the header for why in place). */
export async function restoreIntoOpenDatabase(db: SqliteDb, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const name = options.displayName ?? path.resolve(file);
  if (db.path === ':memory:') throw new AsuhanError('IMPORT', 'Database di memori tidak bisa dipulihkan.', 'An in-memory database cannot be restored.');
  const checked = await checkBackupFile(file, db.path, { displayName: name, pageSize: db.sqlite.pragma('page_size', { simple: true }) as number });
  try {
    const live = liveIdentity(db);
    const origin = originOf(checked, live);
    if (!origin.sameDatabase && !options.otherDistrict) throw otherDistrictRefusal(name, origin, live);
    keepIdentity(checked.file, live.instance);
    const safetyBackup = await backupDatabase(db.sqlite, backupDirFor(db.path), 'before-restore', options.now);
    const source = new BetterSqlite3(checked.file, { readonly: true });
    try {
      // One step copies every page in one write transaction: all of it lands, or none.
      await copyDatabase(source, db.path);
    } catch (error) {
      throw fileSystemError(error, db.path, 'file');
    } finally {
      source.close();
    }
    const migrated = await migrateToLatest(db);
    if (live.instance) restoreIdentityAfterMigration(db, live.instance);
    await recordRestore(db, name, safetyBackup, checked.level, migrated, origin);
    return { restoredFrom: name, safetyBackup, setAside: null, restoredLevel: checked.level, migrated, origin };
  } finally {
    checked.dispose();
  }
}

/** The restored data becomes this database's: it keeps the live database's id. */
function keepIdentity(copy: string, instance: string | null): void {
  if (!instance) return;
  const sqlite = new BetterSqlite3(copy);
  try {
    if (sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'database_instance'").get()) {
      sqlite.prepare('UPDATE database_instance SET id = ?').run(instance);
    }
  } finally {
    sqlite.close();
  }
}

/** A backup from before migration 0007 gets a new id when migrated; give it the live one back. */
function restoreIdentityAfterMigration(db: SqliteDb, instance: string): void {
  if (databaseInstanceOf(db.sqlite) !== instance) db.sqlite.prepare('UPDATE database_instance SET id = ?').run(instance);
}

/**
 * Restores `file` into the database at `target` when no connection is open (the CLI). A damaged
 * or unreadable current file is moved aside (never deleted) and replaced by the checked copy.
 */
export async function restoreDatabaseFile(target: string, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const resolved = path.resolve(target);
  const name = options.displayName ?? path.resolve(file);
  let current: SqliteDb | undefined;
  if (fs.existsSync(resolved)) {
    try {
      current = await openDatabase(resolved, { migrate: false, dailyBackup: false });
    } catch (error) {
      if (!(error instanceof AsuhanError && error.code === 'DB_CORRUPT')) throw error;
    }
  }
  if (current) {
    try {
      return await restoreIntoOpenDatabase(current, file, { ...options, displayName: name });
    } finally {
      await current.close();
    }
  }
  const now = options.now ?? new Date();
  const checked = await checkBackupFile(file, resolved, { displayName: name });
  try {
    const setAside = fs.existsSync(resolved) ? moveAside(resolved, now) : null;
    fs.mkdirSync(path.dirname(resolved), { recursive: true });
    const partial = `${resolved}.${process.pid}.partial`;
    fs.copyFileSync(checked.file, partial);
    fs.renameSync(partial, resolved);
    const db = await openDatabase(resolved, { dailyBackup: false });
    try {
      const migrated = migrationsAppliedSince(checked.level, db);
      const origin: BackupOrigin = { district: checked.district, databasePath: checked.record?.databasePath ?? null, sameDatabase: true };
      await recordRestore(db, name, null, checked.level, migrated, origin);
      return { restoredFrom: name, safetyBackup: null, setAside, restoredLevel: checked.level, migrated, origin };
    } finally {
      await db.close();
    }
  } finally {
    checked.dispose();
  }
}

function moveAside(file: string, now: Date): string {
  const aside = `${file}.damaged-${now.toISOString().replace(/[-:.]/g, '')}`;
  fs.renameSync(file, aside);
  for (const suffix of ['-wal', '-shm', '-journal']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  }
  return aside;
}

function migrationsAppliedSince(level: string, db: SqliteDb): string[] {
  return appliedMigrations(db.sqlite).filter((name) => name > level);
}

async function recordRestore(db: SqliteDb, name: string, safetyBackup: string | null, level: string, migrated: string[], origin: BackupOrigin): Promise<void> {
  await db.kysely.transaction().execute((trx) =>
    audit(trx, {
      entity: 'database',
      entityId: path.basename(name).slice(0, 200),
      action: 'restore',
      after: { restoredFrom: name, safetyBackup, restoredLevel: level, migrated, fromDistrict: origin.district, otherDatabase: !origin.sameDatabase },
    }),
  );
}
