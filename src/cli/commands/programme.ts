// `asuhan programme export FILE`: this district's programme (rules, weights, working hours,
// specialties and their aliases, requirements, topics; never its letterhead, people or zone)
// as a file another district starts from with `asuhan init --programme FILE`.
import fs from 'node:fs';
import path from 'node:path';
import type { Api } from '../../app/api';
import type { ProgrammeImportResult } from '../../contract/programme';
import type { CliCommand, CliIo } from '../command';
import { printJson, usageError } from '../command';
import { withApi } from '../session';

/** Reads a programme file given on the command line and applies it through the API. */
export async function importProgrammeFile(api: Api, file: string): Promise<ProgrammeImportResult> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw usageError(`Berkas program ${path.resolve(file)} tidak ada.`, `Programme file ${path.resolve(file)} does not exist.`);
  if (fs.statSync(file).size > 2 * 1024 * 1024) throw usageError('Berkas program terlalu besar (maksimal 2 MB).', 'The programme file is too large (at most 2 MB).');
  return api.client['programme:import']({ fileName: path.basename(file), base64: fs.readFileSync(file).toString('base64') });
}

export function printProgrammeResult(io: CliIo, r: ProgrammeImportResult): void {
  io.out(`Program diterapkan: ${r.settings.length} pengaturan, spesialisasi ${r.specialties.created} baru/${r.specialties.updated} diperbarui, ${r.requirements} kebutuhan kunjungan, topik ${r.topics.created} baru/${r.topics.updated} diperbarui.`);
  io.out('Kop surat, penanda tangan, provinsi dan zona waktu kabupaten ini tidak berubah.');
}

export const programmeCommand: CliCommand = {
  name: 'programme',
  summary: 'Ekspor program kabupaten ini (aturan, bobot, spesialisasi, kebutuhan, topik) untuk kabupaten lain',
  usage: 'asuhan programme export FILE | asuhan programme import FILE [--db PATH] [--json]',
  details: [
    'export FILE: menulis program ke berkas JSON (tanpa kop surat, nama orang dan zona waktu).',
    'import FILE: menerapkan program dari kabupaten lain ke database ini (cadangan dibuat dulu). Untuk database baru: asuhan init --programme FILE.',
  ].join('\n'),
  allowPositionals: true,
  options: {},
  async run({ positionals }, flags, io) {
    const [action, file, ...extra] = positionals;
    if ((action !== 'export' && action !== 'import') || !file || extra.length) throw usageError('Pakai "asuhan programme export FILE" atau "asuhan programme import FILE".', 'Use "asuhan programme export FILE" or "asuhan programme import FILE".');
    return withApi(flags, io, async (api) => {
      if (action === 'import') {
        const result = await importProgrammeFile(api, file);
        if (flags.json) printJson(io, result);
        else printProgrammeResult(io, result);
        return 0;
      }
      const exported = await api.client['programme:export']({});
      const target = path.resolve(file);
      fs.writeFileSync(target, Buffer.from(exported.base64, 'base64'));
      if (flags.json) printJson(io, { file: target });
      else io.out(`Program ditulis ke ${target}`);
      return 0;
    });
  },
};
