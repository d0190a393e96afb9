// Backups for either engine, for the services: the SQLite file is copied with SQLite's backup
// API into its folder beside it; a server database is dumped with pg_dump (server-backup.ts).
import { sql } from 'kysely';
import { backupDatabase, backupDirFor, databaseInstanceOf, listBackups, makeBackup, type BackupEntry } from './backup';
import type { AsuhanDb } from './connect';
import { dumpServerDatabase, listServerBackups } from './server-backup';

/** The backup a risky change takes first (before a re-plan, an import...); null for an in-memory database. */
export async function backupBeforeChange(db: AsuhanDb, reason: string, now: Date = new Date()): Promise<string | null> {
  if (db.engine === 'postgres') return dumpServerDatabase(db, reason, now);
  return db.path === ':memory:' ? null : backupDatabase(db.sqlite, backupDirFor(db.path), reason, now);
}

/** A backup asked for by the coordinator; the file made. */
export async function backupNow(db: AsuhanDb, reason = 'manual'): Promise<string> {
  if (db.engine === 'postgres') return dumpServerDatabase(db, reason);
  return (await makeBackup(db.sqlite, backupDirFor(db.path), reason)).file;
}

export function backupFolderOf(db: AsuhanDb): string {
  return db.engine === 'postgres' ? db.backupDir : backupDirFor(db.path);
}

/** The id migration 0007 gave this database (null before it). */
export async function databaseInstance(db: AsuhanDb): Promise<string | null> {
  if (db.engine === 'sqlite') return databaseInstanceOf(db.sqlite);
  const { rows } = await sql<{ id: string }>`SELECT id FROM database_instance LIMIT 1`.execute(db.kysely);
  return rows[0]?.id ?? null;
}

/** This database's own backups, newest first. */
export async function ownBackups(db: AsuhanDb): Promise<BackupEntry[]> {
  const instance = await databaseInstance(db);
  return db.engine === 'postgres' ? listServerBackups(db.backupDir, { instance }) : listBackups(backupDirFor(db.path), { instance });
}
