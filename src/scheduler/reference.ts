// The independent check of solve.ts's bounds (benchmark and tests): one month solved as one
// model with every allowed pair and every rule's term, no pricing, no core, no repair step,
// HiGHS to a relative gap of 1e-9. Its objective is the model's, which matches the rules' score.
import { lastVisitKey, ProblemIndex } from './context';
import { highsRuntime, solveMilp } from './highs';
import { buildMonthModel, UNCOVERED_PENALTY } from './model';
import type { Problem } from './problem';

export async function oneModelOptimum(problem: Problem, timeLimitSeconds = 3600): Promise<{ objective: number; bound: number; optimal: boolean; uncoveredPenalty: number }> {
  const [month, ...others] = problem.months;
  if (!month || others.length > 0 || problem.existingVisits.length > 0) throw new Error('oneModelOptimum: one month without existing visits');
  const highs = await highsRuntime();
  const previous = new Map<string, string>();
  for (const p of problem.previousVisits) {
    const key = lastVisitKey(p.puskesmasId, p.specialtyId);
    if ((previous.get(key) ?? '') < p.date) previous.set(key, p.date);
  }
  const model = buildMonthModel(new ProblemIndex(problem), { month, known: [], currentPlan: [], previous, noPruning: true });
  const solution = solveMilp(highs, model.builder.lp, timeLimitSeconds, 1e-9);
  const uncovered = model.uncoveredCols.reduce((sum, u) => sum + Math.round(solution.values?.[u.col] ?? 0), 0);
  return { objective: solution.objective, bound: solution.bound, optimal: solution.status === 'optimal', uncoveredPenalty: uncovered * UNCOVERED_PENALTY };
}
