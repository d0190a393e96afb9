// Backups of the database: list, make one now, restore one (checked before anything is replaced).
import { z } from 'zod';
import { command, query } from './define';
import { text } from './fields';
import { msg } from './i18n';

export interface BackupInfo {
  /** File name inside the backups folder. */
  name: string;
  bytes: number;
  /** When it was made (the time recorded inside the backup, never its name), ISO UTC. */
  createdAt: string;
  /** daily, manual, before-migration-…, before-restore, before-import, before-plan… */
  reason: string;
  /** The district recorded in the backup (null: not recorded, e.g. before the setup). */
  district: string | null;
  /** `future`: dated after now (a wrong clock, a copy from another PC), kept but never counted; `unreadable`: not a readable backup. */
  problem: 'future' | 'unreadable' | null;
}

export interface BackupList {
  /** This database's own backup folder (`backups/<name>` beside it). */
  folder: string;
  /** What is kept: everything of the last `allDays` days, one a week up to `weeklyDays`, one a month up to `monthlyDays`. */
  retention: { allDays: number; weeklyDays: number; monthlyDays: number };
  backups: BackupInfo[];
  /** Backups older versions left in the folder every database shared (restorable by path). */
  olderShared: { folder: string; count: number } | null;
}

export interface RestoreOutcome {
  restoredFrom: string;
  /** Backup of the database as it was just before the restore. */
  safetyBackup: string | null;
  restoredLevel: string;
  migrated: string[];
  /** The district the backup came from, and whether it was another database's (confirmed). */
  fromDistrict: string | null;
  otherDatabase: boolean;
}

/** A name from backups:list (.db, or .dump on a server database); never a path, so the API cannot reach other files. */
const backupName = z
  .string()
  .max(120, msg('terlalu panjang', 'too long'))
  .regex(/^asuhan-\d{8}-\d{6}-[A-Za-z0-9-]*\.(db|dump)$/, msg('harus nama berkas dari daftar cadangan', 'must be a file name from the backup list'));

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
      .object({
        file: backupName.optional(),
        upload: upload.optional(),
        /** The confirmation that a backup of another database (another district) should replace this one. */
        otherDistrict: z.boolean().default(false),
      })
      .refine((input) => (input.file === undefined) !== (input.upload === undefined), {
        ...msg('pilih satu: nama dari daftar cadangan atau berkas yang diunggah', 'give one: a name from the backup list or an uploaded file'),
        path: ['file'],
      }),
  ),
};
