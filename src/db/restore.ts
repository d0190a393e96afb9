// Restoring a backup. The file is checked on a private copy first (integrity, that it is an
// Asuhan database, that this version knows every migration in it) before anything is replaced,
// and the current database is backed up before it is overwritten.
//
// Restore works while the app has the database open: the checked copy is written INTO the live
// file through SQLite's backup API, as one write transaction. Every open connection (the app's,
// a CLI in another process) stays valid and simply sees the restored content on its next read;
// handlers keep their Kysely instance. Closing, swapping files and reopening would break every
// holder of the old connection, and on Windows a file open elsewhere cannot be replaced at all.
// Only when the current file is missing or damaged beyond opening is it set aside and replaced.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { migrations } from '../../migrations/index';
import { AsuhanError } from '../contract/errors';
import { audit } from './audit';
import { backupDatabase, backupDirFor, copyDatabase } from './backup';
import { APPLICATION_ID, appliedMigrations, migrateToLatest, openDatabase, type AsuhanDb } from './connect';

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
}

interface CheckedCopy {
  file: string;
  level: string;
  dispose(): void;
}

function refuse(messageId: string, messageEn: string): AsuhanError {
  return new AsuhanError('IMPORT', messageId, messageEn);
}

/**
 * Copies `file` (with its -wal, if a live database was copied) into a temp folder and checks the
 * copy. The original is never opened, so it stays byte-for-byte as it was.
 */
export function checkBackupFile(file: string, pageSize?: number): CheckedCopy {
  const source = path.resolve(file);
  if (!fs.existsSync(source) || !fs.statSync(source).isFile()) {
    throw new AsuhanError('NOT_FOUND', `Berkas cadangan ${source} tidak ditemukan.`, `Backup file ${source} not found.`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-restore-'));
  const copy = path.join(dir, 'candidate.db');
  const dispose = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    fs.copyFileSync(source, copy);
    if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${copy}-wal`);
    const level = inspect(copy, source, pageSize);
    return { file: copy, level, dispose };
  } catch (error) {
    dispose();
    throw error;
  }
}

function inspect(copy: string, source: string, pageSize: number | undefined): string {
  const notAsuhan = (detail: string) =>
    refuse(
      `Berkas ${source} bukan cadangan database Asuhan yang bisa dipulihkan (${detail}). Database sekarang tidak diubah.`,
      `File ${source} is not an Asuhan database backup that can be restored (${detail}). The current database was not changed.`,
    );
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(copy, { fileMustExist: true });
  } catch (error) {
    throw notAsuhan(error instanceof Error ? error.message : String(error));
  }
  try {
    let integrity: string[];
    try {
      integrity = (sqlite.pragma('integrity_check') as { integrity_check: string }[]).map((row) => row.integrity_check);
    } catch (error) {
      throw notAsuhan(error instanceof Error ? error.message : String(error));
    }
    if (integrity.join() !== 'ok') throw notAsuhan(`integrity_check: ${integrity.slice(0, 3).join('; ')}`);
    if (sqlite.pragma('application_id', { simple: true }) !== APPLICATION_ID) throw notAsuhan('application_id');
    const applied = appliedMigrations(sqlite);
    if (applied.length === 0) throw notAsuhan('schema_migration');
    const unknown = applied.filter((name) => !(name in migrations));
    if (unknown.length > 0) {
      throw new AsuhanError(
        'DB_TOO_NEW',
        `Cadangan ${source} dibuat oleh versi Asuhan yang lebih baru (migrasi ${unknown.join(', ')}). Perbarui aplikasi dulu; database sekarang tidak diubah.`,
        `Backup ${source} was made by a newer Asuhan (migrations ${unknown.join(', ')}). Update the app first; the current database was not changed.`,
      );
    }
    // Standalone file; and the backup API cannot write into a WAL database of another page size.
    sqlite.pragma('journal_mode = DELETE');
    if (pageSize && sqlite.pragma('page_size', { simple: true }) !== pageSize) {
      sqlite.pragma(`page_size = ${Math.trunc(pageSize)}`);
      sqlite.exec('VACUUM');
    }
    return applied.at(-1) as string;
  } finally {
    sqlite.close();
  }
}

/** Restores `file` into the open database `db` (see the header for why in place). */
export async function restoreIntoOpenDatabase(db: AsuhanDb, file: string, now: Date = new Date()): Promise<RestoreResult> {
  if (db.path === ':memory:') throw refuse('Database di memori tidak bisa dipulihkan.', 'An in-memory database cannot be restored.');
  const checked = checkBackupFile(file, db.sqlite.pragma('page_size', { simple: true }) as number);
  try {
    const safetyBackup = await backupDatabase(db.sqlite, backupDirFor(db.path), 'before-restore', now);
    const source = new BetterSqlite3(checked.file, { readonly: true });
    try {
      // One step copies every page in one write transaction: all of it lands, or none.
      await copyDatabase(source, db.path);
    } finally {
      source.close();
    }
    const migrated = await migrateToLatest(db);
    await recordRestore(db, file, safetyBackup, checked.level, migrated);
    return { restoredFrom: path.resolve(file), safetyBackup, setAside: null, restoredLevel: checked.level, migrated };
  } finally {
    checked.dispose();
  }
}

/**
 * Restores `file` into the database at `target` when no connection is open (the CLI). A damaged
 * or unreadable current file is moved aside (never deleted) and replaced by the checked copy.
 */
export async function restoreDatabaseFile(target: string, file: string, now: Date = new Date()): Promise<RestoreResult> {
  const resolved = path.resolve(target);
  let current: AsuhanDb | undefined;
  if (fs.existsSync(resolved)) {
    try {
      current = await openDatabase(resolved, { migrate: false, dailyBackup: false });
    } catch (error) {
      if (!(error instanceof AsuhanError && error.code === 'DB_CORRUPT')) throw error;
    }
  }
  if (current) {
    try {
      return await restoreIntoOpenDatabase(current, file, now);
    } finally {
      await current.close();
    }
  }
  const checked = checkBackupFile(file);
  try {
    const setAside = fs.existsSync(resolved) ? moveAside(resolved, now) : null;
    fs.mkdirSync(path.dirname(resolved), { recursive: true });
    fs.copyFileSync(checked.file, `${resolved}.partial`);
    fs.renameSync(`${resolved}.partial`, resolved);
    const db = await openDatabase(resolved, { dailyBackup: false });
    try {
      const migrated = migrationsAppliedSince(checked.level, db);
      await recordRestore(db, file, null, checked.level, migrated);
      return { restoredFrom: path.resolve(file), safetyBackup: null, setAside, restoredLevel: checked.level, migrated };
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

function migrationsAppliedSince(level: string, db: AsuhanDb): string[] {
  return appliedMigrations(db.sqlite).filter((name) => name > level);
}

async function recordRestore(db: AsuhanDb, file: string, safetyBackup: string | null, level: string, migrated: string[]): Promise<void> {
  await db.kysely.transaction().execute((trx) =>
    audit(trx, {
      entity: 'database',
      entityId: path.basename(file),
      action: 'restore',
      after: { restoredFrom: path.resolve(file), safetyBackup, restoredLevel: level, migrated },
    }),
  );
}
