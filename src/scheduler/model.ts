// The MILP for one month, all specialties in one model: the spread rule couples them (joint or
// separate visits on one day), so planning one after another could miss the optimum.
//
//   x[s,c,d] binary   specialist s visits puskesmas c on day d (only where every hard rule allows)
//   u[c,k]   >= 0     required visits of specialty k left uncovered (cost UNCOVERED_PENALTY each)
//   over[s]  >= 0     visits above s's fair share
//   crowd[s,w] >= 0   visits of s beyond one in week w (likewise crowd[c,k,w] for a puskesmas
//                     needing several visits of a specialty a month)
//   keep[v], pair[v] in [0,1]  current-plan visit v kept on its day / kept with another day
//   X[c,k,d] = sum_s x[s,c,d] of specialty k (not a column, a sum)
//   apart[c,d] >= 0   (separate) two specialties at c on d: apart >= X[c,j,d] + X[c,k,d] - 1
//   alone[c,d] >= 0   (joint) a visit of k without the lower specialty j that day, while j visits
//                     c this month (has[c,j] in [0,1], binary when j needs several visits):
//                     alone >= X[c,k,d] - X[c,j,d] + has[c,j] - 1,  need * has >= sum_d X[c,j,d]
//
//   sum_{s,d} x[s,c,d] + u[c,k] = need[c,k]        coverage (need = requirement - fixed visits)
//   sum_c x[s,c,d] <= 1                            one visit a day (with allowTwoVisitsPerDay: <= 2,
//                                                  and 2 x[s,c,d] + sum of x[s,c',d] that cannot follow or precede it <= 2)
//   sum_{c,d} x[s,c,d] <= max[s] - fixed[s]        monthly maximum
//   X[c,k,d] <= 1                                  one visit of a specialty per puskesmas per day
//   sum x[s,.,.] - over[s] <= share[s] - fixed[s]  fairness
//   sum_{d in w} x[s,.,d] - crowd[s,w] <= 1 - fixed[s,w]   (and per puskesmas and specialty)
//   keep[v] <= x[s_v,c_v,d_v]; sum_{v in (s,c)} keep+pair <= sum_d x[s,c,d]; keep[v]+pair[v] <= 1
//
// Per-visit soft costs (continuity, travel, preference, interval since the last visit, same-day
// clash with fixed visits) go straight onto x, computed by the rule modules themselves.
// At province scale far pairs are left out (prunePairs); solve.ts prices them against the LP
// duals and adds back any that could improve, so the bound stays that of the whole problem.
import type { ProblemIndex } from './context';
import { daysOf, lastVisitKey, weekdayOf } from './context';
import { LpBuilder } from './lp';
import type { PlannedVisit } from './problem';
import { continuityUnits } from './rules/continuity';
import { SOFT_RULES } from './rules/index';
import { fairShares } from './rules/fairness';
import { preferenceUnits } from './rules/preference';
import { intervalUnits, sameDayUnits, weekOf } from './rules/spread';
import { MOVED_FRACTION, stabilityWeight } from './rules/stability';
import { travelUnits } from './rules/travel';

export const UNCOVERED_PENALTY = 100_000;
/** Above this many specialist-puskesmas pairs per specialty, candidates are thinned (see prunePairs). */
export const PAIR_LIMIT = 12_000;
const NEAREST_PER_SPECIALIST = 10;
const NEAREST_PER_PUSKESMAS = 8;

export interface Candidate {
  specialistId: number;
  puskesmasId: number;
  specialtyId: number;
  date: string;
  cost: number;
}

/** Rows a left-out candidate would enter with a coefficient, for pricing it against the duals. */
interface RowIndex {
  cover: Map<number, number>;
  specialistDay: Map<number, number>;
  room: Map<number, number>;
  fairness: Map<number, number>;
  specialistWeek: Map<number, number>;
  placeDay: Map<number, number>;
  placeWeek: Map<number, number>;
  /** key (c*64+day)*K+k -> rows with the coefficient of X[c,k,d] in them. */
  coupling: Map<number, [number, number][]>;
  /** `s:c` -> the stability row crediting a current-plan visit kept with its pair (x enters with -1). */
  credit: Map<string, number>;
}

