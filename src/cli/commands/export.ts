// `asuhan export ics|pdf|xlsx|csv|text --month YYYY-MM --out DIR`: the month's rosters as
// files in a folder. `writeMonthRosters` is the demo's last step: every roster at once.
import path from 'node:path';
import type { Api } from '../../app/api';
import { addMonths, isMonth, todayIn } from '../../domain/dates';
import { type ExportFile, exportFile, MIME, writeExportFiles } from '../../exports/export-file';
import { checkOutputFolder } from '../../files/guard';
import type { TextMessage } from '../../exports/text';
import type { CliCommand, CliIo } from '../command';
import { formatTable, printJson, stringOption, usageError } from '../command';
import { withApi } from '../session';

const FORMATS = ['ics', 'pdf', 'xlsx', 'csv', 'text'] as const;
type Format = (typeof FORMATS)[number];
const LAYOUTS = ['by-date', 'by-puskesmas', 'per-specialist', 'compliance', 'report'] as const;

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], option: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw usageError(`${option} harus salah satu dari: ${allowed.join(', ')}.`, `${option} must be one of: ${allowed.join(', ')}.`);
  return value as T;
}

function messagesFile(month: string, target: 'specialist' | 'puskesmas', messages: TextMessage[]): ExportFile {
  const text = messages.map((m) => m.text).join('\n\n--------\n\n');
  return exportFile(`pesan-${month}-${target === 'specialist' ? 'dokter' : 'puskesmas'}.txt`, MIME.text, `${text}\n`);
}

export interface MonthExportOptions {
  specialistId?: number | undefined;
  onlyChanges?: boolean;
  layout?: (typeof LAYOUTS)[number] | undefined;
  kind?: 'roster' | 'compliance' | undefined;
  target?: 'specialist' | 'puskesmas' | undefined;
  delimiter?: ';' | ',' | undefined;
}

export async function exportFormat(api: Api, format: Format, month: string, options: MonthExportOptions): Promise<ExportFile[]> {
  const c = api.client;
  switch (format) {
    case 'ics':
      return (await c['exports:ics']({ month, specialistId: options.specialistId, onlyChanges: options.onlyChanges ?? false })).files;
    case 'pdf':
      return [await c['exports:pdf']({ month, layout: options.layout ?? 'by-date' })];
    case 'xlsx':
      return [await c['exports:xlsx']({ month, kind: options.kind ?? 'roster' })];
    case 'csv':
      return [await c['exports:csv']({ month, kind: options.kind ?? 'roster', delimiter: options.delimiter ?? ';' })];
    case 'text': {
      const targets = options.target ? [options.target] : (['specialist', 'puskesmas'] as const);
      const files: ExportFile[] = [];
      for (const target of targets) files.push(messagesFile(month, target, (await c['exports:text']({ month, target })).messages));
      return files;
    }
  }
}

/** Everything a coordinator hands out for a month: PDFs (both layouts and per specialist), calendars, Excel, messages. */
export async function writeMonthRosters(api: Api, month: string, dir: string): Promise<string[]> {
  const files: ExportFile[] = [];
  for (const layout of ['by-date', 'by-puskesmas', 'per-specialist'] as const) files.push(...(await exportFormat(api, 'pdf', month, { layout })));
  files.push(...(await exportFormat(api, 'ics', month, {})));
  files.push(...(await exportFormat(api, 'xlsx', month, {})));
  files.push(...(await exportFormat(api, 'text', month, {})));
  return writeExportFiles(dir, files);
}

export function defaultMonth(io: CliIo, timeZone: string): string {
  return addMonths(todayIn(timeZone, io.now()).slice(0, 7), 1);
}

