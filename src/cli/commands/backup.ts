// `asuhan backup [--out FILE]` makes a backup now; `asuhan backups` lists the kept ones.
import fs from 'node:fs';
import path from 'node:path';
import { BACKUPS_KEPT, backupDatabase, backupDirFor, backupToFile, listBackups } from '../../db/backup';
import type { CliCommand } from '../command';
import { formatTable, printJson, stringOption, usageError } from '../command';
import { withApi } from '../session';

export const backupCommand: CliCommand = {
  name: 'backup',
  summary: 'Buat cadangan database sekarang',
  usage: 'asuhan backup [--out FILE] [--db PATH] [--json]',
  details: `Tanpa --out, cadangan disimpan di folder "backups" di samping database (${BACKUPS_KEPT} terakhir disimpan).\n--out FILE menulis cadangan ke berkas itu (misalnya di flashdisk); berkas yang sudah ada tidak ditimpa.`,
  options: { out: { type: 'string' } },
  async run({ values }, flags, io) {
    const out = stringOption(values, 'out');
    if (out !== undefined) {
      if (out.trim() === '') throw usageError('--out tidak boleh kosong.', '--out cannot be empty.');
      if (fs.existsSync(out)) throw usageError(`Berkas ${path.resolve(out)} sudah ada; pilih nama lain.`, `File ${path.resolve(out)} already exists; choose another name.`);
      if (!fs.existsSync(path.dirname(path.resolve(out)))) {
        throw usageError(`Folder ${path.dirname(path.resolve(out))} tidak ada.`, `Folder ${path.dirname(path.resolve(out))} does not exist.`);
      }
    }
    return withApi(
      flags,
      io,
      async (_api, ctx) => {
        const file = out !== undefined ? path.resolve(out) : await backupDatabase(ctx.db.sqlite, backupDirFor(ctx.db.path), 'manual', io.now());
        if (out !== undefined) await backupToFile(ctx.db.sqlite, file);
        const bytes = fs.statSync(file).size;
        if (flags.json) printJson(io, { file, bytes });
        else io.out(`Cadangan dibuat: ${file} (${formatBytes(bytes)})`);
        return 0;
      },
      { dailyBackup: false },
    );
  },
};

export const backupsCommand: CliCommand = {
  name: 'backups',
  summary: 'Daftar cadangan database yang tersimpan',
  usage: 'asuhan backups [--db PATH] [--json]',
  details: 'Cadangan dibuat otomatis setiap hari, sebelum migrasi, impor, penyusunan ulang jadwal dan pemulihan.',
  options: {},
  async run(_args, flags, io) {
    const folder = backupDirFor(flags.db);
    const backups = listBackups(folder);
    if (flags.json) {
      printJson(io, { folder, keep: BACKUPS_KEPT, backups: backups.map(({ file, name, bytes, createdAt, reason }) => ({ file, name, bytes, createdAt, reason })) });
      return 0;
    }
    io.out(`Folder cadangan: ${folder}`);
    if (backups.length === 0) io.out('Belum ada cadangan.');
    else io.out(formatTable(['berkas', 'dibuat (UTC)', 'alasan', 'ukuran'], backups.map((b) => [b.name, b.createdAt.slice(0, 19).replace('T', ' '), b.reason, formatBytes(b.bytes)])));
    return 0;
  },
};

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
