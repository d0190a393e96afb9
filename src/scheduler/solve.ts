// Plans the problem's months: for each month, each specialty in turn (lower id first), build
// the MILP (model.ts), solve it with HiGHS under a time limit, and read the visits back.
// A greedy pass is the fallback when the solver returns nothing, and the benchmark baseline.
// The result carries the score by rule (re-evaluated on the final plan by the rule
// modules), the sentences behind every soft cost, what stayed uncovered and why, and the
// objective, best bound and gap.
import { minutesOf, monthOf, timeOf } from '../domain/dates';
import { lastVisitKey, ProblemIndex } from './context';
import { explainUncovered, type UncoveredItem } from './explain';
import { highsRuntime, isIntegral, solveMilp, solveRelaxation, type HighsRuntime, type LpSolution } from './highs';
import { buildMonthModel, UNCOVERED_PENALTY, type MonthModel, type MonthModelInput } from './model';
import type { PlannedVisit, Problem } from './problem';
import { dayCap } from './rules/balance';
import { SOFT_RULES } from './rules/index';
import type { MonthPlan, SoftCost } from './rules/index';

export type SolveMethod = 'milp' | 'greedy';
export type SolveStatus = 'optimal' | 'optimal month by month' | 'feasible' | 'fallback' | 'heuristic';

export interface SolveOptions {
  method?: SolveMethod;
  /** Overrides settings.solverTimeLimitSeconds (whole run). */
  timeLimitSeconds?: number;
  /** Relative gap at which HiGHS may stop (default 1e-4). */
  relativeGap?: number;
  /** Keep each subproblem's candidates and costs in the result (for --save-problem). */
  collectModels?: boolean;
  /** Every allowed pair in the model, none left out (the benchmark's check of the bound). */
  noPruning?: boolean;
  /** Pairs per specialty above which far ones are left out (tests force pruning on small districts). */
  pairLimit?: number;
  /** Core size above which rules' coupling rows wait for the repair step (default COUPLED_CORE_LIMIT; tests force it). */
  coupledCoreLimit?: number;
}

/** One month's model as the solver saw it: candidates [specialistId, puskesmasId, date, cost], needs [puskesmasId, specialtyId, need], room. */
export interface SubproblemDescription {
  month: string;
  candidates: [number, number, string, number][];
  need: [number, number, number][];
  room: [number, number][];
}

export interface RuleScore {
  rule: string;
  label: string;
  labelEn: string;
  weight: number;
  cost: number;
  count: number;
}

export interface SolveResult {
  months: string[];
  visits: PlannedVisit[];
  /**
   * optimal: proven optimal for the problem as docs/problem-format.md defines it (one month);
   * optimal month by month: each month of a chain proven optimal given the months before it,
   * not the whole run; feasible: a plan with a true bound and gap (time limit reached);
   * fallback: greedy after a solver failure; heuristic: greedy asked for.
   */
  status: SolveStatus;
  method: SolveMethod;
  objective: number;
  bound: number | null;
  gap: number | null;
  solveMs: number;
  score: RuleScore[];
  uncoveredPenalty: number;
  explanations: SoftCost[];
  uncovered: UncoveredItem[];
  model: { columns: number; rows: number; subproblems: number; pairs: number; pairsKept: number };
  subproblems?: SubproblemDescription[];
}

