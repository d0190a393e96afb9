// `asuhan districts list|add`: the districts of a shared server (issue 15, point 2). Each further
// district is a schema of its own in the same PostgreSQL database, empty until its setup or a
// `district import FILE --district N`; every other command reaches it with --district N.
import { LOCAL_CALLER } from '../../app/caller';
import { listDistrictRecords } from '../../db/districts';
import type { CliCommand } from '../command';
import { formatTable, printJson, stringOption, usageError } from '../command';
import { withApi } from '../session';

export const districtsCommand: CliCommand = {
  name: 'districts',
  summary: 'Kabupaten/kota di server bersama: daftar, tambah',
  usage: 'asuhan districts list\n       asuhan districts add --name "Kabupaten Mukomuko"  (--database-url postgres://...)',
  details: [
    'list: setiap kabupaten/kota di database ini dengan nomornya, nama, provinsi dan zona waktu.',
    'add: kabupaten/kota baru yang kosong di server PostgreSQL (skema sendiri); isi lewat penyiapan di aplikasi atau "asuhan district import FILE --district N".',
    'Perintah lain bekerja di kabupaten/kota lain dengan --district N; pengguna diberi kabupaten/kotanya dengan "asuhan users grant LOGIN --districts N".',
  ].join('\n'),
  allowPositionals: true,
  options: { name: { type: 'string' } },
  async run({ values, positionals }, flags, io) {
    const [action, ...extra] = positionals;
    if ((action !== 'list' && action !== 'add') || extra.length) {
      throw usageError('Pakai "asuhan districts list" atau "asuhan districts add --name NAMA".', 'Use "asuhan districts list" or "asuhan districts add --name NAME".');
    }
    // The register is the server's, kept in its first district.
    return withApi({ ...flags, district: undefined }, io, async (api, ctx) => {
      if (action === 'add') {
        const label = stringOption(values, 'name');
        if (!label) throw usageError('Sebutkan namanya: asuhan districts add --name "Kabupaten Mukomuko"', 'Name it: asuhan districts add --name "Kabupaten Mukomuko"');
        const { serverDistrictRouter } = await import('../../server/district-router');
        const router = serverDistrictRouter(ctx.db, ctx.now);
        try {
          const districtApi = await router.apiFor('districts:create', LOCAL_CALLER, undefined);
          const made = await districtApi.client['districts:create']({ label });
          if (flags.json) printJson(io, made);
          else io.out(`Kabupaten/kota nomor ${made.id} dibuat: ${made.label}. Isi dengan "asuhan district import FILE --district ${made.id}" atau lewat aplikasi.`);
        } finally {
          await router.close();
        }
        return 0;
      }
      const records = await listDistrictRecords(ctx.db.kysely);
      const { serverDistrictRouter } = await import('../../server/district-router');
      const router = serverDistrictRouter(ctx.db, ctx.now);
      try {
        const first = await router.apiFor('districts:list', LOCAL_CALLER, undefined);
        const summaries = await first.client['districts:list']({});
        if (flags.json) printJson(io, summaries);
        else io.out(formatTable(['No.', 'Nama', 'Provinsi', 'Zona', 'Label server'], summaries.map((d) => [String(d.id), d.name, d.province || '-', d.timeZone, records.find((r) => r.id === d.id)?.label ?? ''])));
      } finally {
        await router.close();
      }
      return 0;
    });
  },
};
