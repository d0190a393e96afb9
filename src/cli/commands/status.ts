import type { Api } from '../../app/api';
import type { AppInfo } from '../../contract/app';
import type { CliCommand, CliIo } from '../command';
import { printJson } from '../command';
import { withApi } from '../session';

export interface Status extends AppInfo {
  specialties: { code: string; name: string; specialists: number }[];
}

export async function readStatus(api: Api): Promise<Status> {
  const info = await api.client['app:info']({});
  const specialties = await api.client['specialties:list']({ includeInactive: false });
  return {
    ...info,
    specialties: specialties.map((s) => ({ code: s.code, name: s.name, specialists: info.counts.specialistsBySpecialty[s.code] ?? 0 })),
  };
}

export function printStatus(io: CliIo, status: Status): void {
  const c = status.counts;
  const off = (n: number) => (n > 0 ? `  (nonaktif: ${n})` : '');
  io.out(`Asuhan ${status.version} · skema ${status.schemaVersion} · hari ini ${status.today} (${status.zone}, ${status.timeZone})`);
  io.out(`  Kabupaten/kota   ${status.districtName || '(belum diisi)'}`);
  io.out(`  Rumah sakit      ${c.hospitals}${off(c.inactive.hospitals)}`);
  io.out(`  Dokter spesialis ${c.specialists}${off(c.inactive.specialists)}${status.specialties.map((s) => `  ${s.name} (${s.code}): ${s.specialists}`).join(',')}`);
  io.out(`  Puskesmas        ${c.puskesmas}${off(c.inactive.puskesmas)}`);
  io.out(`  Adopsi           ${c.adoptions}${off(c.inactive.adoptions)}`);
  io.out(`  Cuti/tugas       ${c.unavailability}`);
  io.out(`  Hari libur       ${c.holidays}`);
  io.out(`  Kunjungan        ${c.visits}`);
  if (status.setup.needed) io.out(`Pengaturan belum lengkap: ${status.setup.missing.join(', ')}. Isi dengan "asuhan settings set KUNCI=NILAI" atau di aplikasi.`);
}

export const statusCommand: CliCommand = {
  name: 'status',
  summary: 'Ringkasan isi database (aktif dan nonaktif terpisah)',
  usage: 'asuhan status [--db PATH] [--json]',
  options: {},
  async run(_args, flags, io) {
    return withApi(flags, io, async (api) => {
      const status = await readStatus(api);
      if (flags.json) printJson(io, status);
      else printStatus(io, status);
      return 0;
    });
  },
};