export async function solveProblem(problem: Problem, options: SolveOptions = {}): Promise<SolveResult> {
  const method = options.method ?? 'milp';
  // Loading the WASM runtime happens once per process; it is not part of a solve's time.
  const highs = method === 'milp' ? await highsRuntime() : null;
  const started = performance.now();
  const index = new ProblemIndex(problem);
  const specialties = [...problem.specialties].sort((a, b) => a.id - b.id);
  const previous = new Map<string, string>();
  for (const p of problem.previousVisits) {
    const key = lastVisitKey(p.puskesmasId, p.specialtyId);
    if ((previous.get(key) ?? '') < p.date) previous.set(key, p.date);
  }
  const budgetMs = (options.timeLimitSeconds ?? problem.settings.solverTimeLimitSeconds) * 1000;
  let monthsDone = 0;
  let allOptimal = true;
  let usedFallback = false;
  let absoluteGap = 0;
  const stats = { columns: 0, rows: 0, subproblems: 0, pairs: 0, pairsKept: 0 };
  const visits: PlannedVisit[] = [];
  const uncovered: UncoveredItem[] = [];
  const explanations: SoftCost[] = [];
  const scores = new Map<string, { cost: number; count: number }>();
  const described: SubproblemDescription[] = [];

  for (const month of problem.months) {
    const existing = problem.existingVisits.filter((v) => monthOf(v.date) === month);
    const toPlanned = (v: Problem['existingVisits'][number]): PlannedVisit => ({
      date: v.date,
      startTime: v.startTime,
      endTime: timeOf(minutesOf(v.startTime) + index.visitMinutes(v.specialtyId)),
      specialistId: v.specialistId,
      puskesmasId: v.puskesmasId,
      specialtyId: v.specialtyId,
      fixed: v.fixed,
      existingId: v.id,
      uid: v.uid,
      exported: v.exported,
    });
    const known = existing.filter((v) => v.fixed && index.specialists.has(v.specialistId) && index.puskesmas.has(v.puskesmasId)).map(toPlanned);
    const currentPlan = existing.filter((v) => !v.fixed).map(toPlanned);
    const previousBefore = new Map(previous);

    const remainingMs = budgetMs - (performance.now() - started);
    const share = Math.max(0.2, remainingMs / 1000 / Math.max(1, problem.months.length - monthsDone));
    monthsDone++;
    const input = { month, known, currentPlan, previous, noPruning: options.noPruning ?? false, ...(options.pairLimit === undefined ? {} : { pairLimit: options.pairLimit }) };
    const planned = highs ? priceAndSolve(highs, index, input, share, options.relativeGap ?? 1e-4, options.coupledCoreLimit ?? COUPLED_CORE_LIMIT) : null;
    const sub = planned?.model ?? buildMonthModel(index, input);
    stats.subproblems++;
    if (options.collectModels) {
      described.push({
        month,
        candidates: sub.candidates.map((x) => [x.specialistId, x.puskesmasId, x.date, round(x.cost)]),
        need: sub.uncoveredCols.map((u) => [u.puskesmasId, u.specialtyId, u.need]),
        room: [...sub.room],
      });
    }
    stats.columns += sub.builder.numCols;
    stats.rows += sub.builder.numRows;
    stats.pairs += sub.pairsBeforePruning;
    stats.pairsKept += sub.pairsKept;
    let values: ArrayLike<number> | null = planned?.values ?? null;
    if (planned?.values) {
      if (!planned.proven) allOptimal = false;
      absoluteGap += Math.max(0, planned.objective - planned.bound);
    } else {
      if (highs) usedFallback = true;
      allOptimal = false;
      values = greedyValues(sub, dayCrowd(index, month, known));
    }
    const chosen: MonthModel['candidates'] = [];
    for (let col = 0; col < sub.candidates.length; col++) if (((values as ArrayLike<number>)[col] ?? 0) >= 0.5) chosen.push(sub.candidates[col] as MonthModel['candidates'][number]);
    for (const x of chosen) {
      const slot = slotOf(index, x, chosen);
      known.push({ date: x.date, ...slot, specialistId: x.specialistId, puskesmasId: x.puskesmasId, specialtyId: x.specialtyId, fixed: false, existingId: null, uid: null });
    }

    const monthVisits = known.sort(byDateThenIds);
    const counts = new Map<string, number>();
    for (const v of monthVisits) counts.set(`${v.puskesmasId}:${v.specialtyId}`, (counts.get(`${v.puskesmasId}:${v.specialtyId}`) ?? 0) + 1);
    for (const c of problem.puskesmas) {
      for (const k of specialties) {
        const missing = index.requirement(c.id, k.id) - (counts.get(`${c.id}:${k.id}`) ?? 0);
        if (missing > 0) uncovered.push(explainUncovered(index, month, c.id, k.id, missing, monthVisits));
      }
    }
    const plan: MonthPlan = { month, visits: monthVisits, currentPlan, previous: previousBefore };
    for (const rule of SOFT_RULES) {
      const costs = rule.evaluate(index, plan);
      const entry = scores.get(rule.id) ?? { cost: 0, count: 0 };
      for (const cost of costs) {
        entry.cost += cost.cost;
        if (cost.cost > 0) entry.count++;
        if (cost.message) explanations.push(cost);
      }
      scores.set(rule.id, entry);
    }
    for (const v of monthVisits) {
      const key = lastVisitKey(v.puskesmasId, v.specialtyId);
      if ((previous.get(key) ?? '') < v.date) previous.set(key, v.date);
    }
    visits.push(...monthVisits);
  }

  const score: RuleScore[] = SOFT_RULES.map((rule) => ({
    rule: rule.id,
    label: rule.label,
    labelEn: rule.labelEn,
    weight: problem.settings.weights[rule.weightKey],
    cost: round(scores.get(rule.id)?.cost ?? 0),
    count: scores.get(rule.id)?.count ?? 0,
  }));
  const uncoveredPenalty = uncovered.reduce((sum, u) => sum + u.missing, 0) * UNCOVERED_PENALTY;
  const objective = round(score.reduce((sum, s) => sum + s.cost, 0) + uncoveredPenalty);
  const milp = method === 'milp' && !usedFallback;
  // No bound when a month's left-out pairs could not be priced (then nothing is claimed).
  const bound = milp && Number.isFinite(absoluteGap) ? round(objective - absoluteGap) : null;
  return {
    months: problem.months,
    visits,
    status: method === 'greedy' ? 'heuristic' : !milp ? 'fallback' : !allOptimal ? 'feasible' : problem.months.length > 1 ? 'optimal month by month' : 'optimal',
    method,
    objective,
    bound,
    gap: bound === null ? null : Math.abs(objective) < 1e-9 ? 0 : Math.max(0, (objective - bound) / Math.abs(objective)),
    solveMs: Math.round(performance.now() - started),
    score,
    uncoveredPenalty,
    explanations,
    uncovered,
    model: stats,
    ...(options.collectModels ? { subproblems: described } : {}),
  };
}

