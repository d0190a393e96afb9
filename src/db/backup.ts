// Online backups (SQLite's backup API through better-sqlite3): a consistent copy even while
// the app writes. Each database has its own folder, `backups/<database name>/` beside it, so two
// databases in one folder never list, restore or prune each other's backups.
//
// Each backup is one self-contained file (rollback journal, no -wal/-shm beside it) that says
// what it is: a small `asuhan_backup` table, written into the copy before it gets its final
// name, records when it was made, why, from which database (path and the id of migration 0007)
// and which district. Rotation and the daily check go by that recorded time, cross-checked with
// the file's own time, never by the file name; a file dated in the future is reported and never
// obeyed. Backups of one database are made one at a time, across processes too (a lock file),
// each under a name no other backup has.
import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { APP_VERSION } from '../app/version';
import { AsuhanError } from '../contract/errors';
import { fileSystemError } from '../files/errors';
import { keptBackups, RETENTION } from './retention';

export { RETENTION };

/** An automatic backup is made on open when the newest one is older than this. */
export const DAILY_BACKUP_MS = 24 * 60 * 60 * 1000;
/** Clocks differ a little between a file's time and the record; more than this is "the future". */
const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

export const BACKUP_RECORD_TABLE = 'asuhan_backup';
/** The record's exact schema; a restore accepts this table in a backup and nothing else extra. */
export const BACKUP_RECORD_SQL = `CREATE TABLE ${BACKUP_RECORD_TABLE} (
  made_at TEXT NOT NULL,
  reason TEXT NOT NULL,
  database_path TEXT NOT NULL,
  database_instance TEXT,
  district_name TEXT,
  schema_level TEXT,
  app_version TEXT NOT NULL
) STRICT`;

const BACKUP_NAME = /^asuhan-(\d{8})-(\d{6})-([a-z0-9-]*?)(?:-\d+)?\.db$/i;

/** What a backup file records about itself. */
export interface BackupRecord {
  madeAt: string;
  reason: string;
  databasePath: string;
  databaseInstance: string | null;
  districtName: string | null;
  schemaLevel: string | null;
  appVersion: string;
}

export type BackupProblem = 'future' | 'unreadable';

export interface BackupEntry {
  /** Absolute path. */
  file: string;
  /** File name inside the backups folder; what `backups:restore` takes. */
  name: string;
  bytes: number;
  /** The file's own modification time, ISO UTC. */
  modified: string;
  /**
   * When it was made, ISO UTC: the recorded time, or the file's time when that is earlier (a
   * clock set ahead when it was made); the file's time for a file without a record.
   */
  createdAt: string;
  /** Why: daily, manual, before-migration-0002_x, before-restore, before-import... */
  reason: string;
  record: BackupRecord | null;
  /** `future`: dated after now (a wrong clock, a copy from another PC); never obeyed. */
  problem: BackupProblem | null;
}

/** The database's own backup folder: `backups/<file name without .db>` beside it. */
export function backupDirFor(dbPath: string): string {
  const resolved = path.resolve(dbPath);
  return path.join(path.dirname(resolved), 'backups', path.basename(resolved).replace(/\.db$/i, '') || 'asuhan');
}

/** The folder older versions shared between every database beside it. */
export function sharedBackupDirFor(dbPath: string): string {
  return path.join(path.dirname(path.resolve(dbPath)), 'backups');
}

function stamp(now: Date): string {
  return now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
}

export function isBackupName(name: string): boolean {
  return BACKUP_NAME.test(name);
}

// ---------- what the live database says about itself ----------

function hasTable(sqlite: BetterSqlite3.Database, name: string): boolean {
  return sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name) !== undefined;
}

/** The id migration 0007 gave this database (null before it). */
export function databaseInstanceOf(sqlite: BetterSqlite3.Database): string | null {
  if (!hasTable(sqlite, 'database_instance')) return null;
  return (sqlite.prepare('SELECT id FROM database_instance LIMIT 1').get() as { id: string } | undefined)?.id ?? null;
}

/** The district named in the stored settings, as stored (no default fills it in). */
export function districtNameOf(sqlite: BetterSqlite3.Database): string | null {
  if (!hasTable(sqlite, 'setting')) return null;
  try {
    const row = sqlite.prepare("SELECT json_extract(value, '$.districtName') AS name FROM setting WHERE key = 'programme'").get() as { name: unknown } | undefined;
    return typeof row?.name === 'string' && row.name.trim() !== '' ? row.name.trim() : null;
  } catch {
    return null; // settings that are not JSON
  }
}

