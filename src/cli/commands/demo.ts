// The README's main job: the embedded default database with the demo district, then (as the
// scheduler and exports land) next month's plan and its rosters.
import type { CliCommand } from '../command';
import { initCommand } from './init';

export const demoCommand: CliCommand = {
  name: 'demo',
  summary: 'Siapkan kabupaten contoh di database bawaan dan tampilkan ringkasannya',
  usage: 'asuhan demo [--db PATH] [--json]',
  details: 'Sama dengan "asuhan init --demo" pada database bawaan (folder data pengguna).',
  options: {},
  async run(_args, flags, io) {
    return initCommand.run({ values: { demo: true }, positionals: [] }, flags, io);
  },
};
