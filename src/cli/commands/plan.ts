// `asuhan plan`: plans one month (or a range), saves it into the visits unless --dry-run, and
// prints the summary. --save-problem writes the exact problem the solver saw as JSON.
import path from 'node:path';
import { pastMonthWarnings } from '../../app/plans.service';
import { getSettings } from '../../db/settings.repository';
import { addMonths, isMonth, monthRange, todayIn } from '../../domain/dates';
import { checkOutputFolder, writeFileSafely } from '../../files/guard';
import { problemFromDatabase } from '../../scheduler/from-database';
import { solveProblem } from '../../scheduler/solve';
import type { CliCommand } from '../command';
import { printJson, stringOption, usageError } from '../command';
import { withApi } from '../session';
import { printPlanSummary, summaryFromPreview, summaryFromResult } from './plan-report';

const MAX_MONTHS = 24;

export function monthsFromOptions(values: Record<string, unknown>): string[] {
  const month = stringOption(values, 'month');
  const from = stringOption(values, 'from');
  const to = stringOption(values, 'to');
  for (const [name, value] of [['month', month], ['from', from], ['to', to]] as const) {
    if (value !== undefined && !isMonth(value)) throw usageError(`--${name} harus bulan dengan format YYYY-MM (mis. 2026-03).`, `--${name} must be a month written YYYY-MM (e.g. 2026-03).`);
  }
  if (month && (from || to)) throw usageError('Pakai --month, atau --from dan --to, bukan keduanya.', 'Use --month, or --from and --to, not both.');
  if (month) return [month];
  if (!from || !to) throw usageError('Sebutkan --month YYYY-MM, atau --from YYYY-MM --to YYYY-MM.', 'Give --month YYYY-MM, or --from YYYY-MM --to YYYY-MM.');
  if (to < from) throw usageError('--to tidak boleh sebelum --from.', '--to cannot be before --from.');
  if (to > addMonths(from, MAX_MONTHS - 1)) throw usageError(`Paling banyak ${MAX_MONTHS} bulan sekaligus.`, `At most ${MAX_MONTHS} months at once.`);
  return monthRange(from, to);
}

export const planCommand: CliCommand = {
  name: 'plan',
  summary: 'Susun jadwal kunjungan sebulan (atau beberapa bulan) dengan penjadwal optimasi',
  usage: 'asuhan plan --month YYYY-MM | --from YYYY-MM --to YYYY-MM [--fresh] [--allow-past] [--dry-run] [--save-problem FILE.json] [--db PATH] [--json]',
  details: [
    'Kunjungan yang dikunci, terkonfirmasi atau selesai tidak dipindah; kunjungan terencana lain',
    'hanya diubah bila perlu (--fresh: susun ulang tanpa mempertahankan rencana lama).',
    '--dry-run: tampilkan saja, tanpa menyimpan. --save-problem: tulis masalah yang dilihat solver ke berkas JSON',
    '(lihat docs/problem-format.md), yang bisa diselesaikan lagi dengan "asuhan solve".',
    'Hari ini dan hari sebelumnya tidak diubah: kunjungan di sana tetap, kunjungan baru mulai besok (ASUHAN_TODAY=YYYY-MM-DD',
    'menetapkan "hari ini"). Bulan yang sudah lewat seluruhnya ditolak, kecuali --allow-past (mencatat riwayat, dengan peringatan).',
  ].join('\n'),
  options: {
    month: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    'allow-past': { type: 'boolean', default: false },
    'dry-run': { type: 'boolean', default: false },
    'save-problem': { type: 'string' },
  },
  async run({ values }, flags, io) {
    const months = monthsFromOptions(values);
    const saveTo = stringOption(values, 'save-problem');
    if (saveTo !== undefined && saveTo.trim() === '') throw usageError('--save-problem perlu nama berkas.', '--save-problem needs a file name.');
    if (saveTo) checkOutputFolder(path.dirname(path.resolve(saveTo)), { create: false });
    const mode = values.fresh ? 'fresh' : 'replan';
    const allowPast = values['allow-past'] === true;
    return withApi(flags, io, async (api, ctx) => {
      if (saveTo || values['dry-run']) {
        const today = todayIn((await getSettings(ctx.db.kysely)).timeZone, io.now());
        for (const month of months) pastMonthWarnings(month, today, allowPast);
        const problem = await problemFromDatabase(ctx.db.kysely, months, { mode, ...(allowPast ? {} : { today }) });
        const result = await solveProblem(problem, { collectModels: saveTo !== undefined });
        if (saveTo) writeFileSafely(saveTo, `${JSON.stringify({ ...problem, solverView: result.subproblems }, null, 1)}\n`);
        if (values['dry-run']) {
          if (flags.json) printJson(io, { dryRun: true, ...result, subproblems: undefined });
          else printPlanSummary(io, summaryFromResult(problem, result));
          if (saveTo && !flags.json) io.out(`Masalah ditulis ke ${saveTo}`);
          return 0;
        }
      }
      const saved = [];
      for (const month of months) {
        const preview = await api.client['plans:run']({ month, mode, allowPast });
        const applied = await api.client['plans:apply']({ planId: preview.planId });
        saved.push({ preview, applied });
        if (!flags.json) {
          printPlanSummary(io, summaryFromPreview(preview));
          io.out(`Disimpan sebagai rencana #${applied.planId}${applied.backupFile ? ` (cadangan: ${applied.backupFile})` : ''}.`);
          io.out('');
        }
      }
      if (flags.json) printJson(io, saved);
      else if (saveTo) io.out(`Masalah ditulis ke ${saveTo}`);
      return 0;
    });
  },
};
