// Backups of the database: list, make one now, restore one (checked before anything is replaced).
import { z } from 'zod';
import { command, query } from './define';
import { text } from './fields';
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

/** A backup file the coordinator picked (a USB copy), sent like imports: name and base64 content. */
const upload = z.object({
  fileName: text(255),
  base64: z.string().max(400_000_000, msg('berkas terlalu besar', 'file too large')).regex(/^[A-Za-z0-9+/=\r\n]*$/, msg('isi berkas harus base64', 'file content must be base64')),
});

export const backupsContract = {
  'backups:list': query<BackupList>()(z.object({}).default({})),
  'backups:create': command<BackupInfo>()(z.object({}).default({})),
  /** Restores a backup from the list (`file`) or an uploaded copy (`upload`): exactly one of them. */
  'backups:restore': command<RestoreOutcome>()(
    z
      .object({ file: backupName.optional(), upload: upload.optional() })
      .refine((input) => (input.file === undefined) !== (input.upload === undefined), {
        ...msg('pilih satu: nama dari daftar cadangan atau berkas yang diunggah', 'give one: a name from the backup list or an uploaded file'),
        path: ['file'],
      }),
  ),
};