function schemaLevelOf(sqlite: BetterSqlite3.Database): string | null {
  if (!hasTable(sqlite, 'schema_migration')) return null;
  return (sqlite.prepare('SELECT max(name) AS name FROM schema_migration').get() as { name: string | null }).name;
}

/** The record inside a backup file, or null (an older backup, or not a backup at all). */
export function readBackupRecord(sqlite: BetterSqlite3.Database): BackupRecord | null {
  if (!hasTable(sqlite, BACKUP_RECORD_TABLE)) return null;
  const row = sqlite.prepare(`SELECT * FROM ${BACKUP_RECORD_TABLE} LIMIT 1`).get() as Record<string, unknown> | undefined;
  if (!row || typeof row.made_at !== 'string' || Number.isNaN(Date.parse(row.made_at))) return null;
  const textOrNull = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    madeAt: new Date(row.made_at).toISOString(),
    reason: textOrNull(row.reason) ?? '',
    databasePath: textOrNull(row.database_path) ?? '',
    databaseInstance: textOrNull(row.database_instance),
    districtName: textOrNull(row.district_name),
    schemaLevel: textOrNull(row.schema_level),
    appVersion: textOrNull(row.app_version) ?? '',
  };
}

// ---------- making one ----------

/** One backup of a database at a time in this process; the lock file covers other processes. */
const queues = new Map<string, Promise<unknown>>();

function serialised<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(work);
  const settled = next.catch(() => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}

const LOCK_NAME = '.lock';
const LOCK_WAIT_MS = 120_000;
const LOCK_STALE_MS = 30 * 60 * 1000;

function lockIsStale(lock: string): boolean {
  try {
    const [pidText] = fs.readFileSync(lock, 'utf8').split('\n');
    const pid = Number(pidText);
    if (Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS) return true;
    if (!Number.isInteger(pid) || pid <= 0) return false; // being written right now
    if (pid === process.pid) return false;
    try {
      process.kill(pid, 0);
      return false;
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'ESRCH';
    }
  } catch {
    return false;
  }
}

