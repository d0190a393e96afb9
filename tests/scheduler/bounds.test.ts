// The bound a solve reports holds for the whole month: with far pairs left out (pricing adds
// back what could improve) and with all specialties in one model, the bound is at most the
// optimum of the unpruned model, and the plan is within 0.01% of that optimum.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProblemIndex } from '../../src/scheduler/context';
import { highsRuntime, solveMilp } from '../../src/scheduler/highs';
import { buildMonthModel } from '../../src/scheduler/model';
import { oneModelOptimum } from '../../src/scheduler/reference';
import { solveProblem } from '../../src/scheduler/solve';
import { syntheticDistrict } from '../../src/scheduler/synthetic-district';

const MONTH = '2026-03';
const FORCED_PAIR_LIMIT = 10;

describe('true bounds', () => {
  it('pruned and joint-mode bounds are at most the unpruned optimum, plans within 0.01%', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 25, max: 45 }),
        fc.constantFrom('separate' as const, 'joint' as const, 'indifferent' as const),
        async (seed, puskesmas, jointVisits) => {
          const base = syntheticDistrict({ puskesmas, months: [MONTH], seed, specialistRatio: 0.8 });
          const problem = { ...base, settings: { ...base.settings, jointVisits, allowBackupCover: true, maxTravelKm: 90 } };
          // The forced limit does leave pairs out (each specialist keeps its 10 nearest, each puskesmas 8).
          const first = buildMonthModel(new ProblemIndex(problem), { month: MONTH, known: [], currentPlan: [], previous: new Map(), pairLimit: FORCED_PAIR_LIMIT });
          expect(first.pruned.length).toBeGreaterThan(0);
          const reference = await solveProblem(problem, { noPruning: true, relativeGap: 1e-9, timeLimitSeconds: 600 });
          const pruned = await solveProblem(problem, { pairLimit: FORCED_PAIR_LIMIT });
          expect(reference.status).toBe('optimal');
          expect(pruned.bound).not.toBeNull();
          expect(pruned.bound as number).toBeLessThanOrEqual(reference.objective + 1e-6);
          expect(pruned.objective).toBeLessThanOrEqual(reference.objective * (1 + 1e-4) + 1e-6);
          if (pruned.status === 'optimal') expect(Math.abs(pruned.objective - reference.objective)).toBeLessThanOrEqual(1e-4 * Math.max(1, reference.objective - reference.uncoveredPenalty) + 1e-6);
        },
      ),
      { numRuns: 6, seed: 20261202 },
    );
    // Six unpruned optima with no time limit: minutes on a loaded CI machine, never a timing test.
  }, 600_000);

  it('plans the core first and repairs crowded days (the province-scale path) with a bound at most the optimum', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 12, max: 25 }),
        fc.constantFrom('separate' as const, 'joint' as const),
        fc.constantFrom(2, 10),
        async (seed, puskesmas, jointVisits, balance) => {
          const base = syntheticDistrict({ puskesmas, months: [MONTH], seed, specialistRatio: 0.8 });
          const problem = { ...base, settings: { ...base.settings, jointVisits, weights: { ...base.settings.weights, balance } } };
          const reference = await solveProblem(problem, { noPruning: true, relativeGap: 1e-9, timeLimitSeconds: 120 });
          // Every core counts as province scale: the repair step runs whenever the balance rule charges a day.
          const repaired = await solveProblem(problem, { coupledCoreLimit: 0, pairLimit: FORCED_PAIR_LIMIT });
          expect(reference.status).toBe('optimal');
          expect(repaired.bound).not.toBeNull();
          expect(repaired.bound as number).toBeLessThanOrEqual(reference.objective + 1e-6);
          expect(repaired.objective).toBeGreaterThanOrEqual(reference.objective - 1e-6);
          if (repaired.status === 'optimal') expect(repaired.objective - reference.objective).toBeLessThanOrEqual(1e-4 * Math.max(1, reference.objective - reference.uncoveredPenalty) + 1e-6);
        },
      ),
      { numRuns: 4, seed: 20261202 },
    );
  }, 600_000);

  it('prices a whole small month on its LP with the rules\' terms: the bound is at most the month\'s MIP optimum', async () => {
    const highs = await highsRuntime();
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 12, max: 40 }),
        // Joint-mode months are harder MIPs (the reference can take minutes); the pricing is the same.
        fc.constantFrom('separate' as const, 'indifferent' as const),
        fc.constantFrom(2, 10, 50),
        async (seed, puskesmas, jointVisits, balance) => {
          const base = syntheticDistrict({ puskesmas, months: [MONTH], seed, specialistRatio: 0.8 });
          // Backup cover over the whole district and a heavy balance weight: the rule-free LP is far below the plan.
          const problem = { ...base, settings: { ...base.settings, jointVisits, allowBackupCover: true, maxTravelKm: 200, weights: { ...base.settings.weights, balance } } };
          // The reference is the month's MIP with every pair and term, solved directly (not through priceAndSolve).
          const whole = buildMonthModel(new ProblemIndex(problem), { month: MONTH, known: [], currentPlan: [], previous: new Map(), noPruning: true });
          expect(whole.withRuleTerms).toBe(true);
          const reference = solveMilp(highs, whole.builder.lp, 600, 1e-9);
          expect(reference.status).toBe('optimal');
          const result = await solveProblem(problem);
          // The result's objective and bound are rounded to 0.001.
          expect(result.bound).not.toBeNull();
          expect(result.bound as number).toBeLessThanOrEqual(reference.objective + 1e-3);
          expect(result.objective).toBeGreaterThanOrEqual(reference.objective - 1e-3);
          if (result.status === 'optimal') expect(result.objective - reference.objective).toBeLessThanOrEqual(1e-4 * Math.max(1, result.objective - result.uncoveredPenalty) + 1e-3);
        },
      ),
      // This seed's 16 runs take both paths: the month's LP integral (the plan) and a core MIP after it.
      { numRuns: 16, seed: 20261203 },
    );
  }, 600_000);

  it('with the rules\' terms in the LP (crowded joint-visit days), the bound is at most the one-model optimum', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 12, max: 25 }),
        fc.constantFrom('separate' as const, 'joint' as const),
        fc.constantFrom(2, 10),
        fc.boolean(),
        async (seed, puskesmas, jointVisits, balance, prune) => {
          const base = syntheticDistrict({ puskesmas, months: [MONTH], seed, specialistRatio: 0.8 });
          const problem = { ...base, settings: { ...base.settings, jointVisits, allowBackupCover: true, maxTravelKm: 90, weights: { ...base.settings.weights, balance } } };
          // The reference shares no pricing, core or repair code with the solve: one model, every term.
          // With the balance weight at 10 HiGHS may not prove that model in a minute; its plan and bound still check ours.
          const reference = await oneModelOptimum(problem, 60);
          const result = await solveProblem(problem, prune ? { pairLimit: FORCED_PAIR_LIMIT } : {});
          expect(result.bound).not.toBeNull();
          // The result's figures are rounded to 3 decimals (half up): up to 0.0005 either way.
          expect(result.bound as number).toBeLessThanOrEqual(reference.objective + 5e-4 + 1e-6);
          expect(result.objective).toBeGreaterThanOrEqual(reference.bound - 5e-4 - 1e-6);
          if (reference.optimal) expect(result.objective).toBeGreaterThanOrEqual(reference.objective - 5e-4 - 1e-6);
          if (reference.optimal && result.status === 'optimal') expect(result.objective - reference.objective).toBeLessThanOrEqual(1e-4 * Math.max(1, reference.objective - reference.uncoveredPenalty) + 1e-3);
        },
      ),
      { numRuns: 6, seed: 20261203 },
    );
  }, 600_000);
});
