import { todayIn } from '../../domain/dates';
import { getSettings } from '../../db/settings.repository';
import { databaseLocation } from '../../db/connect';
import { ensureCoreSpecialties, seedDemo } from '../../seed/demo';
import { seedHolidays } from '../../seed/holidays';
import type { CliCommand } from '../command';
import { printJson, stringOption, usageError } from '../command';
import { importProgrammeFile, printProgrammeResult } from './programme';
import { withApi } from '../session';
import { printStatus, readStatus } from './status';

export const initCommand: CliCommand = {
  name: 'init',
  summary: 'Buat database (kosong, dari program kabupaten lain dengan --programme, atau --demo: kabupaten contoh)',
  usage: 'asuhan init [--demo | --programme FILE] [--db PATH] [--json]',
  details: [
    'Membuat database bila belum ada, menjalankan migrasi, mengisi spesialisasi inti dan hari libur resmi 2025-2027.',
    'Database baru belum mengenal kabupaten mana pun: isi pengaturannya di aplikasi (layar pertama) atau dengan "asuhan settings set".',
    '--programme FILE memulai dari program kabupaten lain (berkas dari "asuhan programme export").',
    '--demo menambahkan 45 puskesmas, 14 rumah sakit, 38 dokter spesialis, adopsi dan cuti contoh. Aman dijalankan dua kali.',
  ].join('\n'),
  options: { demo: { type: 'boolean', default: false }, programme: { type: 'string' } },
  async run({ values }, flags, io) {
    return withApi(
      flags,
      io,
      async (api, ctx) => {
        const db = ctx.db.kysely;
        await ensureCoreSpecialties(db);
        const holidays = await seedHolidays(db);
        const programmeFile = stringOption(values, 'programme');
        if (programmeFile !== undefined && values.demo) throw usageError('Pilih --demo atau --programme, tidak keduanya.', 'Choose --demo or --programme, not both.');
        const programme = programmeFile !== undefined ? await importProgrammeFile(api, programmeFile) : null;
        const seeded = values.demo ? await seedDemo(db, todayIn((await getSettings(db)).timeZone, io.now())) : null;
        const status = await readStatus(api);
        if (flags.json) printJson(io, { ...status, added: seeded ?? { holidays }, ...(programme ? { programme } : {}) });
        else {
          io.out(`Database siap: ${databaseLocation(ctx.db)}`);
          if (holidays > 0) io.out(`Hari libur resmi ditambahkan: ${holidays}.`);
          if (programme) printProgrammeResult(io, programme);
          if (seeded) io.out(`Data contoh ditambahkan: ${seeded.puskesmas} puskesmas, ${seeded.hospitals} rumah sakit, ${seeded.specialists} dokter spesialis, ${seeded.adoptions} adopsi, ${seeded.unavailability} cuti.`);
          printStatus(io, status);
        }
        return 0;
      },
      { create: true },
    );
  },
};
