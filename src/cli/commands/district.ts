// `asuhan district export FILE` / `asuhan district import FILE`: moves a whole district (every
// row of every table) between databases and engines, e.g. from a PC's SQLite file to the
// server (--database-url) and back. The import goes only into a database "asuhan init" just made.
import fs from 'node:fs';
import path from 'node:path';
import { exportDistrict, importDistrict } from '../../db/district-transfer';
import { checkOutputFile } from '../../files/guard';
import type { CliCommand } from '../command';
import { printJson, usageError } from '../command';
import { withApi } from '../session';

export const districtCommand: CliCommand = {
  name: 'district',
  summary: 'Pindahkan seluruh data kabupaten/kota ke database lain (mis. dari berkas PC ke server PostgreSQL) dan kembali',
  usage: 'asuhan district export FILE | asuhan district import FILE [--db PATH | --database-url postgres://...] [--json]',
  details: [
    'export FILE: menulis semua data database ini (master data, jadwal, catatan kunjungan, rencana, ekspor, log audit) ke berkas JSON.',
    'import FILE: memasukkan berkas itu ke database yang baru dibuat ("asuhan init", tanpa --demo); database yang sudah berisi kabupaten/kota ditolak.',
    'Contoh: asuhan district export kab.json --db asuhan.db, lalu asuhan init --database-url postgres://... dan asuhan district import kab.json --database-url postgres://...',
  ].join('\n'),
  allowPositionals: true,
  options: {},
  async run({ positionals }, flags, io) {
    const [action, file, ...extra] = positionals;
    if ((action !== 'export' && action !== 'import') || !file || extra.length) {
      throw usageError('Pakai "asuhan district export FILE" atau "asuhan district import FILE".', 'Use "asuhan district export FILE" or "asuhan district import FILE".');
    }
    const target = path.resolve(file);
    if (action === 'export') checkOutputFile(target);
    else if (!fs.existsSync(target) || !fs.statSync(target).isFile()) throw usageError(`Berkas ${target} tidak ada.`, `File ${target} does not exist.`);
    return withApi(flags, io, async (_api, ctx) => {
      if (action === 'export') {
        const dump = await exportDistrict(ctx.db);
        fs.writeFileSync(target, JSON.stringify(dump));
        const rows = Object.values(dump.tables).reduce((sum, table) => sum + table.length, 0);
        if (flags.json) printJson(io, { file: target, rows });
        else io.out(`Data ${dump.districtName ?? 'kabupaten/kota'} ditulis ke ${target} (${rows} baris).`);
        return 0;
      }
      let parsed: unknown;
      try {
        parsed = JSON.parse(fs.readFileSync(target, 'utf8'));
      } catch {
        throw usageError(`${target} bukan berkas JSON; tidak ada yang diubah.`, `${target} is not a JSON file; nothing was changed.`);
      }
      const result = await importDistrict(ctx.db, parsed);
      if (flags.json) printJson(io, result);
      else io.out(`Data kabupaten/kota dimasukkan: ${result.rows} baris (${result.byTable.puskesmas} puskesmas, ${result.byTable.visit} kunjungan).`);
      return 0;
    });
  },
};
