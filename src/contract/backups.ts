// Backups of the database: list, make one now, restore one (checked before anything is replaced).
import { z } from 'zod';
import { command, query } from './define';
import { msg } from './i18n';

export interface BackupInfo {
  /** File name inside the backups folder. */
  name: string;
  bytes: number;
  /** When it was made, ISO UTC. */
  createdAt: string;
  /** daily, manual, before-migration-…, before-restore, before-import, before-plan… */
  reason: string;
}

export interface BackupList {
  /** The folder beside the database where backups are kept. */
  folder: string;
  /** How many are kept; older ones are removed. */
  keep: number;
  backups: BackupInfo[];
}

export interface RestoreOutcome {
  restoredFrom: string;
  /** Backup of the database as it was just before the restore. */
  safetyBackup: string | null;
  restoredLevel: string;
  migrated: string[];
}

/** A name from backups:list; never a path, so the API cannot reach other files. */
const backupName = z
  .string()
  .max(120, msg('terlalu panjang', 'too long'))
  .regex(/^asuhan-\d{8}-\d{6}-[A-Za-z0-9-]*\.db$/, msg('harus nama berkas dari daftar cadangan', 'must be a file name from the backup list'));

export const backupsContract = {
  'backups:list': query<BackupList>()(z.object({}).default({})),
  'backups:create': command<BackupInfo>()(z.object({}).default({})),
  'backups:restore': command<RestoreOutcome>()(z.object({ file: backupName })),
};
