// `asuhan backup [--out FILE]` makes a backup now; `asuhan backups` lists this database's own.
import fs from 'node:fs';
import path from 'node:path';
import { backupList, serverBackupList } from '../../app/backups.service';
import { backupNow } from '../../db/database-backup';
import { checkOutputFile } from '../../files/guard';
import BetterSqlite3 from 'better-sqlite3';
import { backupDirFor, backupToFile, databaseInstanceOf, makeBackup, RETENTION } from '../../db/backup';
import type { CliCommand } from '../command';
import { formatTable, printJson, stringOption, usageError } from '../command';
import { withApi } from '../session';

const RETENTION_TEXT = `semua cadangan ${RETENTION.allDays} hari terakhir, satu per minggu sampai 2 bulan, satu per bulan sampai setahun`;

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Buat cadangan database sekarang',
  usage: 'asuhan backup [--out FILE] [--db PATH] [--json]',
  details: `Tanpa --out, cadangan disimpan di folder "backups/<nama database>" di samping database (disimpan: ${RETENTION_TEXT}).\n--out FILE menulis cadangan ke berkas itu (misalnya di flashdisk); berkas yang sudah ada tidak ditimpa.`,
  options: { out: { type: 'string' } },
  async run({ values }, flags, io) {
    const out = stringOption(values, 'out');
    if (out !== undefined) {
      if (out.trim() === '') throw usageError('--out tidak boleh kosong.', '--out cannot be empty.');
      checkOutputFile(out);
    }
    return withApi(
      flags,
      io,
      async (_api, ctx) => {
        const db = ctx.db;
        if (db.engine === 'postgres' && out !== undefined) {
          throw usageError('--out hanya untuk berkas SQLite; cadangan database server dibuat dengan pg_dump ke foldernya.', '--out is for the SQLite file only; server database backups are made with pg_dump into their folder.');
        }
        const file =
          db.engine === 'postgres' ? await backupNow(db) : out !== undefined ? await backupToFile(db.sqlite, path.resolve(out), 'copy') : (await makeBackup(db.sqlite, backupDirFor(db.path), 'manual')).file;
        const bytes = fs.statSync(file).size;
        if (flags.json) printJson(io, { file, bytes });
        else io.out(`Cadangan dibuat: ${file} (${formatBytes(bytes)})`);
        return 0;
      },
      { dailyBackup: false },
    );
  },
};

/** The live database's id without opening it for writing (listing needs no migration). */
function instanceOf(dbPath: string): string | null {
  try {
    const sqlite = new BetterSqlite3(dbPath, { readonly: true, fileMustExist: true });
    try {
      return databaseInstanceOf(sqlite);
    } finally {
      sqlite.close();
    }
  } catch {
    return null;
  }
}

const PROBLEM_TEXT = { future: 'BERTANGGAL DI MASA DEPAN (jam komputer salah?); disimpan, tidak dihitung', unreadable: 'tidak terbaca' } as const;

export const backupsCommand: CliCommand = {
  name: 'backups',
  summary: 'Daftar cadangan database ini',
  usage: 'asuhan backups [--db PATH] [--json]',
  details: `Cadangan dibuat otomatis setiap hari, sebelum migrasi, impor, penyusunan ulang jadwal dan pemulihan. Disimpan: ${RETENTION_TEXT}.\nHanya cadangan database ini yang ditampilkan (setiap database punya foldernya sendiri).`,
  options: {},
  async run(_args, flags, io) {
    const list = flags.databaseUrl
      ? await withApi(flags, io, (_api, ctx) => (ctx.db.engine === 'postgres' ? serverBackupList(ctx.db) : Promise.resolve(backupList(flags.db, instanceOf(flags.db)))), { dailyBackup: false })
      : backupList(flags.db, instanceOf(flags.db));
    if (flags.json) {
      printJson(io, { ...list, backups: list.backups.map((b) => ({ ...b, file: path.join(list.folder, b.name) })) });
      return 0;
    }
    io.out(`Folder cadangan: ${list.folder}`);
    if (list.backups.length === 0) io.out('Belum ada cadangan.');
    else {
      io.out(
        formatTable(
          ['berkas', 'dibuat (UTC)', 'alasan', 'kabupaten/kota', 'ukuran', 'catatan'],
          list.backups.map((b) => [b.name, b.createdAt.slice(0, 19).replace('T', ' '), b.reason, b.district ?? '-', formatBytes(b.bytes), b.problem ? PROBLEM_TEXT[b.problem] : '']),
        ),
      );
    }
    for (const b of list.backups.filter((x) => x.problem === 'future')) {
      io.out(`! Peringatan: cadangan ${b.name} bertanggal ${b.createdAt.slice(0, 19).replace('T', ' ')} UTC, di masa depan. Cadangan harian dan rotasi tidak mengikutinya; periksa jam komputer.`);
    }
    if (list.olderShared) io.out(`Ada ${list.olderShared.count} cadangan versi lama di ${list.olderShared.folder} (milik database mana tidak tercatat); pulihkan dengan "asuhan restore JALUR".`);
    return 0;
  },
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
