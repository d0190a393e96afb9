// Handlers for backups. Restoring replaces the content of the open database in place, so every
// other handler keeps working on the restored data without reconnecting. An uploaded backup is
// kept in the database's private temp folder while it is checked, never in a shared one.
import path from 'node:path';
import type { BackupInfo, BackupList } from '../contract/backups';
import { notFound } from '../contract/errors';
import type { Handlers } from '../contract/index';
import { backupDirFor, databaseInstanceOf, legacyBackups, listBackups, makeBackup, RETENTION, sharedBackupDirFor, type BackupEntry } from '../db/backup';
import { makePrivateTemp } from '../db/private-temp';
import { restoreIntoOpenDatabase } from '../db/restore';
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

export function backupsHandlers(ctx: AppContext): Pick<Handlers, 'backups:list' | 'backups:create' | 'backups:restore'> {
  const folder = () => backupDirFor(ctx.db.path);
  const own = () => listBackups(folder(), { instance: databaseInstanceOf(ctx.db.sqlite) });
  return {
    'backups:list': async () => backupList(ctx.db.path, databaseInstanceOf(ctx.db.sqlite)),
    'backups:create': async () => {
      // Backups go by the real clock: they are files on a disk, not days of the programme.
      const { file } = await makeBackup(ctx.db.sqlite, folder(), 'manual');
      const entry = own().find((b) => b.file === file);
      if (!entry) throw notFound('Cadangan', 'Backup', path.basename(file));
      return toBackupInfo(entry);
    },
    'backups:restore': async ({ file, upload, otherDistrict }) => {
      if (upload) {
        let temp;
        let source: string;
        try {
          temp = makePrivateTemp(ctx.db.path, 'upload');
          source = temp.write('uploaded.db', Buffer.from(upload.base64, 'base64'));
        } catch (error) {
          temp?.dispose();
          throw fileSystemError(error, path.dirname(ctx.db.path), 'folder');
        }
        try {
          const result = await restoreIntoOpenDatabase(ctx.db, source, { displayName: upload.fileName, otherDistrict });
          return outcome(upload.fileName, result);
        } finally {
          temp.dispose();
        }
      }
      const entry = own().find((b) => b.name === file);
      if (!entry) throw notFound('Cadangan', 'Backup', file ?? '');
      return outcome(entry.name, await restoreIntoOpenDatabase(ctx.db, entry.file, { displayName: entry.name, otherDistrict }));
    },
  };
}

function outcome(restoredFrom: string, result: Awaited<ReturnType<typeof restoreIntoOpenDatabase>>) {
  return {
    restoredFrom,
    safetyBackup: result.safetyBackup ? path.basename(result.safetyBackup) : null,
    restoredLevel: result.restoredLevel,
    migrated: result.migrated,
    fromDistrict: result.origin.district,
    otherDatabase: !result.origin.sameDatabase,
  };
}
