// The solver thread gives the same plan as solving in place, and the main thread keeps running meanwhile.
import { afterAll, describe, expect, it } from 'vitest';
import { solveProblem } from '../../src/scheduler/solve';
import { syntheticDistrict } from '../../src/scheduler/synthetic-district';
import { solveInWorker, stopSolverWorker } from '../../src/scheduler/worker';

afterAll(stopSolverWorker);

describe('solver worker', () => {
  it('returns the same plan as the in-thread solver without blocking the event loop', async () => {
    const problem = syntheticDistrict({ puskesmas: 30, months: ['2026-03'], seed: 11 });
    const inline = await solveProblem(problem);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const threaded = await solveInWorker(problem);
    clearInterval(timer);
    expect(threaded.objective).toBe(inline.objective);
    expect(threaded.visits).toEqual(inline.visits);
    expect(ticks).toBeGreaterThan(5);
  });
});