export interface MonthModel {
  month: string;
  builder: LpBuilder;
  candidates: Candidate[];
  /** Column of each candidate is its index; u columns follow. */
  uncoveredCols: { puskesmasId: number; specialtyId: number; col: number; need: number }[];
  pairsBeforePruning: number;
  pairsKept: number;
  /** Pairs left out, as [specialistId, puskesmasId]. */
  pruned: [number, number][];
  /** Visits each specialist may still make this month. */
  room: Map<number, number>;
  /** Some rule's own terms are in the model (see MonthModelInput.withoutRuleTerms). */
  withRuleTerms: boolean;
  /** Cost of a candidate and the rows it would enter (for pricing left-out pairs). */
  costOf(s: number, c: number, d: string): number;
  daysOfPair(s: number, c: number): string[];
  reducedCost(s: number, c: number, d: string, rowDual: ArrayLike<number>): number;
}

export interface MonthModelInput {
  month: string;
  /** Fixed visits of the month. */
  known: PlannedVisit[];
  /** Current-plan (not fixed) visits of the month. */
  currentPlan: PlannedVisit[];
  previous: Map<string, string>;
  /** Left-out pairs priced back in (`s:c`). */
  addBack?: ReadonlySet<string>;
  /** Build with every allowed pair (the check of the pruned model). */
  noPruning?: boolean;
  /** Pairs per specialty above which far ones are left out (default PAIR_LIMIT). */
  pairLimit?: number;
  /** Only these candidates (`s:c:date`), for the reduced-cost core; current-plan ones stay too. */
  onlyCandidates?: ReadonlySet<string>;
  /**
   * Leave out the rules' own terms (addModelTerms). They only add cost, so this model is a
   * relaxation of the month: its LP bound and reduced costs hold for the whole problem.
   */
  withoutRuleTerms?: boolean;
  /**
   * With withoutRuleTerms: keep the terms after all when no pair is left out and the month has at
   * most this many candidates. That LP is the month's own relaxation, tighter than the one without
   * the terms (the balance rule charges tens of units a month in a compact district), and its
   * reduced costs come from the solver; only pricing left-out pairs needs the rows known here.
   */
  keepRuleTermsUpTo?: number;
}

