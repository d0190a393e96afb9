// How `asuhan plan`, `asuhan solve` and `asuhan demo` print a plan's summary: visits,
// coverage, solver status with objective, bound and gap, score by rule, changes, what stayed
// uncovered and the sentences behind the costs.
import type { PlanPreview } from '../../contract/plans';
import { formatMonth } from '../../domain/format-id';
import { ProblemIndex } from '../../scheduler/context';
import type { Problem } from '../../scheduler/problem';
import type { SolveResult } from '../../scheduler/solve';
import type { CliIo } from '../command';
import { formatTable } from '../command';

export interface PlanSummaryInput {
  month: string;
  visits: number;
  coverage: { required: number; covered: number };
  solverStatus: SolveResult['status'];
  objective: number;
  bound: number | null;
  gap: number | null;
  solveMs: number;
  score: PlanPreview['score'];
  uncovered: PlanPreview['uncovered'];
  explanations: PlanPreview['explanations'];
  changes?: { added: number; moved: number; removed: number; kept: number };
  warnings?: PlanPreview['warnings'];
}

const STATUS_ID: Record<SolveResult['status'], string> = {
  optimal: 'optimal (terbukti)',
  'optimal month by month': 'optimal per bulan (tidak terbukti untuk seluruh periode)',
  feasible: 'layak (belum terbukti optimal)',
  fallback: 'cadangan greedy',
  heuristic: 'heuristik greedy',
};
const STATUS_EN: Record<SolveResult['status'], string> = {
  optimal: 'optimal (proven)',
  'optimal month by month': 'optimal month by month (not proven for the whole run)',
  feasible: 'feasible (not proven optimal)',
  fallback: 'greedy fallback',
  heuristic: 'greedy heuristic',
};

export function english(io: CliIo): boolean {
  return (io.env.ASUHAN_LANG ?? '').toLowerCase().startsWith('en');
}

function number(value: number | null, digits = 2): string {
  return value === null ? '-' : value.toFixed(digits);
}

export function printPlanSummary(io: CliIo, s: PlanSummaryInput, maxSentences = 8): void {
  const en = english(io);
  const label = /^\d{4}-\d{2}$/.test(s.month) ? formatMonth(s.month, en ? 'en' : 'id') : s.month;
  const percent = s.coverage.required === 0 ? 100 : (100 * s.coverage.covered) / s.coverage.required;
  io.out(
    en
      ? `Plan for ${label}: ${s.visits} visits, coverage ${s.coverage.covered}/${s.coverage.required} (${percent.toFixed(0)}%)`
      : `Rencana ${label}: ${s.visits} kunjungan, cakupan ${s.coverage.covered}/${s.coverage.required} (${percent.toFixed(0)}%)`,
  );
  for (const w of s.warnings ?? []) io.out(`! ${en ? w.messageEn : w.message}`);
  io.out(
    en
      ? `Solver: ${STATUS_EN[s.solverStatus]} · objective ${number(s.objective)} · bound ${number(s.bound)} · gap ${s.gap === null ? '-' : `${(s.gap * 100).toFixed(2)}%`} · ${s.solveMs} ms`
      : `Solver: ${STATUS_ID[s.solverStatus]} · objektif ${number(s.objective)} · batas bawah ${number(s.bound)} · gap ${s.gap === null ? '-' : `${(s.gap * 100).toFixed(2)}%`} · ${s.solveMs} ms`,
  );
  io.out(
    formatTable(
      en ? ['rule', 'weight', 'count', 'cost'] : ['aturan', 'bobot', 'jumlah', 'biaya'],
      s.score.map((r) => [en ? r.labelEn : r.label, r.weight, r.count, number(r.cost)]),
    ),
  );
  if (s.changes) {
    const c = s.changes;
    io.out(en ? `Changes: ${c.added} new, ${c.moved} moved, ${c.removed} cancelled, ${c.kept} kept` : `Perubahan: ${c.added} baru, ${c.moved} dipindah, ${c.removed} dibatalkan, ${c.kept} tetap`);
  }
  if (s.uncovered.length > 0) {
    io.out(en ? `Not covered (${s.uncovered.length}):` : `Tidak tercakup (${s.uncovered.length}):`);
    for (const u of s.uncovered.slice(0, 20)) io.out(`  - ${en ? u.messageEn : u.message}`);
    if (s.uncovered.length > 20) io.out(en ? `  ... and ${s.uncovered.length - 20} more` : `  ... dan ${s.uncovered.length - 20} lainnya`);
  }
  const sentences = s.explanations.filter((e) => e.rule !== 'travel' || (e.cost ?? 0) > 0);
  if (sentences.length > 0 && maxSentences > 0) {
    io.out(en ? `Why (${Math.min(maxSentences, sentences.length)} of ${sentences.length}):` : `Penjelasan (${Math.min(maxSentences, sentences.length)} dari ${sentences.length}):`);
    const ranked = [...sentences].sort((a, b) => (b.cost ?? 0) - (a.cost ?? 0));
    for (const e of ranked.slice(0, maxSentences)) io.out(`  - ${en ? e.messageEn : e.message}`);
  }
}

export function summaryFromPreview(p: PlanPreview): PlanSummaryInput {
  return {
    month: p.month,
    visits: p.visits.length,
    coverage: p.coverage,
    solverStatus: p.solverStatus,
    objective: p.objective,
    bound: p.bound,
    gap: p.gap,
    solveMs: p.solveMs,
    score: p.score,
    uncovered: p.uncovered,
    explanations: p.explanations,
    changes: { added: p.changes.added.length, moved: p.changes.moved.length, removed: p.changes.removed.length, kept: p.changes.kept.length },
    warnings: p.warnings,
  };
}

/** Summary of a solver result without a database (asuhan solve, dry runs). */
export function summaryFromResult(problem: Problem, result: SolveResult): PlanSummaryInput {
  const index = new ProblemIndex(problem);
  const perMonth = problem.puskesmas.reduce((sum, c) => sum + problem.specialties.reduce((t, k) => t + index.requirement(c.id, k.id), 0), 0);
  const required = perMonth * problem.months.length;
  const missing = result.uncovered.reduce((sum, u) => sum + u.missing, 0);
  const months = problem.months;
  return {
    month: months.length === 1 ? (months[0] as string) : `${months[0]}..${months[months.length - 1]}`,
    visits: result.visits.length,
    coverage: { required, covered: required - missing },
    solverStatus: result.status,
    objective: result.objective,
    bound: result.bound,
    gap: result.gap,
    solveMs: result.solveMs,
    score: result.score,
    uncovered: result.uncovered,
    explanations: result.explanations,
  };
}