async function withLockFile<T>(dir: string, work: () => Promise<T>): Promise<T> {
  const lock = path.join(dir, LOCK_NAME);
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = fs.openSync(lock, 'wx', 0o600);
      try {
        fs.writeSync(fd, `${process.pid}\n${new Date().toISOString()}\n`);
      } finally {
        fs.closeSync(fd);
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      if (lockIsStale(lock)) {
        fs.rmSync(lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) {
        throw new AsuhanError('CONFLICT', `Cadangan lain sedang dibuat (${lock}); coba lagi sebentar lagi.`, `Another backup is being made (${lock}); try again in a moment.`);
      }
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(lock, { force: true });
  }
}

export interface BackupMade {
  file: string;
  /** Backups removed by the retention after this one was made. */
  removed: string[];
}

/**
 * Backs up the database into its backup folder under a new name, then applies the retention
 * (never to the file just made). Serialised per folder, in this process and across processes.
 * `now` is for tests: the app passes nothing, since backups are files on a disk and go by the
 * computer's clock, never by the programme's "today" (ASUHAN_TODAY).
 */
export async function backupDatabase(sqlite: BetterSqlite3.Database, dir: string, reason: string, now: Date = new Date()): Promise<string> {
  return (await makeBackup(sqlite, dir, reason, now)).file;
}

export function makeBackup(sqlite: BetterSqlite3.Database, dir: string, reason: string, now: Date = new Date()): Promise<BackupMade> {
  const folder = path.resolve(dir);
  return serialised(folder, async () => {
    try {
      fs.mkdirSync(folder, { recursive: true });
    } catch (error) {
      throw fileSystemError(error, folder, 'folder');
    }
    return withLockFile(folder, async () => {
      const safeReason = reason.replace(/[^a-z0-9-]/gi, '-').slice(0, 40);
      const base = `asuhan-${stamp(now)}-${safeReason}`;
      const file = await writeBackupFile(sqlite, (n) => path.join(folder, n === 1 ? `${base}.db` : `${base}-${n}.db`), reason, now);
      // A clock set ahead (ASUHAN_TODAY in a demo) must not age real backups out early.
      const removed = pruneBackups(folder, { now: new Date(Math.min(now.getTime(), Date.now())), keep: file });
      return { file, removed };
    });
  });
}

/** Copies the live database into a file of its own, with its record; `target` must not exist. */
export async function backupToFile(sqlite: BetterSqlite3.Database, target: string, reason = 'copy', now: Date = new Date()): Promise<string> {
  const resolved = path.resolve(target);
  return writeBackupFile(sqlite, (n) => (n === 1 ? resolved : null), reason, now);
}

/**
 * Writes the copy through a `.partial` file of its own, so a crash never leaves a half-written
 * file under a backup's name and two backups never write one file; then gives it the first free
 * name from `nameFor` (1, 2, ...; null: no more names) without ever replacing a file.
 */
async function writeBackupFile(sqlite: BetterSqlite3.Database, nameFor: (n: number) => string | null, reason: string, now: Date): Promise<string> {
  const first = nameFor(1) as string;
  const partial = `${first}.${process.pid}-${Math.random().toString(36).slice(2, 10)}.partial`;
  // Read through a connection of its own: it sees only committed data, even when the app's
  // connection is in the middle of a transaction (the web shell interleaves requests).
  const reader = sqlite.memory ? sqlite : new BetterSqlite3(sqlite.name, { readonly: true, fileMustExist: true });
  try {
    if (reader !== sqlite) reader.pragma('busy_timeout = 5000');
    await copyDatabase(reader, partial);
    finishCopy(partial, {
      madeAt: now.toISOString(),
      reason,
      databasePath: sqlite.name,
      databaseInstance: databaseInstanceOf(reader),
      districtName: districtNameOf(reader),
      schemaLevel: schemaLevelOf(reader),
      appVersion: APP_VERSION,
    });
    return placeWithoutReplacing(partial, nameFor);
  } catch (error) {
    if (error instanceof AsuhanError) throw error;
    throw fileSystemError(error, first, 'file');
  } finally {
    if (reader !== sqlite) reader.close();
    for (const leftover of [partial, `${partial}-wal`, `${partial}-shm`, `${partial}-journal`]) fs.rmSync(leftover, { force: true });
  }
}

function placeWithoutReplacing(partial: string, nameFor: (n: number) => string | null): string {
  for (let n = 1; ; n++) {
    const target = nameFor(n);
    if (target === null) {
      const taken = nameFor(1) as string;
      throw new AsuhanError('CONFLICT', `Berkas ${taken} sudah ada; pilih nama lain.`, `File ${taken} already exists; choose another name.`);
    }
    try {
      fs.linkSync(partial, target); // fails when the name is taken: never replaces a file
      fs.rmSync(partial, { force: true });
      return target;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw error;
      // No hard links here (FAT on a USB stick): under the lock, a check then a rename.
      if (fs.existsSync(target)) continue;
      fs.renameSync(partial, target);
      return target;
    }
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

/**
 * A standalone file (the backup API copies the WAL flag of the source; a backup should need no
 * -wal) that carries its record.
 */
function finishCopy(file: string, record: BackupRecord): void {
  const copy = new BetterSqlite3(file);
  try {
    copy.pragma('journal_mode = DELETE');
    copy.exec(`DROP TABLE IF EXISTS ${BACKUP_RECORD_TABLE}; ${BACKUP_RECORD_SQL}`);
    copy
      .prepare(`INSERT INTO ${BACKUP_RECORD_TABLE} (made_at, reason, database_path, database_instance, district_name, schema_level, app_version) VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(record.madeAt, record.reason, record.databasePath, record.databaseInstance, record.districtName, record.schemaLevel, record.appVersion);
  } finally {
    copy.close();
  }
}

// ---------- listing, rotation, the daily check ----------

const recordCache = new Map<string, { key: string; record: BackupRecord | null; readable: boolean }>();

function recordOfFile(file: string, stat: fs.Stats): { record: BackupRecord | null; readable: boolean } {
  const key = `${stat.size}:${stat.mtimeMs}`;
  const cached = recordCache.get(file);
  if (cached?.key === key) return cached;
  let result: { record: BackupRecord | null; readable: boolean };
  try {
    const sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true });
    try {
      result = { record: readBackupRecord(sqlite), readable: true };
    } finally {
      sqlite.close();
    }
  } catch {
    result = { record: null, readable: false };
  }
  recordCache.set(file, { key, ...result });
  return result;
}

function legacyReason(name: string): string {
  return BACKUP_NAME.exec(name)?.[3] ?? '';
}

export function entryOf(file: string, now: Date = new Date()): BackupEntry | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (!stat.isFile()) return null;
  const { record, readable } = recordOfFile(file, stat);
  const limit = now.getTime() + FUTURE_TOLERANCE_MS;
  // The recorded time is the claim; the file's time only ever makes it earlier (a clock that
  // was ahead when the backup was made), never later, and never when it is itself ahead.
  const claimed = record ? Date.parse(record.madeAt) : stat.mtimeMs;
  const future = claimed > limit;
  const createdAt = new Date(future ? claimed : Math.min(claimed, stat.mtimeMs <= limit ? stat.mtimeMs : claimed)).toISOString();
  return {
    file,
    name: path.basename(file),
    bytes: stat.size,
    modified: stat.mtime.toISOString(),
    createdAt,
    reason: record?.reason ?? legacyReason(path.basename(file)),
    record,
    problem: future ? 'future' : readable ? null : 'unreadable',
  };
}

/**
 * Backups in `dir`, newest first by the time they were made (never by name). With `instance`,
 * only that database's (a file another database recorded is left out; one without a record is
 * kept, since the folder says whose it is).
 */
export function listBackups(dir: string, options: { now?: Date; instance?: string | null } = {}): BackupEntry[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter(isBackupName);
  } catch {
    return [];
  }
  const now = options.now ?? new Date();
  return names
    .map((name) => entryOf(path.join(dir, name), now))
    .filter((entry): entry is BackupEntry => entry !== null)
    .filter((entry) => !options.instance || !entry.record?.databaseInstance || entry.record.databaseInstance === options.instance)
    .sort((a, b) => (a.createdAt === b.createdAt ? (a.name < b.name ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1));
}

/** Backup files older versions left in the shared `backups` folder (restorable by path). */
export function legacyBackups(dbPath: string): string[] {
  const shared = sharedBackupDirFor(dbPath);
  try {
    return fs
      .readdirSync(shared)
      .filter(isBackupName)
      .map((name) => path.join(shared, name))
      .filter((file) => fs.statSync(file).isFile());
  } catch {
    return [];
  }
}

/** A backup interrupted by a crash leaves its `.partial` file; one older than this is garbage. */
const STALE_PARTIAL_MS = 10 * 60 * 1000;

/**
 * Applies the retention (see retention.ts) to `dir`; never removes `keep`, a file dated in the
 * future, or one that cannot be read. Returns the files removed.
 */
export function pruneBackups(dir: string, options: { now?: Date; keep?: string } = {}): string[] {
  const now = options.now ?? new Date();
  const entries = listBackups(dir, { now });
  const dated = entries.filter((e) => e.problem === null);
  const kept = new Set(keptBackups(dated.map((e) => ({ id: e.file, at: Date.parse(e.createdAt) })), now.getTime()));
  const removed: string[] = [];
  for (const entry of dated) {
    if (kept.has(entry.file) || entry.file === options.keep) continue;
    fs.rmSync(entry.file, { force: true });
    removed.push(entry.file);
  }
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names.filter((n) => /^asuhan-.*\.db(\.[^.]+)?\.partial(-wal|-shm|-journal)?$/.test(n))) {
    const file = path.join(dir, name);
    try {
      if (Date.now() - fs.statSync(file).mtimeMs > STALE_PARTIAL_MS) fs.rmSync(file, { force: true });
    } catch {
      // gone already
    }
  }
  return removed;
}

export interface DailyCheck {
  due: boolean;
  /** Backups dated in the future: reported, and not counted as a recent backup. */
  future: BackupEntry[];
}

/** Due when no backup was made in the last day (by recorded time, not name; future ones ignored). */
export function dailyBackupCheck(dir: string, now: Date = new Date()): DailyCheck {
  const entries = listBackups(dir, { now });
  const future = entries.filter((e) => e.problem === 'future');
  const newest = entries.find((e) => e.problem === null);
  return { due: !newest || now.getTime() - Date.parse(newest.createdAt) >= DAILY_BACKUP_MS, future };
}

export function isDailyBackupDue(dir: string, now: Date): boolean {
  return dailyBackupCheck(dir, now).due;
}

/** The daily backup taken when the app opens a database; returns the file made, if any. */
export async function backupIfDue(sqlite: BetterSqlite3.Database, dbPath: string, now: Date = new Date()): Promise<string | undefined> {
  const dir = backupDirFor(dbPath);
  const check = dailyBackupCheck(dir, now);
  for (const entry of check.future) {
    process.emitWarning(`Asuhan: backup ${entry.file} is dated in the future (${entry.record?.madeAt ?? entry.modified}); it is kept but not counted as a recent backup.`);
  }
  if (!check.due) return undefined;
  return backupDatabase(sqlite, dir, 'daily', now);
}
