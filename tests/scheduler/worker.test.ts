// The solver thread gives the same plan as solving in place, from the TypeScript entry (tsx) and
// from the compiled one the CLI bundle ships (dist/cli/solve-worker.js, built by the global setup);
// it runs one solve at a time, says so when busy, starts afresh after a failure and stops on close.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemFromDatabase } from '../../src/scheduler/from-database';
import type { Problem } from '../../src/scheduler/problem';
import { solveProblem, type SolveResult } from '../../src/scheduler/solve';
import { SolverBusyError, SolverFailedError, SolverStoppedError, SolverThread } from '../../src/scheduler/worker';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

const COMPILED_ENTRY = pathToFileURL(path.resolve(import.meta.dirname, '../../dist/cli/solve-worker.js')).href;

let t: TestDb;
let problem: Problem;
let inPlace: SolveResult;
const threads: SolverThread[] = [];

function thread(options: { entry?: string } = {}): SolverThread {
  const made = new SolverThread(options);
  threads.push(made);
  return made;
}

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  problem = await problemFromDatabase(t.db.kysely, ['2026-03'], { today: '2026-02-18' });
  inPlace = await solveProblem(problem);
});
afterAll(async () => {
  for (const made of threads) await made.close();
  await t.close();
});

/** The result without its timings (solveMs differs run to run). */
function plan(result: SolveResult) {
  const { solveMs: _ms, ...rest } = result;
  return rest;
}

describe('solver thread', () => {
  it('solves the demo district month exactly as in place, from the TypeScript entry', async () => {
    const solver = thread();
    expect(solver.available()).toBe(true);
    expect(plan(await solver.solve(problem))).toEqual(plan(inPlace));
    expect(inPlace.visits.length).toBeGreaterThan(0);
  });

  it('solves it exactly as in place from the compiled entry of the CLI bundle', async () => {
    const solver = thread({ entry: COMPILED_ENTRY });
    expect(solver.available()).toBe(true);
    expect(plan(await solver.solve(problem))).toEqual(plan(inPlace));
  });

  it('keeps the event loop turning while it solves', async () => {
    const solver = thread();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const solving = solver.solve(problem);
    // A turn of the loop while the solve is still under way: impossible if it blocked this thread.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(solver.busy()).not.toBeNull();
    await solving;
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('refuses a second solve while one runs, naming the months and the owner', async () => {
    const solver = thread();
    const first = solver.solve(problem, {}, 'Koordinator A');
    const second = solver.solve(problem, {}, 'Koordinator B');
    await expect(second).rejects.toBeInstanceOf(SolverBusyError);
    await second.catch((error: SolverBusyError) => {
      expect(error.work.months).toEqual(['2026-03']);
      expect(error.work.owner).toBe('Koordinator A');
    });
    expect(plan(await first)).toEqual(plan(inPlace));
    expect(solver.busy()).toBeNull();
  });

  it('reports a failed solve and solves the next one on a fresh worker', async () => {
    const solver = thread();
    const broken = { ...problem, specialties: undefined } as unknown as Problem;
    await expect(solver.solve(broken)).rejects.toBeInstanceOf(SolverFailedError);
    expect(plan(await solver.solve(problem))).toEqual(plan(inPlace));
  });

  it('rejects the solve under way when closed', async () => {
    const solver = thread();
    const outcome = solver.solve(problem).catch((error: unknown) => error);
    await solver.close();
    expect(await outcome).toBeInstanceOf(SolverStoppedError);
    expect(solver.busy()).toBeNull();
  });
});
