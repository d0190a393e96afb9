// `asuhan solve FILE.json`: solves a problem file (from `asuhan plan --save-problem`, the
// benchmark, or written by hand; see docs/problem-format.md) without a database.
import { AsuhanError } from '../../contract/errors';
import { readInputText } from '../../files/guard';
import { problemSchema } from '../../scheduler/problem';
import { solveProblem } from '../../scheduler/solve';
import type { CliCommand } from '../command';
import { printJson, stringOption, usageError } from '../command';
import { printPlanSummary, summaryFromResult } from './plan-report';

/** A province's twelve months with their solver view stays far below this. */
const MAX_PROBLEM_FILE_BYTES = 256 * 1024 * 1024;

export const solveCommand: CliCommand = {
  name: 'solve',
  summary: 'Selesaikan berkas masalah penjadwalan (JSON) tanpa database',
  usage: 'asuhan solve FILE.json [--greedy] [--time-limit DETIK] [--json]',
  details: 'Berkas dibuat oleh "asuhan plan --save-problem" atau mengikuti docs/problem-format.md.\n--greedy: pakai heuristik greedy (pembanding), bukan solver MILP.',
  options: { greedy: { type: 'boolean', default: false }, 'time-limit': { type: 'string' } },
  allowPositionals: true,
  async run({ values, positionals }, flags, io) {
    if (positionals.length !== 1) throw usageError('Sebutkan tepat satu berkas JSON: asuhan solve FILE.json', 'Give exactly one JSON file: asuhan solve FILE.json');
    const file = positionals[0] as string;
    const limitText = stringOption(values, 'time-limit');
    const timeLimit = limitText === undefined ? undefined : Number(limitText);
    if (timeLimit !== undefined && !(timeLimit > 0 && timeLimit <= 3600)) throw usageError('--time-limit harus angka detik antara 0 dan 3600.', '--time-limit must be seconds between 0 and 3600.');
    let raw: unknown;
    try {
      raw = JSON.parse(readInputText(file, { maxBytes: MAX_PROBLEM_FILE_BYTES }));
    } catch (error) {
      if (error instanceof AsuhanError) throw usageError(`Tidak dapat membaca ${file}: ${error.messageId}`, `Cannot read ${file}: ${error.messageEn}`);
      const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw usageError(`Tidak dapat membaca ${file} sebagai JSON: ${detail}`, `Cannot read ${file} as JSON: ${detail}`);
    }
    const parsed = problemSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue?.path.join('.') || '(akar)';
      throw usageError(`Berkas masalah tidak valid di ${where}: ${issue?.message}`, `Invalid problem file at ${where}: ${issue?.message}`);
    }
    const result = await solveProblem(parsed.data, { method: values.greedy ? 'greedy' : 'milp', ...(timeLimit ? { timeLimitSeconds: timeLimit } : {}) });
    if (flags.json) printJson(io, result);
    else printPlanSummary(io, summaryFromResult(parsed.data, result));
    return 0;
  },
};