/** The visit's times: its usual slot, or after the drive when it is the second of two that day. */
function slotOf(index: ProblemIndex, x: MonthModel['candidates'][number], chosen: MonthModel['candidates']): { startTime: string; endTime: string } {
  const specialtyId = x.specialtyId;
  const partner = chosen.find((o) => o !== x && o.specialistId === x.specialistId && o.date === x.date);
  if (partner) {
    // One order for the pair: the lower puskesmas id first when that fits, else the other way.
    const [first, second] = x.puskesmasId < partner.puskesmasId ? [x, partner] : [partner, x];
    const lowFirst = index.twoVisitTimes(first.puskesmasId, second.puskesmasId, x.date, specialtyId);
    if (lowFirst) return lowFirst[x === first ? 0 : 1];
    const highFirst = index.twoVisitTimes(second.puskesmasId, first.puskesmasId, x.date, specialtyId);
    if (highFirst) return highFirst[x === second ? 0 : 1];
  }
  return index.visitTime(x.puskesmasId, x.date, specialtyId) as { startTime: string; endTime: string };
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function byDateThenIds(a: PlannedVisit, b: PlannedVisit): number {
  return (a.date < b.date ? -1 : a.date > b.date ? 1 : 0) || a.specialtyId - b.specialtyId || a.puskesmasId - b.puskesmasId || a.specialistId - b.specialistId;
}

const PRICING_ROUNDS = 20;
const ADD_BACK_MARGIN = 3;
/** Reduced cost above which a candidate is left out of the MIP (see priceAndSolve). */
const CORE_MARGIN = 5;

/** Core size above which rules' coupling rows are left to a repair step (see planThenRepair). */
const COUPLED_CORE_LIMIT = 20_000;
/** Widenings of the core when the plan costs more than the margin above the LP bound (a rule's terms the LP left out). */
const CORE_WIDENINGS = 2;
/**
 * Candidates up to which a month with no pair left out is priced on the LP with the rules' terms
 * (a demo-district month has 23,000-33,000 and that LP takes 0.06-0.35 s once warm; the day rows made an
 * 85,000-column province LP take 51 s, see docs/benchmarks.md).
 */
const RULE_TERMS_IN_LP_LIMIT = 40_000;

/**
 * Solves one month. The LP is the relaxation without the rules' own terms (they only add cost,
 * see rules/types.ts), so its optimum is a lower bound of the month. When far pairs were left
 * out, every left-out candidate is priced against that LP's duals; those with a negative reduced
 * cost are added back and the LP solved again, until none is left (column generation). The LP
 * optimum is then that of the whole month's relaxation. The MIP, with every term, runs on the
 * reduced-cost core: the candidates within a margin of the LP bound. A plan that uses any other
 * candidate costs at least the LP bound plus the margin (LP duality), so the reported bound
 * max(LP, min(core MIP bound, LP + margin)) holds for the whole month. When the plan costs more
 * than LP + margin (the rules' terms cost that much), the core is widened to the plan's cost
 * and solved again from that plan, so the bound can still close.
 * A month with no pair left out and at most RULE_TERMS_IN_LP_LIMIT candidates is priced on its
 * LP with the rules' terms instead: nothing needs pricing, that LP is the month's own relaxation
 * (a true bound, usually integral, and then the plan) and its reduced costs select a core that
 * the balance rule's cost does not push over LP + margin.
 */
function priceAndSolve(
  highs: HighsRuntime,
  index: ProblemIndex,
  input: MonthModelInput,
  timeLimitSeconds: number,
  relativeGap: number,
  coupledCoreLimit: number,
): { model: MonthModel; values: ArrayLike<number> | null; objective: number; bound: number; proven: boolean } {
  const started = performance.now();
  const addBack = new Set<string>();
  const priced = { ...input, addBack, withoutRuleTerms: true, keepRuleTermsUpTo: RULE_TERMS_IN_LP_LIMIT };
  let model = buildMonthModel(index, priced);
  let relaxation: LpSolution | undefined;
  for (let round = 0; round < PRICING_ROUNDS; round++) {
    const relaxed = solveRelaxation(highs, model.builder.lp, timeLimitSeconds, relativeGap);
    if (relaxed.status !== 'optimal' || !relaxed.rowDual || !relaxed.colDual) break;
    const y = relaxed.rowDual;
    let improving = 0;
    for (const [s, c] of model.pruned) {
      let least = Infinity;
      for (const d of model.daysOfPair(s, c)) least = Math.min(least, model.reducedCost(s, c, d, y));
      if (least < -1e-7) improving++;
      // A margin brings near-ties in at once: each pricing round costs a full LP solve (at 1,000
      // puskesmas, joint visits, a margin of 1 took four rounds, 3 two).
      if (least < ADD_BACK_MARGIN) addBack.add(`${s}:${c}`);
    }
    // None could improve: this LP is optimal for every pair (near-ties left out have x = 0 in it).
    if (improving === 0) {
      relaxation = relaxed;
      break;
    }
    model = buildMonthModel(index, priced);
  }
  const penalty = (m: MonthModel) => ({ cols: m.uncoveredCols.map((u) => u.col), cost: UNCOVERED_PENALTY });
  const timeLeft = () => Math.max(timeLimitSeconds * 0.25, timeLimitSeconds - (performance.now() - started) / 1000);
  if (!relaxation) {
    // Pricing did not finish: the plan of the kept pairs, with a bound only when none were left out.
    const full = buildMonthModel(index, { ...input, addBack });
    const solution = solveMilp(highs, full.builder.lp, timeLeft(), relativeGap, () => greedyStart(full, dayCrowd(index, input.month, input.known)), penalty(full));
    if (!solution.values) return { model: full, values: null, objective: Infinity, bound: -Infinity, proven: false };
    const proven = full.pruned.length === 0 && solution.status === 'optimal' && solution.objective - solution.bound <= Math.max(solution.gapTolerance, 1e-6);
    return { model: full, values: solution.values, objective: solution.objective, bound: full.pruned.length === 0 ? solution.bound : -Infinity, proven };
  }
  // The month's own relaxation (every pair, every term) came out integral: that plan is optimal.
  if (model.withRuleTerms && model.pruned.length === 0 && relaxation.values && isIntegral(relaxation.values, model.builder.lp.integrality)) {
    return { model, values: relaxation.values, objective: relaxation.objective, bound: relaxation.objective, proven: true };
  }
  let lpBound = relaxation.objective;
  // Every candidate of the month, kept or left out, and its reduced cost against the relaxation's duals.
  const all: MonthCandidate[] = [];
  const rowDual = relaxation.rowDual as Float64Array;
  const colDual = relaxation.colDual as Float64Array;
  model.candidates.forEach((x, col) => all.push({ s: x.specialistId, c: x.puskesmasId, d: x.date, key: `${x.specialistId}:${x.puskesmasId}:${x.date}`, pruned: false }));
  for (const [s, c] of model.pruned) for (const d of model.daysOfPair(s, c)) all.push({ s, c, d, key: `${s}:${c}:${d}`, pruned: true });
  let reduced: Float64Array = new Float64Array(all.length);
  for (let i = 0; i < all.length; i++) {
    const x = all[i] as MonthCandidate;
    reduced[i] = x.pruned ? model.reducedCost(x.s, x.c, x.d, rowDual) : (colDual[i] as number);
  }
  const hasRuleTerms = SOFT_RULES.some((rule) => rule.addModelTerms && index.settings.weights[rule.weightKey] > 0);
  // An LP that already had the rules' terms bounds the month with them: nothing to tighten.
  const tightenWithRuleTerms = hasRuleTerms && !model.withRuleTerms;

  let margin = CORE_MARGIN;
  let previous: { model: MonthModel; values: ArrayLike<number> } | null = null;
  let result: { model: MonthModel; values: ArrayLike<number> | null; objective: number; bound: number; proven: boolean } = { model, values: null, objective: Infinity, bound: -Infinity, proven: false };
  for (let widening = 0; widening <= CORE_WIDENINGS; widening++) {
    let core = coreWithin(all, reduced, margin, addBack);
    if (widening === 0 && core.size > coupledCoreLimit && hasRuleTerms) {
      const planned = planThenRepair(highs, index, input, addBack, core, lpBound, margin, timeLeft, relativeGap);
      if (planned) return planned;
    }
    let coreModel: MonthModel | null = null;
    let coreRelaxation: LpSolution | undefined;
    if (widening === 0 && tightenWithRuleTerms) {
      const tightened = boundWithRuleTerms(highs, index, input, addBack, all, core, lpBound, margin, timeLeft, relativeGap);
      if (tightened) {
        // The LP of this very core is the MIP's relaxation, unless candidates came in after it.
        if (tightened.model) {
          coreModel = tightened.model;
          coreRelaxation = tightened.relaxation;
        }
        if (tightened.raised) {
          ({ core, reduced } = tightened);
          lpBound = Math.max(lpBound, tightened.relaxation.objective);
        }
      }
    }
    coreModel ??= buildMonthModel(index, { ...input, addBack, onlyCandidates: core });
    const built = coreModel;
    const start = previous ? startFrom(previous, built) : () => greedyStart(built, dayCrowd(index, input.month, input.known));
    const solution = solveMilp(highs, built.builder.lp, timeLeft(), relativeGap, start, penalty(built), coreRelaxation);
    if (!solution.values) return previous ? result : { model: built, values: null, objective: Infinity, bound: -Infinity, proven: false };
    const bound = Math.max(lpBound, Math.min(solution.bound, lpBound + margin));
    const tolerance = Math.max(solution.gapTolerance, 1e-6);
    const proven = solution.status === 'optimal' && solution.objective - bound <= tolerance;
    result = { model: built, values: solution.values, objective: solution.objective, bound, proven };
    // Widen only when the margin is what keeps the bound open and there is time to use it.
    const cappedByMargin = solution.status === 'optimal' && solution.objective > lpBound + margin + tolerance;
    const everyCandidateIn = core.size === all.length;
    if (proven || !cappedByMargin || everyCandidateIn || timeLimitSeconds - (performance.now() - started) / 1000 < timeLimitSeconds * 0.25) break;
    previous = { model: built, values: solution.values };
    margin = solution.objective - lpBound + tolerance;
  }
  return result;
}

/** A candidate of the month: specialist, puskesmas, date, its key `s:c:date`, and whether its pair was left out. */
interface MonthCandidate {
  s: number;
  c: number;
  d: string;
  key: string;
  pruned: boolean;
}

/** The candidates within the margin of the bound (left-out pairs among them are added back). */
function coreWithin(all: MonthCandidate[], reduced: Float64Array, margin: number, addBack: Set<string>): Set<string> {
  const core = new Set<string>();
  for (let i = 0; i < all.length; i++) {
    if ((reduced[i] as number) > margin) continue;
    const x = all[i] as MonthCandidate;
    core.add(x.key);
    if (x.pruned) addBack.add(`${x.s}:${x.c}`);
  }
  return core;
}

/**
 * The rules' own terms can raise the LP bound well above the relaxation's (joint visits crowd
 * some days, and the balance rule charges them in the LP too): then a core within the margin of
 * the weaker bound cannot prove the plan, and widening it brings in nearly every candidate. So
 * the LP with every term is solved on the core, and every candidate outside it priced against
 * its duals (rows the rules declared included); those within the margin join the core, and the
 * LP is solved again while any could improve it. That LP is then optimal for the whole month with
 * every term (a valid bound), and the core holds every candidate within the margin of it. The
 * model and its relaxation are returned for the MIP when no candidate joined after that LP; raised
 * is false (and nothing priced) when the terms do not raise the bound on the core.
 */
function boundWithRuleTerms(
  highs: HighsRuntime,
  index: ProblemIndex,
  input: MonthModelInput,
  addBack: Set<string>,
  all: MonthCandidate[],
  startCore: ReadonlySet<string>,
  lpBound: number,
  margin: number,
  timeLeft: () => number,
  relativeGap: number,
): { model: MonthModel | null; relaxation: LpSolution; raised: boolean; core: Set<string>; reduced: Float64Array } | null {
  const core = new Set(startCore);
  const added = new Set<string>();
  for (let round = 0; round < PRICING_ROUNDS; round++) {
    const model = buildMonthModel(index, { ...input, addBack: new Set([...addBack, ...added]), onlyCandidates: core });
    const relaxation = solveRelaxation(highs, model.builder.lp, timeLeft(), relativeGap);
    if (relaxation.status !== 'optimal' || !relaxation.rowDual || !relaxation.colDual) return null;
    const reduced = new Float64Array(all.length);
    if (round === 0 && relaxation.objective - lpBound <= 1e-6 * Math.max(1, Math.abs(lpBound))) return { model, relaxation, raised: false, core, reduced };
    const columnOf = new Map(model.candidates.map((x, col) => [`${x.specialistId}:${x.puskesmasId}:${x.date}`, col]));
    let entering = 0;
    let improving = 0;
    for (let i = 0; i < all.length; i++) {
      const x = all[i] as MonthCandidate;
      const col = columnOf.get(x.key);
      if (col !== undefined) {
        reduced[i] = relaxation.colDual[col] as number;
        continue;
      }
      const rc = model.reducedCost(x.s, x.c, x.d, relaxation.rowDual);
      reduced[i] = rc;
      if (rc > margin) continue;
      core.add(x.key);
      if (x.pruned) added.add(`${x.s}:${x.c}`);
      entering++;
      if (rc < -1e-7) improving++;
    }
    // None could improve: this LP is optimal for the whole month; the core takes those within the margin.
    if (improving === 0) {
      for (const pair of added) addBack.add(pair);
      return { model: entering === 0 ? model : null, relaxation, raised: true, core, reduced };
    }
  }
  return null;
}

/**
 * Province scale: a rule's coupling rows (balance: one row per day over all its candidates)
 * make every simplex iteration touch the whole model, so the core is planned first without the
 * rules' own terms, and only then are the visits on the days those rules charge set free to move
 * (every day of their pairs' core candidates) in a small model with every term. The bound is the
 * first MIP's (a relaxation of the month over the core) or LP + margin, whichever is lower; the
 * plan's cost is that of the model with every term, so the status and gap stay true. Null when a
 * rule charges a cost without a date to free (then the caller solves the core with every term).
 */
function planThenRepair(
  highs: HighsRuntime,
  index: ProblemIndex,
  input: MonthModelInput,
  addBack: ReadonlySet<string>,
  core: ReadonlySet<string>,
  lpBound: number,
  margin: number,
  timeLeft: () => number,
  relativeGap: number,
): { model: MonthModel; values: ArrayLike<number> | null; objective: number; bound: number; proven: boolean } | null {
  const penalty = (m: MonthModel) => ({ cols: m.uncoveredCols.map((u) => u.col), cost: UNCOVERED_PENALTY });
  const plain = buildMonthModel(index, { ...input, addBack, onlyCandidates: core, withoutRuleTerms: true });
  const first = solveMilp(highs, plain.builder.lp, timeLeft(), relativeGap, () => greedyStart(plain, dayCrowd(index, input.month, input.known)), penalty(plain));
  if (!first.values) return { model: plain, values: null, objective: Infinity, bound: -Infinity, proven: false };
  const bound = Math.max(lpBound, Math.min(first.bound, lpBound + margin));
  const chosen = plain.candidates.filter((_, col) => ((first.values as Float64Array)[col] ?? 0) >= 0.5);
  const charged = chargedByRuleTerms(index, input, chosen);
  if (charged === null) return null;
  const tolerance = Math.max(first.gapTolerance, 1e-6);
  if (charged.dates.size === 0) {
    return { model: plain, values: first.values, objective: first.objective, bound, proven: first.status === 'optimal' && first.objective - bound <= tolerance };
  }
  const moving = new Set(chosen.filter((x) => charged.dates.has(x.date)).map((x) => `${x.specialistId}:${x.puskesmasId}`));
  const allowed = new Set<string>();
  for (const x of chosen) if (!moving.has(`${x.specialistId}:${x.puskesmasId}`)) allowed.add(`${x.specialistId}:${x.puskesmasId}:${x.date}`);
  for (const key of core) if (moving.has(key.slice(0, key.lastIndexOf(':')))) allowed.add(key);
  const repair = buildMonthModel(index, { ...input, addBack, onlyCandidates: allowed });
  const second = solveMilp(highs, repair.builder.lp, timeLeft(), relativeGap, startFrom({ model: plain, values: first.values }, repair), penalty(repair));
  if (!second.values) {
    const objective = first.objective + charged.cost;
    return { model: plain, values: first.values, objective, bound, proven: objective - bound <= tolerance };
  }
  return { model: repair, values: second.values, objective: second.objective, bound, proven: second.objective - bound <= Math.max(tolerance, second.gapTolerance) };
}

/** Dates on which the rules with model terms charge the plan, and what they charge; null when a cost names no date. */
function chargedByRuleTerms(index: ProblemIndex, input: MonthModelInput, chosen: MonthModel['candidates']): { dates: Set<string>; cost: number } | null {
  const visits: PlannedVisit[] = [
    ...input.known,
    ...chosen.map((x) => ({ date: x.date, ...slotOf(index, x, chosen), specialistId: x.specialistId, puskesmasId: x.puskesmasId, specialtyId: x.specialtyId, fixed: false, existingId: null, uid: null })),
  ];
  const plan: MonthPlan = { month: input.month, visits, currentPlan: input.currentPlan, previous: input.previous };
  const dates = new Set<string>();
  let cost = 0;
  for (const rule of SOFT_RULES) {
    if (!rule.addModelTerms || index.settings.weights[rule.weightKey] <= 0) continue;
    for (const charge of rule.evaluate(index, plan)) {
      if (charge.cost <= 0) continue;
      if (!charge.date) return null;
      dates.add(charge.date);
      cost += charge.cost;
    }
  }
  return { dates, cost };
}

/** A plan of a smaller core as the MIP start of a wider one (its candidates are all there). */
function startFrom(previous: { model: MonthModel; values: ArrayLike<number> }, next: MonthModel): () => { indices: number[]; values: number[] } {
  return () => {
    const chosen = new Set<string>();
    previous.model.candidates.forEach((x, col) => {
      if ((previous.values[col] ?? 0) >= 0.5) chosen.add(`${x.specialistId}:${x.puskesmasId}:${x.date}`);
    });
    const uncovered = new Map(previous.model.uncoveredCols.map((u) => [`${u.puskesmasId}:${u.specialtyId}`, previous.values[u.col] ?? 0]));
    const indices = [...next.candidates.keys(), ...next.uncoveredCols.map((u) => u.col)];
    const values = [
      ...next.candidates.map((x) => (chosen.has(`${x.specialistId}:${x.puskesmasId}:${x.date}`) ? 1 : 0)),
      ...next.uncoveredCols.map((u) => Math.round(uncovered.get(`${u.puskesmasId}:${u.specialtyId}`) ?? u.need)),
    ];
    return { indices, values };
  };
}

/** The greedy plan as a MIP start: values of the visit and uncovered columns only. */
function greedyStart(sub: MonthModel, crowd?: DayCrowd): { indices: number[]; values: number[] } {
  const values = greedyValues(sub, crowd);
  const indices = [...sub.candidates.keys(), ...sub.uncoveredCols.map((u) => u.col)];
  return { indices, values: indices.map((i) => values[i] ?? 0) };
}

/** What a visit above the balance rule's cap costs, for the greedy plan; visits per date so far (fixed ones first). */
interface DayCrowd {
  cap: number;
  weight: number;
  load: Map<string, number>;
}

function dayCrowd(index: ProblemIndex, month: string, known: PlannedVisit[]): DayCrowd | undefined {
  const weight = index.settings.weights.balance;
  if (weight <= 0) return undefined;
  const load = new Map<string, number>();
  for (const v of known) load.set(v.date, (load.get(v.date) ?? 0) + 1);
  return { cap: dayCap(index, month).cap, weight, load };
}

/**
 * Greedy: puskesmas with the fewest options first, each takes its cheapest candidate that
 * keeps every hard rule (day free, monthly room left, no second visit of the specialty that day),
 * counting the balance rule's cost of a day already at its cap.
 */
function greedyValues(sub: MonthModel, crowd?: DayCrowd): number[] {
  const values = new Array<number>(sub.builder.numCols).fill(0);
  const byPlace = new Map<string, number[]>();
  sub.candidates.forEach((x, col) => {
    const key = `${x.puskesmasId}:${x.specialtyId}`;
    const list = byPlace.get(key);
    if (list) list.push(col);
    else byPlace.set(key, [col]);
  });
  const roomLeft = new Map<number, number>();
  const lp = sub.builder.lp;
  const busy = new Set<string>();
  const placeDay = new Set<string>();
  const load = new Map(crowd?.load ?? []);
  const order = [...sub.uncoveredCols].sort(
    (a, b) =>
      (byPlace.get(`${a.puskesmasId}:${a.specialtyId}`)?.length ?? 0) - (byPlace.get(`${b.puskesmasId}:${b.specialtyId}`)?.length ?? 0) ||
      a.puskesmasId - b.puskesmasId ||
      a.specialtyId - b.specialtyId,
  );
  for (const { puskesmasId, specialtyId, col: uCol, need } of order) {
    const options = [...(byPlace.get(`${puskesmasId}:${specialtyId}`) ?? [])].sort((a, b) => (lp.colCost[a] as number) - (lp.colCost[b] as number) || a - b);
    let placed = 0;
    while (placed < need) {
      let best = -1;
      let bestCost = Infinity;
      for (const col of options) {
        const x = sub.candidates[col] as MonthModel['candidates'][number];
        if (values[col] === 1) continue;
        const room = roomLeft.get(x.specialistId) ?? sub.room.get(x.specialistId) ?? 0;
        if (room <= 0 || busy.has(`${x.specialistId}:${x.date}`) || placeDay.has(`${x.puskesmasId}:${x.specialtyId}:${x.date}`)) continue;
        const cost = (lp.colCost[col] as number) + (crowd && (load.get(x.date) ?? 0) >= crowd.cap ? crowd.weight : 0);
        if (cost < bestCost) {
          best = col;
          bestCost = cost;
        }
        if (!crowd) break; // options are sorted by cost: the first that fits is the cheapest
      }
      if (best < 0) break;
      const x = sub.candidates[best] as MonthModel['candidates'][number];
      values[best] = 1;
      placed++;
      roomLeft.set(x.specialistId, (roomLeft.get(x.specialistId) ?? sub.room.get(x.specialistId) ?? 0) - 1);
      busy.add(`${x.specialistId}:${x.date}`);
      placeDay.add(`${x.puskesmasId}:${x.specialtyId}:${x.date}`);
      load.set(x.date, (load.get(x.date) ?? 0) + 1);
    }
    values[uCol] = need - placed;
  }
  return values;
}
