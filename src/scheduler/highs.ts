// HiGHS (WASM) loaded once per process; solves one LinearProgram with a time limit and
// reports objective, best bound and status. The package is imported on first solve, not at start-up.
import type loadHighs from 'highs';
import type { LinearProgram } from './lp';

export type HighsRuntime = Awaited<ReturnType<typeof loadHighs>>;

let runtime: Promise<HighsRuntime> | null = null;

export function highsRuntime(): Promise<HighsRuntime> {
  runtime ??= import('highs').then((highs) => highs.default());
  return runtime;
}

export interface LpSolution {
  status: 'optimal' | 'time-limit' | 'infeasible' | 'error';
  values: Float64Array | null;
  objective: number;
  bound: number;
  /** Row duals and reduced costs of an LP (HiGHS sign: colDual = cost - A^T rowDual). */
  rowDual?: Float64Array;
  colDual?: Float64Array;
}

/**
 * Solves the LP relaxation first: this model's relaxation is usually integral already, and then
 * its optimum is the MILP's, proven, in a fraction of the MIP time. Otherwise runs the MIP.
 */
export function solveMilp(
  highs: HighsRuntime,
  lp: LinearProgram,
  timeLimitSeconds: number,
  relativeGap: number,
  /** A feasible start for some columns (the greedy plan); HiGHS completes the rest. */
  start?: () => { indices: number[]; values: number[] },
  /** Uncovered-visit columns and their penalty: the gap is taken relative to the soft costs alone. */
  penalty?: { cols: number[]; cost: number },
  /** The relaxation of this very LP when the caller has solved it already (pricing). */
  solvedRelaxation?: LpSolution,
): LpSolution & { relaxationIntegral: boolean; gapTolerance: number } {
  const started = performance.now();
  const relaxed = solvedRelaxation ?? solveRelaxation(highs, lp, timeLimitSeconds, relativeGap);
  if (relaxed.status === 'optimal' && relaxed.values && isIntegral(relaxed.values, lp.integrality)) {
    return { ...relaxed, relaxationIntegral: true, gapTolerance: 0 };
  }
  const left = timeLimitSeconds - (performance.now() - started) / 1000;
  // The uncovered penalty dwarfs the soft costs, so a gap relative to the whole objective would
  // call a plan optimal that is tens of units off; the stopping gap is relative to the soft part.
  let soft = relaxed.values ? relaxed.objective : Infinity;
  if (relaxed.values && penalty) for (const col of penalty.cols) soft -= penalty.cost * (relaxed.values[col] as number);
  const absoluteGap = Number.isFinite(soft) ? relativeGap * Math.max(1, soft) : undefined;
  const exact = solveLp(highs, lp, Math.max(left, timeLimitSeconds * 0.25), absoluteGap === undefined ? relativeGap : 1e-9, true, start?.(), absoluteGap);
  if (relaxed.status === 'optimal' && exact.values) exact.bound = Math.max(exact.bound, relaxed.objective);
  return { ...exact, relaxationIntegral: false, gapTolerance: absoluteGap ?? relativeGap * Math.max(1, Math.abs(exact.objective)) };
}

/** The LP relaxation, with duals. Presolve costs more than it saves here (measured: 10x slower at 45 to 1,000 puskesmas). */
export function solveRelaxation(highs: HighsRuntime, lp: LinearProgram, timeLimitSeconds: number, relativeGap: number): LpSolution {
  return solveLp(highs, { ...lp, integrality: lp.integrality.map(() => 0 as const) }, timeLimitSeconds, relativeGap, false);
}

export function isIntegral(values: ArrayLike<number>, integrality: readonly number[]): boolean {
  for (let i = 0; i < integrality.length; i++) {
    if (integrality[i] !== 1) continue;
    const v = values[i] as number;
    if (Math.abs(v - Math.round(v)) > 1e-6) return false;
  }
  return true;
}

export function solveLp(
  highs: HighsRuntime,
  lp: LinearProgram,
  timeLimitSeconds: number,
  relativeGap: number,
  presolve = true,
  start?: { indices: number[]; values: number[] },
  absoluteGap?: number,
): LpSolution {
  if (lp.colCost.length === 0) return { status: 'optimal', values: new Float64Array(0), objective: lp.offset, bound: lp.offset };
  const model = highs.createModel({
    numCols: lp.colCost.length,
    numRows: lp.rowLower.length,
    offset: lp.offset,
    colCost: lp.colCost,
    colLower: lp.colLower,
    colUpper: lp.colUpper,
    rowLower: lp.rowLower.map((v) => (v === -Infinity ? -highs.infinity : v)),
    rowUpper: lp.rowUpper.map((v) => (v === Infinity ? highs.infinity : v)),
    matrix: { format: 'csr', numRows: lp.rowLower.length, numCols: lp.colCost.length, starts: lp.starts, indices: lp.indices, values: lp.values },
    integrality: lp.integrality,
  });
  try {
    model.options.set({ output_flag: false, time_limit: Math.max(0.05, timeLimitSeconds), mip_rel_gap: relativeGap, ...(absoluteGap === undefined ? {} : { mip_abs_gap: absoluteGap }), random_seed: 0, presolve: presolve ? 'choose' : 'off' });
    if (start) {
      try {
        model.setSolution(start);
      } catch {
        // An unusable start only costs the head start.
      }
    }
    model.run();
    const status = model.getModelStatus();
    const codes = highs.constants.modelStatus;
    const hasSolution = Number(model.info.get('primal_solution_status')) === 2;
    if (!hasSolution) return { status: status === codes.infeasible ? 'infeasible' : 'error', values: null, objective: Infinity, bound: -Infinity };
    const objective = model.getObjectiveValue();
    const isMip = lp.integrality.some((t) => t === 1);
    const dualBound = isMip ? Number(model.info.get('mip_dual_bound')) : objective;
    const bound = status === codes.optimal ? Math.min(objective, Number.isFinite(dualBound) ? dualBound : objective) : Number.isFinite(dualBound) ? dualBound : -Infinity;
    const solution = model.getSolution();
    return { status: status === codes.optimal ? 'optimal' : 'time-limit', values: solution.colValue, objective, bound, ...(isMip ? {} : { rowDual: solution.rowDual, colDual: solution.colDual }) };
  } finally {
    model.dispose();
  }
}
