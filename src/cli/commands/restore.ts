// `asuhan restore FILE`: checks the backup, backs up the current database, then restores.
import fs from 'node:fs';
import path from 'node:path';
import { backupDirFor } from '../../db/backup';
import { openAnyDatabase } from '../../db/connect';
import { restoreServerDatabase } from '../../db/postgres-restore';
import { restoreDatabaseFile, type RestoreResult } from '../../db/restore';
import { serverBackupDirFor } from '../../db/server-backup';
import type { CliCommand } from '../command';
import { printJson, usageError } from '../command';

export const restoreCommand: CliCommand = {
  name: 'restore',
  summary: 'Pulihkan database dari berkas cadangan',
  usage: 'asuhan restore FILE [--other-district] [--db PATH | --database-url URL] [--json]',
  details:
    'FILE boleh berupa jalur berkas atau nama dari "asuhan backups". Seluruh berkas diperiksa dulu (integritas, database Asuhan, versi,\n' +
    'skema persis seperti buatan Asuhan, kunci asing); database sekarang dicadangkan sebelum diganti. Aman walau aplikasi sedang membuka database yang sama.\n' +
    'Cadangan dari database lain (kabupaten/kota lain) ditolak, kecuali dengan --other-district.\n' +
    'Database server (--database-url): FILE adalah cadangan pg_dump (.dump); dibaca utuh, skemanya dibandingkan di database sementara (perlu hak CREATEDB;\n' +
    'tanpa itu hanya cadangan database ini sendiri yang dipulihkan), lalu dipulihkan dalam satu transaksi.',
  options: { 'other-district': { type: 'boolean', default: false } },
  allowPositionals: true,
  async run({ values, positionals }, flags, io) {
    if (positionals.length !== 1 || !positionals[0]?.trim()) {
      throw usageError('Sebutkan tepat satu berkas cadangan: asuhan restore FILE.', 'Name exactly one backup file: asuhan restore FILE.');
    }
    const given = positionals[0];
    const otherDistrict = values['other-district'] === true;
    const url = flags.databaseUrl;
    const folder = url ? serverBackupDirFor(url, io.env) : backupDirFor(flags.db);
    const inBackups = path.join(folder, path.basename(given));
    const file = fs.existsSync(given) || given !== path.basename(given) ? given : inBackups;
    let result: RestoreResult & { checkedOnScratch?: boolean };
    if (url) {
      // Opened without migrating: the safety dump is of the database as it is.
      const db = await openAnyDatabase({ file: flags.db, url }, { migrate: false, backupDir: folder });
      try {
        if (db.engine !== 'postgres') throw new Error('unreachable: a URL opens a server database');
        result = await restoreServerDatabase(db, file, { displayName: given, otherDistrict });
      } finally {
        await db.close();
      }
    } else {
      result = await restoreDatabaseFile(flags.db, file, { displayName: given, otherDistrict });
    }
    if (flags.json) printJson(io, result);
    else {
      io.out(`Database dipulihkan dari ${result.restoredFrom} (tingkat skema ${result.restoredLevel}).`);
      if (result.checkedOnScratch === false) io.out('Catatan: cadangan tidak diuji di database sementara (pengguna database tidak boleh membuat database); dipulihkan dalam satu transaksi.');
      if (!result.origin.sameDatabase) io.out(`Cadangan ini dari database lain (${result.origin.district ?? 'kabupaten/kota belum diisi'}); dipulihkan atas konfirmasi --other-district.`);
      if (result.safetyBackup) io.out(`Database sebelumnya dicadangkan di ${result.safetyBackup}`);
      if (result.setAside) io.out(`Database lama yang rusak dipindahkan ke ${result.setAside}`);
      if (result.migrated.length > 0) io.out(`Migrasi diterapkan: ${result.migrated.join(', ')}`);
    }
    return 0;
  },
};
