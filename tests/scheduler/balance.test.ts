// The balance rule: the district's visits spread over the month's working days. Its score is
// exactly weight x the visits above the cap, each crowded day named with its count, and the demo
// month no longer bunches (it had 14 visits on Tuesday 3 March).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemIndex } from '../../src/scheduler/context';
import { dayCap } from '../../src/scheduler/rules/balance';
import { solveProblem } from '../../src/scheduler/solve';
import { syntheticDistrict } from '../../src/scheduler/synthetic-district';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

const MONTH = '2026-03';

function loads(visits: { date: string }[]): Map<string, number> {
  const load = new Map<string, number>();
  for (const v of visits) load.set(v.date, (load.get(v.date) ?? 0) + 1);
  return load;
}

describe('balance rule', () => {
  it('costs weight x visits above the cap and names each crowded day with its count', async () => {
    await fc.assert(
      fc.asyncProperty(fc.record({ seed: fc.integer({ min: 1, max: 100_000 }), puskesmas: fc.integer({ min: 4, max: 30 }), weight: fc.constantFrom(0, 2, 50) }), async ({ seed, puskesmas, weight }) => {
        const base = syntheticDistrict({ puskesmas, specialistRatio: 0.8, months: [MONTH], seed, leaveRate: 0.2, missingCoordinates: 0 });
        const problem = { ...base, settings: { ...base.settings, weights: { ...base.settings.weights, balance: weight } } };
        const result = await solveProblem(problem);
        const { cap } = dayCap(new ProblemIndex(problem), MONTH);
        const over = [...loads(result.visits)].filter(([, n]) => n > cap);
        const score = result.score.find((s) => s.rule === 'balance');
        expect(score?.cost ?? 0).toBeCloseTo(weight * over.reduce((sum, [, n]) => sum + n - cap, 0), 6);
        const sentences = result.explanations.filter((e) => e.rule === 'balance');
        if (weight > 0) {
          expect(sentences).toHaveLength(over.length);
          for (const [date, n] of over) expect(sentences.some((e) => e.message.includes(`${n} kunjungan, di atas ${cap} per hari`) && e.date === date)).toBe(true);
        }
      }),
      { numRuns: 12, seed: 20261202 },
    );
  }, 240_000);
});

describe('the demo month', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb({ demo: true });
  });
  afterAll(async () => t.close());

  it('spreads March over its working days: no day above half again the average', async () => {
    const preview = await t.api.client['plans:run']({ month: MONTH });
    const max = Math.max(...loads(preview.visits).values());
    // 90 required visits over 20 working days (Sundays and Nyepi/Idul Fitri out): average 4.5, cap 7.
    expect(max).toBeLessThanOrEqual(7);
    expect(preview.solverStatus).toBe('optimal');
    expect(preview.score.find((s) => s.rule === 'balance')).toMatchObject({ weight: 2 });
  }, 120_000);
});