export function buildMonthModel(index: ProblemIndex, input: MonthModelInput): MonthModel {
  const { month, known } = input;
  const settings = index.settings;
  const w = settings.weights;
  const days = daysOf(month);
  const specialties = [...index.problem.specialties].map((k) => k.id).sort((a, b) => a - b);
  const K = Math.max(1, specialties.length);
  const kIndex = new Map(specialties.map((k, i) => [k, i]));
  const specialistsOf = new Map<number, number>();
  for (const s of index.problem.specialists) specialistsOf.set(s.id, s.specialtyId);

  const knownBySpecialist = new Map<number, PlannedVisit[]>();
  const knownAtPlace = new Map<number, PlannedVisit[]>();
  for (const v of known) {
    listAt(knownBySpecialist, v.specialistId).push(v);
    listAt(knownAtPlace, v.puskesmasId).push(v);
  }

  // Need per puskesmas and specialty after the visits already there.
  const need = new Map<number, number>(); // key c*K+k
  const places: number[] = [];
  for (const c of index.problem.puskesmas) {
    let any = false;
    for (const k of specialties) {
      const required = index.requirement(c.id, k);
      if (required <= 0) continue;
      const have = (knownAtPlace.get(c.id) ?? []).filter((v) => v.specialtyId === k).length;
      if (required > have) {
        need.set(c.id * K + (kIndex.get(k) as number), required - have);
        any = true;
      }
    }
    if (any) places.push(c.id);
  }
  places.sort((a, b) => a - b);

  // Days each specialist is free, each puskesmas open for a specialty (and the visit fits).
  const freeDays = new Map<number, string[]>();
  const team = [...index.problem.specialists].filter((s) => kIndex.has(s.specialtyId)).sort((a, b) => a.id - b.id);
  for (const s of team) {
    const busy = new Set((knownBySpecialist.get(s.id) ?? []).map((v) => v.date));
    freeDays.set(
      s.id,
      days.filter((d) => !index.isPast(d) && s.usualWeekdays.includes(weekdayOf(d)) && !index.holidays.has(d) && !index.unavailableOn(s.id, d) && !busy.has(d)),
    );
  }
  const openDays = new Map<number, Set<string>>(); // key c*K+k
  for (const c of places) {
    for (const k of specialties) {
      const key = c * K + (kIndex.get(k) as number);
      if (!need.has(key)) continue;
      const taken = new Set((knownAtPlace.get(c) ?? []).filter((v) => v.specialtyId === k).map((v) => v.date));
      openDays.set(key, new Set(days.filter((d) => !taken.has(d) && index.visitTime(c, d, k) !== null)));
    }
  }

  // Pairs the programme allows, thinned per specialty at province scale.
  const kept: [number, number][] = [];
  const pruned: [number, number][] = [];
  let pairsBeforePruning = 0;
  for (const k of specialties) {
    const ki = kIndex.get(k) as number;
    const pairs: [number, number][] = [];
    for (const s of team) {
      if (s.specialtyId !== k || (freeDays.get(s.id) ?? []).length === 0) continue;
      for (const c of places) {
        if (!need.has(c * K + ki)) continue;
        if (index.canReach(s.id, c)) pairs.push([s.id, c]);
      }
    }
    pairsBeforePruning += pairs.length;
    if (input.noPruning || pairs.length <= (input.pairLimit ?? PAIR_LIMIT)) {
      kept.push(...pairs);
      continue;
    }
    const keep = prunePairs(index, pairs, input.currentPlan.filter((v) => v.specialtyId === k));
    for (const p of pairs) {
      if (keep.has(`${p[0]}:${p[1]}`) || input.addBack?.has(`${p[0]}:${p[1]}`)) kept.push(p);
      else pruned.push(p);
    }
  }

  const b = new LpBuilder();
  const candidates: Candidate[] = [];
  // Grouping keys are numbers (day index < 64, week index < 8) to keep province-scale builds fast.
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const weekIndex = new Map<string, number>();
  for (const d of days) if (!weekIndex.has(weekOf(d))) weekIndex.set(weekOf(d), weekIndex.size);
  const rows: RowIndex = { cover: new Map(), specialistDay: new Map(), room: new Map(), fairness: new Map(), specialistWeek: new Map(), placeDay: new Map(), placeWeek: new Map(), coupling: new Map(), credit: new Map() };
  const byPlace = new Map<number, number[]>(); // c*K+k
  const bySpecialistDay = new Map<number, number[]>();
  const bySpecialist = new Map<number, number[]>();
  const byPlaceDay = new Map<number, number[]>(); // (c*64+d)*K+k
  const bySpecialistWeek = new Map<number, number[]>();
  const byPlaceWeek = new Map<number, number[]>(); // (c*8+w)*K+k
  const byPair = new Map<string, number[]>();
  const byTriple = new Map<string, number>();

  const pairCost = new Map<string, number>();
  const fixedCostOf = (s: number, c: number, k: number): number => {
    const key = `${s}:${c}`;
    let cost = pairCost.get(key);
    if (cost === undefined) {
      cost = w.continuity * continuityUnits(index, s, c, k) + w.travel * travelUnits(index, s, c);
      pairCost.set(key, cost);
    }
    return cost;
  };
  const costOf = (s: number, c: number, d: string): number => {
    const k = specialistsOf.get(s) as number;
    const previous = input.previous.get(lastVisitKey(c, k));
    const others = knownAtPlace.get(c) ?? [];
    return (
      fixedCostOf(s, c, k) +
      w.preference * preferenceUnits(index, s, d) +
      w.spread * (intervalUnits(previous, d, index.requirement(c, k)) + (others.length > 0 ? sameDayUnits(settings.jointVisits, k, d, others) : 0))
    );
  };
  const daysOfPair = (s: number, c: number): string[] => {
    const k = specialistsOf.get(s) as number;
    const open = openDays.get(c * K + (kIndex.get(k) as number));
    return open ? (freeDays.get(s) ?? []).filter((d) => open.has(d)) : [];
  };

  const currentKeys = new Set(input.currentPlan.map((v) => `${v.specialistId}:${v.puskesmasId}:${v.date}`));
  for (const [s, c] of kept) {
    const k = specialistsOf.get(s) as number;
    const ki = kIndex.get(k) as number;
    const requirement = index.requirement(c, k);
    const pairCols: number[] = [];
    for (const d of daysOfPair(s, c)) {
      if (input.onlyCandidates && !input.onlyCandidates.has(`${s}:${c}:${d}`) && !currentKeys.has(`${s}:${c}:${d}`)) continue;
      const cost = costOf(s, c, d);
      const col = b.addCol(cost, 0, 1, true);
      candidates.push({ specialistId: s, puskesmasId: c, specialtyId: k, date: d, cost });
      const di = dayIndex.get(d) as number;
      const wi = weekIndex.get(weekOf(d)) as number;
      push(byPlace, c * K + ki, col);
      push(bySpecialistDay, s * 64 + di, col);
      push(bySpecialist, s, col);
      push(byPlaceDay, (c * 64 + di) * K + ki, col);
      push(bySpecialistWeek, s * 8 + wi, col);
      if (requirement >= 2) push(byPlaceWeek, (c * 8 + wi) * K + ki, col);
      pairCols.push(col);
    }
    if (pairCols.length > 0 && input.currentPlan.length > 0) {
      byPair.set(`${s}:${c}`, pairCols);
      for (const col of pairCols) byTriple.set(`${s}:${c}:${(candidates[col] as Candidate).date}`, col);
    }
  }

  const uncoveredCols: MonthModel['uncoveredCols'] = [];
  for (const c of places) {
    for (const k of specialties) {
      const key = c * K + (kIndex.get(k) as number);
      const n = need.get(key);
      if (n === undefined) continue;
      const col = b.addCol(UNCOVERED_PENALTY, 0, n, false);
      uncoveredCols.push({ puskesmasId: c, specialtyId: k, col, need: n });
      rows.cover.set(key, b.numRows);
      b.addRow(n, n, [...(byPlace.get(key) ?? []), col]);
    }
  }
  for (const [key, cols] of bySpecialistDay) {
    if (cols.length < 2) continue;
    rows.specialistDay.set(key, b.numRows);
    if (!settings.allowTwoVisitsPerDay) {
      b.addRow(-Infinity, 1, cols);
      continue;
    }
    // Two a day when they fit one after the other: at most two, and a visit excludes every
    // puskesmas it cannot be paired with (sum of those + 2 x[c] <= 2).
    b.addRow(-Infinity, 2, cols);
    const date = (candidates[cols[0] as number] as Candidate).date;
    for (const col of cols) {
      const c = (candidates[col] as Candidate).puskesmasId;
      const clash = cols.filter((o) => o !== col && !fitTogether(index, c, (candidates[o] as Candidate).puskesmasId, date, (candidates[col] as Candidate).specialtyId));
      if (clash.length > 0) b.addRow(-Infinity, 2, [col, ...clash], [2, ...clash.map(() => 1)]);
    }
  }
  for (const [key, cols] of byPlaceDay) {
    if (cols.length < 2) continue;
    rows.placeDay.set(key, b.numRows);
    b.addRow(-Infinity, 1, cols);
  }

  const roomOf = new Map<number, number>();
  for (const k of specialties) {
    const shares = w.fairness > 0 ? fairShares(index, month, k) : new Map<number, number>();
    for (const s of team) {
      if (s.specialtyId !== k) continue;
      const cols = bySpecialist.get(s.id);
      if (!cols) continue;
      const fixedCount = (knownBySpecialist.get(s.id) ?? []).length;
      const room = Math.max(0, s.maxVisitsPerMonth - fixedCount);
      roomOf.set(s.id, room);
      if (cols.length > room) {
        rows.room.set(s.id, b.numRows);
        b.addRow(-Infinity, room, cols);
      }
      if (w.fairness > 0) {
        const over = b.addCol(w.fairness, 0, Infinity, false);
        rows.fairness.set(s.id, b.numRows);
        b.addRow(-Infinity, (shares.get(s.id) ?? 0) - fixedCount, [...cols, over], [...cols.map(() => 1), -1]);
      }
    }
  }
  if (w.spread > 0) {
    const weeks = [...weekIndex.keys()];
    for (const [key, cols] of bySpecialistWeek) {
      const week = weeks[key % 8];
      const fixedInWeek = (knownBySpecialist.get(Math.floor(key / 8)) ?? []).filter((v) => weekOf(v.date) === week).length;
      if (cols.length + fixedInWeek < 2) continue;
      const crowd = b.addCol(w.spread, 0, Infinity, false);
      rows.specialistWeek.set(key, b.numRows);
      b.addRow(-Infinity, 1 - fixedInWeek, [...cols, crowd], [...cols.map(() => 1), -1]);
    }
    // A puskesmas needing several visits of a specialty a month gets them in different weeks.
    for (const [key, cols] of byPlaceWeek) {
      const k = specialties[key % K] as number;
      const week = weeks[Math.floor(key / K) % 8];
      const c = Math.floor(key / K / 8);
      const fixedInWeek = (knownAtPlace.get(c) ?? []).filter((v) => v.specialtyId === k && weekOf(v.date) === week).length;
      if (cols.length + fixedInWeek < 2) continue;
      const crowd = b.addCol(w.spread, 0, Infinity, false);
      rows.placeWeek.set(key, b.numRows);
      b.addRow(-Infinity, 1 - fixedInWeek, [...cols, crowd], [...cols.map(() => 1), -1]);
    }
    addSameDayTerms();
  }

  /** Same-day coupling between specialties at one puskesmas (the spread rule's cross-specialty part). */
  function addSameDayTerms(): void {
    const mode = settings.jointVisits;
    if (mode === 'indifferent' || K < 2) return;
    const cell = (c: number, di: number, ki: number) => byPlaceDay.get((c * 64 + di) * K + ki) ?? [];
    const couple = (c: number, di: number, ki: number, row: number, coef: number) => push2(rows.coupling, (c * 64 + di) * K + ki, [row, coef]);
    for (const c of places) {
      const fixedHere = knownAtPlace.get(c) ?? [];
      for (let kj = 0; kj < K; kj++) {
        for (let kk = kj + 1; kk < K; kk++) {
          const j = specialties[kj] as number;
          const k = specialties[kk] as number;
          if (mode === 'separate') {
            // Pairs where both may be planned; a fixed partner is already priced onto x.
            for (let di = 0; di < days.length; di++) {
              const a = cell(c, di, kj);
              const bb = cell(c, di, kk);
              if (a.length === 0 || bb.length === 0) continue;
              const apart = b.addCol(w.spread, 0, Infinity, false);
              const row = b.numRows;
              b.addRow(-Infinity, 1, [...a, ...bb, apart], [...a.map(() => 1), ...bb.map(() => 1), -1]);
              couple(c, di, kj, row, 1);
              couple(c, di, kk, row, 1);
            }
            continue;
          }
          // joint: a visit of k on a day without j costs one unit when j visits c this month.
          const lowerCols = byPlace.get(c * K + kj) ?? [];
          const lowerFixed = fixedHere.filter((v) => v.specialtyId === j);
          if (lowerFixed.length > 0) continue; // then x of k is priced against them directly
          if (lowerCols.length === 0) continue;
          const lowerNeed = need.get(c * K + kj) as number;
          const has = b.addCol(0, 0, 1, lowerNeed > 1);
          b.addRow(-Infinity, 0, [...lowerCols, has], [...lowerCols.map(() => 1), -lowerNeed]);
          for (let di = 0; di < days.length; di++) {
            const upper = cell(c, di, kk);
            const fixedUpper = fixedHere.filter((v) => v.specialtyId === k && v.date === days[di]).length;
            if (upper.length === 0 && fixedUpper === 0) continue;
            const lower = cell(c, di, kj);
            const alone = b.addCol(w.spread, 0, Infinity, false);
            const row = b.numRows;
            // alone >= X[k] (or the fixed k visit) - X[j] + has - 1
            b.addRow(-Infinity, 1 - fixedUpper, [...upper, ...lower, has, alone], [...upper.map(() => 1), ...lower.map(() => -1), 1, -1]);
            couple(c, di, kk, row, 1);
            couple(c, di, kj, row, -1);
          }
        }
      }
    }
  }

  if (w.stability > 0 && input.currentPlan.length > 0) {
    const pairRows = new Map<string, number[]>();
    for (const v of input.currentPlan) {
      const weight = stabilityWeight(w.stability, v);
      b.lp.offset += weight;
      const pairCols = byPair.get(`${v.specialistId}:${v.puskesmasId}`);
      if (!pairCols) continue;
      const same = byTriple.get(`${v.specialistId}:${v.puskesmasId}:${v.date}`);
      const keep = b.addCol(-weight, 0, same === undefined ? 0 : 1, false);
      const pair = b.addCol(-weight * MOVED_FRACTION, 0, 1, false);
      if (same !== undefined) b.addRow(-Infinity, 0, [keep, same], [1, -1]);
      b.addRow(-Infinity, 1, [keep, pair]);
      push(pairRows, `${v.specialistId}:${v.puskesmasId}`, keep);
      push(pairRows, `${v.specialistId}:${v.puskesmasId}`, pair);
    }
    for (const [key, credit] of pairRows) {
      const cols = byPair.get(key) as number[];
      rows.credit.set(key, b.numRows);
      b.addRow(-Infinity, 0, [...credit, ...cols], [...credit.map(() => 1), ...cols.map(() => -1)]);
    }
  }

  // Rules that bring their own terms (rules/*.ts with addModelTerms).
  const colsByDate = new Map<string, number[]>();
  candidates.forEach((x, col) => push(colsByDate, x.date, col));
  let ruleTerms = 0;
  const withoutRuleTerms = input.withoutRuleTerms === true && (pruned.length > 0 || candidates.length > (input.keepRuleTermsUpTo ?? -1));
  const dateRows = new Map<string, [number, number][]>();
  const dateRow = (date: string, row: number, coef: number) => push2(dateRows, date, [row, coef]);
  for (const rule of SOFT_RULES) {
    const weight = w[rule.weightKey];
    if (!rule.addModelTerms || weight <= 0 || withoutRuleTerms) continue;
    rule.addModelTerms({ index, month, builder: b, known, colsByDate, weight, dateRow });
    ruleTerms++;
  }

  /**
   * Reduced cost of a left-out candidate: its cost minus the duals of the rows it would enter.
   * Rows it would create, and the two-visit clash rows, are left out: a missing row has dual 0,
   * and a <= row with a positive coefficient only raises the true reduced cost (its dual is <= 0).
   * Every row it enters with a negative coefficient is counted (joint visits, stability credit),
   * and so are the rules' rows, those they declared for the candidate's date.
   */
  const reducedCost = (s: number, c: number, d: string, y: ArrayLike<number>): number => {
    const k = specialistsOf.get(s) as number;
    const ki = kIndex.get(k) as number;
    const di = dayIndex.get(d) as number;
    const wi = weekIndex.get(weekOf(d)) as number;
    const dual = (row: number | undefined) => (row === undefined ? 0 : (y[row] as number));
    let rc = costOf(s, c, d) - dual(rows.cover.get(c * K + ki)) - dual(rows.specialistDay.get(s * 64 + di)) - dual(rows.room.get(s)) - dual(rows.fairness.get(s));
    rc -= dual(rows.specialistWeek.get(s * 8 + wi)) + dual(rows.placeDay.get((c * 64 + di) * K + ki));
    if (index.requirement(c, k) >= 2) rc -= dual(rows.placeWeek.get((c * 8 + wi) * K + ki));
    for (const [row, coef] of rows.coupling.get((c * 64 + di) * K + ki) ?? []) rc -= coef * (y[row] as number);
    for (const [row, coef] of dateRows.get(d) ?? []) rc -= coef * (y[row] as number);
    rc += dual(rows.credit.get(`${s}:${c}`));
    return rc;
  };

  return { month, builder: b, candidates, uncoveredCols, pairsBeforePruning, pairsKept: kept.length, pruned, room: roomOf, withRuleTerms: ruleTerms > 0, costOf, daysOfPair, reducedCost };
}

