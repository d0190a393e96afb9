// Handlers for backups. Restoring replaces the content of the open database in place, so every
// other handler keeps working on the restored data without reconnecting (on a server database:
// one transaction over the same database, see postgres-restore.ts). An uploaded backup is kept in
// the database's private temp folder (a server's: beside its backups) while it is checked, never
// in a shared one.
import path from 'node:path';
import type { BackupInfo, BackupList } from '../contract/backups';
import { notFound } from '../contract/errors';
import type { Handlers } from '../contract/index';
import { backupDirFor, databaseInstanceOf, legacyBackups, listBackups, RETENTION, sharedBackupDirFor, type BackupEntry } from '../db/backup';
import type { AsuhanDb } from '../db/connect';
import { backupNow, ownBackups } from '../db/database-backup';
import { restoreServerDatabase } from '../db/postgres-restore';
import { makePrivateTemp } from '../db/private-temp';
import { restoreIntoOpenDatabase, type RestoreResult } from '../db/restore';
import { fileSystemError } from '../files/errors';
import type { AppContext } from './context';

export function toBackupInfo(entry: BackupEntry): BackupInfo {
  return { name: entry.name, bytes: entry.bytes, createdAt: entry.createdAt, reason: entry.reason, district: entry.record?.districtName ?? null, problem: entry.problem };
}

/** This database's backups (only its own), what is kept, and what older versions left behind. */
export function backupList(dbPath: string, instance: string | null): BackupList {
  const folder = backupDirFor(dbPath);
  const older = legacyBackups(dbPath);
  return {
    folder,
    retention: { ...RETENTION },
    backups: listBackups(folder, { instance }).map(toBackupInfo),
    olderShared: older.length > 0 ? { folder: sharedBackupDirFor(dbPath), count: older.length } : null,
  };
}

/** A server database's dumps: no older shared folder exists there. */
export async function serverBackupList(db: AsuhanDb & { engine: 'postgres' }): Promise<BackupList> {
  return { folder: db.backupDir, retention: { ...RETENTION }, backups: (await ownBackups(db)).map(toBackupInfo), olderShared: null };
}

export function backupsHandlers(ctx: AppContext): Pick<Handlers, 'backups:list' | 'backups:create' | 'backups:restore'> {
  return {
    'backups:list': async () => (ctx.db.engine === 'postgres' ? serverBackupList(ctx.db) : backupList(ctx.db.path, databaseInstanceOf(ctx.db.sqlite))),
    'backups:create': async () => {
      // Backups go by the real clock: they are files on a disk, not days of the programme.
      const file = await backupNow(ctx.db, 'manual');
      const entry = (await ownBackups(ctx.db)).find((b) => b.file === file);
      if (!entry) throw notFound('Cadangan', 'Backup', path.basename(file));
      return toBackupInfo(entry);
    },
    'backups:restore': async ({ file, upload, otherDistrict }) => {
      const db = ctx.db;
      if (db.engine === 'postgres') {
        if (upload) {
          // An uploaded dump waits in the private folder beside the backups while it is checked and restored.
          let temp;
          let source: string;
          try {
            temp = makePrivateTemp(db.backupDir, 'upload');
            source = temp.write('uploaded.dump', Buffer.from(upload.base64, 'base64'));
          } catch (error) {
            temp?.dispose();
            throw fileSystemError(error, db.backupDir, 'folder');
          }
          try {
            return outcome(upload.fileName, await restoreServerDatabase(db, source, { displayName: upload.fileName, otherDistrict }));
          } finally {
            temp.dispose();
          }
        }
        const entry = (await ownBackups(db)).find((b) => b.name === file);
        if (!entry) throw notFound('Cadangan', 'Backup', file ?? '');
        return outcome(entry.name, await restoreServerDatabase(db, entry.file, { displayName: entry.name, otherDistrict }));
      }
      if (upload) {
        let temp;
        let source: string;
        try {
          temp = makePrivateTemp(db.path, 'upload');
          source = temp.write('uploaded.db', Buffer.from(upload.base64, 'base64'));
        } catch (error) {
          temp?.dispose();
          throw fileSystemError(error, path.dirname(db.path), 'folder');
        }
        try {
          const result = await restoreIntoOpenDatabase(db, source, { displayName: upload.fileName, otherDistrict });
          return outcome(upload.fileName, result);
        } finally {
          temp.dispose();
        }
      }
      const entry = (await ownBackups(db)).find((b) => b.name === file);
      if (!entry) throw notFound('Cadangan', 'Backup', file ?? '');
      return outcome(entry.name, await restoreIntoOpenDatabase(db, entry.file, { displayName: entry.name, otherDistrict }));
    },
  };
}

function outcome(restoredFrom: string, result: RestoreResult) {
  return {
    restoredFrom,
    safetyBackup: result.safetyBackup ? path.basename(result.safetyBackup) : null,
    restoredLevel: result.restoredLevel,
    migrated: result.migrated,
    fromDistrict: result.origin.district,
    otherDatabase: !result.origin.sameDatabase,
  };
}
