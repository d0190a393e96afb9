// Online backups (SQLite's backup API through better-sqlite3): a consistent copy even while
// the app writes. Kept in a `backups` folder beside the database, newest 30 retained.
// Each backup is one self-contained file (rollback journal, no -wal/-shm beside it), so it can
// be copied to a USB stick or opened read-only without leaving files behind.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { AsuhanError } from '../contract/errors';

export const BACKUPS_KEPT = 30;
/** An automatic backup is made on open when the newest one is older than this. */
export const DAILY_BACKUP_MS = 24 * 60 * 60 * 1000;

const BACKUP_NAME = /^asuhan-(\d{8})-(\d{6})-([a-z0-9-]*?)(?:-\d+)?\.db$/i;

export interface BackupEntry {
  /** Absolute path. */
  file: string;
  /** File name inside the backups folder; what `backups:restore` takes. */
  name: string;
  bytes: number;
  modified: string;
  /** When it was made (from the name), ISO UTC. */
  createdAt: string;
  /** Why: daily, manual, before-migration-0002_x, before-restore, before-import... */
  reason: string;
}

export function backupDirFor(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

export function isBackupName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

export async function backupDatabase(
  sqlite: BetterSqlite3.Database,
  dir: string,
  reason: string,
  now: Date = new Date(),
): Promise<string> {
  fs.mkdirSync(dir, { recursive: true });
  const safeReason = reason.replace(/[^a-z0-9-]/gi, '-').slice(0, 40);
  let target = path.join(dir, `asuhan-${stamp(now)}-${safeReason}.db`);
  for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `asuhan-${stamp(now)}-${safeReason}-${n}.db`);
  await backupToFile(sqlite, target);
  pruneBackups(dir);
  return target;
}

/**
 * Copies the live database into `target` (which must not exist) through a `.partial` file, so
 * a crash never leaves a half-written file under the final name.
 */
export async function backupToFile(sqlite: BetterSqlite3.Database, target: string): Promise<void> {
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  // Read through a connection of its own: it sees only committed data, even when the app's
  // connection is in the middle of a transaction (the web shell interleaves requests).
  const reader = sqlite.memory ? sqlite : new BetterSqlite3(sqlite.name, { readonly: true, fileMustExist: true });
  try {
    if (reader !== sqlite) reader.pragma('busy_timeout = 5000');
    await copyDatabase(reader, partial);
    toRollbackJournal(partial);
    fs.renameSync(partial, target);
  } finally {
    if (reader !== sqlite) reader.close();
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(leftover, { force: true });
  }
}

const COPY_WAIT_MS = 15_000;

/**
 * Copies every page of `source` into the database file `destination` in one step (one write
 * transaction there). better-sqlite3 reports a copy whose first step met a locked destination
 * (another process writing) as finished with nothing copied (totalPages 0), so that case is
 * retried until the lock is free.
 */
export async function copyDatabase(source: BetterSqlite3.Database, destination: string): Promise<void> {
  const deadline = Date.now() + COPY_WAIT_MS;
  for (;;) {
    const progress = await source.backup(destination, { progress: () => 0x7fffffff });
    if (progress.totalPages > 0) return;
    if (Date.now() > deadline) {
      throw new AsuhanError('CONFLICT', 'Database sedang sibuk dipakai proses lain; coba lagi.', 'The database is busy in another process; try again.');
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The backup API copies the WAL flag of the source; a standalone file should not need a -wal. */
function toRollbackJournal(file: string): void {
  const copy = new BetterSqlite3(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

function createdAtOf(name: string, fallback: Date): string {
  const match = BACKUP_NAME.exec(name);
  if (!match) return fallback.toISOString();
  const [, day = '', time = ''] = match;
  return `${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6, 8)}T${time.slice(0, 2)}:${time.slice(2, 4)}:${time.slice(4, 6)}.000Z`;
}

/** Backups in `dir`, newest first. */
export function listBackups(dir: string): BackupEntry[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter(isBackupName)
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return {
        file: path.join(dir, name),
        name,
        bytes: stat.size,
        modified: stat.mtime.toISOString(),
        createdAt: createdAtOf(name, stat.mtime),
        reason: BACKUP_NAME.exec(name)?.[3] ?? '',
      };
    })
    .sort((a, b) => (a.name < b.name ? 1 : -1));
}

/** A backup interrupted by a crash leaves its `.partial` file; one older than this is garbage. */
const STALE_PARTIAL_MS = 10 * 60 * 1000;

export function pruneBackups(dir: string, keep = BACKUPS_KEPT): void {
  for (const old of listBackups(dir).slice(keep)) fs.rmSync(old.file, { force: true });
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir).filter((n) => /^asuhan-.*\.db\.partial(-wal|-shm|-journal)?$/.test(n))) {
    const file = path.join(dir, name);
    if (Date.now() - fs.statSync(file).mtimeMs > STALE_PARTIAL_MS) fs.rmSync(file, { force: true });
  }
}

/** True when no backup exists, or the newest is at least a day old. */
export function isDailyBackupDue(dir: string, now: Date): boolean {
  const newest = listBackups(dir)[0];
  if (!newest) return true;
  return now.getTime() - Date.parse(newest.createdAt) >= DAILY_BACKUP_MS;
}

/** The daily backup taken when the app opens a database; returns the file made, if any. */
export async function backupIfDue(sqlite: BetterSqlite3.Database, dbPath: string, now: Date = new Date()): Promise<string | undefined> {
  const dir = backupDirFor(dbPath);
  if (!isDailyBackupDue(dir, now)) return undefined;
  return backupDatabase(sqlite, dir, 'daily', now);
}