/** Two visits fit on one day in either order. */
export function fitTogether(index: ProblemIndex, a: number, b: number, date: string, specialtyId?: number): boolean {
  return index.twoVisitTimes(a, b, date, specialtyId) !== null || index.twoVisitTimes(b, a, date, specialtyId) !== null;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  listAt(map, key).push(value);
}

function push2<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  listAt(map, key).push(value);
}

function listAt<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/**
 * Province scale: keeps adopted pairs, pairs of the current plan, each specialist's nearest
 * puskesmas and each puskesmas's nearest specialists. Far pairs are rarely worth their
 * travel cost, and without them the model stays small enough to solve in seconds.
 */
function prunePairs(index: ProblemIndex, pairs: [number, number][], currentPlan: PlannedVisit[]): Set<string> {
  const distance = (p: [number, number]) => index.travel(p[0], p[1]).km ?? index.neutralKm();
  const keep = new Set<string>(currentPlan.map((v) => `${v.specialistId}:${v.puskesmasId}`));
  const bySpecialist = new Map<number, [number, number][]>();
  const byPlace = new Map<number, [number, number][]>();
  for (const p of pairs) {
    if (index.role(p[0], p[1])) keep.add(`${p[0]}:${p[1]}`);
    listAt(bySpecialist, p[0]).push(p);
    listAt(byPlace, p[1]).push(p);
  }
  const nearest = (list: [number, number][], n: number) =>
    [...list].sort((a, b) => distance(a) - distance(b) || a[0] - b[0] || a[1] - b[1]).slice(0, n);
  for (const list of bySpecialist.values()) for (const p of nearest(list, NEAREST_PER_SPECIALIST)) keep.add(`${p[0]}:${p[1]}`);
  for (const list of byPlace.values()) for (const p of nearest(list, NEAREST_PER_PUSKESMAS)) keep.add(`${p[0]}:${p[1]}`);
  return keep;
}
