// Handlers for backups. Restoring replaces the content of the open database in place, so every
// other handler keeps working on the restored data without reconnecting.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BackupInfo } from '../contract/backups';
import { notFound } from '../contract/errors';
import type { Handlers } from '../contract/index';
import { BACKUPS_KEPT, backupDatabase, backupDirFor, listBackups, type BackupEntry } from '../db/backup';
import { restoreIntoOpenDatabase } from '../db/restore';
import type { AppContext } from './context';

function toInfo(entry: BackupEntry): BackupInfo {
  return { name: entry.name, bytes: entry.bytes, createdAt: entry.createdAt, reason: entry.reason };
}

export function backupsHandlers(ctx: AppContext): Pick<Handlers, 'backups:list' | 'backups:create' | 'backups:restore'> {
  const folder = () => backupDirFor(ctx.db.path);
  return {
    'backups:list': async () => ({ folder: folder(), keep: BACKUPS_KEPT, backups: listBackups(folder()).map(toInfo) }),
    'backups:create': async () => {
      const file = await backupDatabase(ctx.db.sqlite, folder(), 'manual', ctx.now());
      const entry = listBackups(folder()).find((b) => b.file === file);
      if (!entry) throw notFound('Cadangan', 'Backup', path.basename(file));
      return toInfo(entry);
    },
    'backups:restore': async ({ file, upload }) => {
      let source: string;
      let cleanup = () => {};
      if (upload) {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-upload-'));
        cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
        source = path.join(dir, 'uploaded.db');
        fs.writeFileSync(source, Buffer.from(upload.base64, 'base64'));
      } else {
        const entry = listBackups(folder()).find((b) => b.name === file);
        if (!entry) throw notFound('Cadangan', 'Backup', file ?? '');
        source = entry.file;
      }
      try {
        const result = await restoreIntoOpenDatabase(ctx.db, source, ctx.now());
        return {
          restoredFrom: upload ? upload.fileName : path.basename(source),
          safetyBackup: result.safetyBackup ? path.basename(result.safetyBackup) : null,
          restoredLevel: result.restoredLevel,
          migrated: result.migrated,
        };
      } finally {
        cleanup();
      }
    },
  };
}