export const exportCommand: CliCommand = {
  name: 'export',
  summary: 'Tulis jadwal sebulan sebagai kalender (ics), PDF, Excel, CSV atau pesan teks',
  usage: 'asuhan export ics|pdf|xlsx|csv|text|history [--month YYYY-MM] [--out DIR] [--specialist ID] [--only-changes] [--layout by-date|by-puskesmas|per-specialist|compliance|report] [--kind roster|compliance] [--target specialist|puskesmas] [--delimiter ";"|","] [--db PATH] [--json]',
  details: [
    'Bawaan --month: bulan depan. Bawaan --out: folder "jadwal-YYYY-MM" di folder kerja.',
    'ics: satu berkas per dokter spesialis dan satu untuk kabupaten; --only-changes hanya mengirim yang baru, dipindah atau dibatalkan sejak ekspor terakhir ke dokter itu.',
    'pdf: --layout by-date (bawaan), by-puskesmas, per-specialist, compliance (laporan kepatuhan) atau report (laporan bulanan program untuk Kepala Dinas, dengan grafik).',
    'xlsx/csv: --kind roster (bawaan) atau compliance. CSV memakai UTF-8 dengan BOM dan pemisah ";" (Excel berbahasa Indonesia).',
    'text: pesan WhatsApp per dokter dan per puskesmas (--target untuk salah satu).',
    'history: daftar berkas kalender yang sudah diekspor, kapan dan untuk siapa (--month, --specialist untuk menyaring).',
  ].join('\n'),
  allowPositionals: true,
  options: {
    month: { type: 'string' },
    out: { type: 'string' },
    specialist: { type: 'string' },
    'only-changes': { type: 'boolean', default: false },
    layout: { type: 'string' },
    kind: { type: 'string' },
    target: { type: 'string' },
    delimiter: { type: 'string' },
  },
  async run({ values, positionals }, flags, io) {
    if (positionals.length !== 1) throw usageError(`Sebutkan satu format: ${FORMATS.join(', ')}. Contoh: asuhan export pdf --month 2026-03`, `Name one format: ${FORMATS.join(', ')}. Example: asuhan export pdf --month 2026-03`);
    const monthOption = stringOption(values, 'month');
    if (monthOption !== undefined && !isMonth(monthOption)) throw usageError(`--month harus bulan dengan format YYYY-MM, bukan "${monthOption}".`, `--month must be a month written YYYY-MM, not "${monthOption}".`);
    const specialist = stringOption(values, 'specialist');
    if (specialist !== undefined && !/^[1-9]\d{0,9}$/.test(specialist)) throw usageError('--specialist harus ID angka dokter spesialis.', '--specialist must be the numeric ID of a specialist.');
    if (positionals[0] === 'history') {
      return withApi(flags, io, async (api) => {
        const history = await api.client['exports:history']({ month: monthOption, specialistId: specialist ? Number(specialist) : undefined });
        if (flags.json) printJson(io, history);
        else if (history.length === 0) io.out('Belum ada ekspor kalender.');
        else io.out(formatTable(['Waktu (UTC)', 'Bulan', 'Untuk', 'Perubahan saja', 'Acara', 'Berkas'], history.map((h) => [h.at.slice(0, 16).replace('T', ' '), h.month, h.specialistName ?? 'kabupaten', h.onlyChanges ? 'ya' : '', h.events, h.fileName])));
        return 0;
      });
    }
    const format = oneOf(positionals[0], FORMATS, 'Format') as Format;
    const options: MonthExportOptions = {
      specialistId: specialist ? Number(specialist) : undefined,
      onlyChanges: values['only-changes'] === true,
      layout: oneOf(stringOption(values, 'layout'), LAYOUTS, '--layout'),
      kind: oneOf(stringOption(values, 'kind'), ['roster', 'compliance'] as const, '--kind'),
      target: oneOf(stringOption(values, 'target'), ['specialist', 'puskesmas'] as const, '--target'),
      delimiter: oneOf(stringOption(values, 'delimiter'), [';', ','] as const, '--delimiter'),
    };
    const outOption = stringOption(values, 'out');
    // Before any work (an --only-changes export records what it sent): the folder must take files.
    if (outOption !== undefined) checkOutputFolder(outOption);
    return withApi(flags, io, async (api) => {
      const month = monthOption ?? defaultMonth(io, (await api.client['settings:get']({})).timeZone);
      const dir = checkOutputFolder(outOption ?? `jadwal-${month}`);
      const files = await exportFormat(api, format, month, options);
      const written = writeExportFiles(dir, files);
      if (flags.json) printJson(io, { month, dir, files: written });
      else {
        if (written.length === 0) io.out(`Tidak ada yang perlu dikirim untuk ${month}: tidak ada perubahan sejak ekspor terakhir.`);
        for (const file of written) io.out(file);
      }
      return 0;
    });
  },
};
