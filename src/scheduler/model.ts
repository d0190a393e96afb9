// The MILP for one month and one specialty. Specialties are planned one after another (lower
// id first) because only the spread rule couples them, through visits already placed.
//
//   x[s,c,d] binary   specialist s visits puskesmas c on day d (only where every hard rule allows)
//   u[c]     >= 0     required visits left uncovered (cost UNCOVERED_PENALTY each)
//   over[s]  >= 0     visits above s's fair share
//   crowd[s,w] >= 0   visits of s beyond one in week w (likewise crowd[c,w] for a puskesmas
//                     needing several visits of the specialty a month)
//   keep[v], pair[v] in [0,1]  current-plan visit v kept on its day / kept with another day
//
//   sum_{s,d} x[s,c,d] + u[c] = need[c]            coverage (need = requirement - fixed visits)
//   sum_c x[s,c,d] <= 1                            one visit a day (with allowTwoVisitsPerDay: <= 2,
//                                                  and 2 x[s,c,d] + sum of x[s,c',d] that cannot follow or precede it <= 2)
//   sum_{c,d} x[s,c,d] <= max[s] - fixed[s]        monthly maximum
//   sum_s x[s,c,d] <= 1                            one visit of a specialty per puskesmas per day
//   sum x[s,.,.] - over[s] <= share[s] - fixed[s]  fairness
//   sum_{d in w} x[s,.,d] - crowd[s,w] <= 1 - fixed[s,w]   (and per puskesmas)
//   keep[v] <= x[s_v,c_v,d_v]; sum_{v in (s,c)} keep+pair <= sum_d x[s,c,d]; keep[v]+pair[v] <= 1
//
// Per-visit soft costs (continuity, travel, preference, interval since the last visit, same-day
// clash with other specialties) go straight onto x, computed by the rule modules themselves.
// The LP relaxation is usually integral here; solve.ts tries it first (see highs.ts).
import type { ProblemIndex } from './context';
import { daysOf, lastVisitKey, weekdayOf } from './context';
import { LpBuilder } from './lp';
import type { PlannedVisit } from './problem';
import { continuityUnits } from './rules/continuity';
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
  date: string;
  cost: number;
}

export interface SubModel {
  month: string;
  specialtyId: number;
  builder: LpBuilder;
  candidates: Candidate[];
  /** Column of each candidate is its index; u columns follow. */
  uncoveredCols: { puskesmasId: number; col: number; need: number }[];
  pairsBeforePruning: number;
  pairsKept: number;
  /** Visits each specialist may still make this month. */
  room: Map<number, number>;
}

export interface SubModelInput {
  month: string;
  specialtyId: number;
  /** Visits of the month already decided: fixed ones and those of specialties planned earlier. */
  known: PlannedVisit[];
  /** Current-plan (not fixed) visits of this specialty in the month. */
  currentPlan: PlannedVisit[];
  previous: Map<string, string>;
}

export function buildSubModel(index: ProblemIndex, input: SubModelInput): SubModel {
  const { month, specialtyId, known } = input;
  const settings = index.settings;
  const w = settings.weights;
  const days = daysOf(month);
  const team = index.problem.specialists.filter((s) => s.specialtyId === specialtyId).sort((a, b) => a.id - b.id);

  const knownBySpecialist = new Map<number, PlannedVisit[]>();
  const knownAtPlace = new Map<number, PlannedVisit[]>();
  for (const v of known) {
    listAt(knownBySpecialist, v.specialistId).push(v);
    listAt(knownAtPlace, v.puskesmasId).push(v);
  }

  // Need per puskesmas after the visits already there.
  const need = new Map<number, number>();
  for (const c of index.problem.puskesmas) {
    const required = index.requirement(c.id, specialtyId);
    if (required <= 0) continue;
    const have = (knownAtPlace.get(c.id) ?? []).filter((v) => v.specialtyId === specialtyId).length;
    if (required > have) need.set(c.id, required - have);
  }
  const places = [...need.keys()].sort((a, b) => a - b);

  // Days each specialist is free, each puskesmas open (and the visit fits).
  const freeDays = new Map<number, string[]>();
  for (const s of team) {
    const busy = new Set((knownBySpecialist.get(s.id) ?? []).map((v) => v.date));
    freeDays.set(
      s.id,
      days.filter((d) => !index.isPast(d) && s.usualWeekdays.includes(weekdayOf(d)) && !index.holidays.has(d) && !index.unavailableOn(s.id, d) && !busy.has(d)),
    );
  }
  const openDays = new Map<number, Set<string>>();
  for (const c of places) {
    const taken = new Set((knownAtPlace.get(c) ?? []).filter((v) => v.specialtyId === specialtyId).map((v) => v.date));
    openDays.set(c, new Set(days.filter((d) => !taken.has(d) && index.visitTime(c, d, specialtyId) !== null)));
  }

  // Pairs the programme allows.
  const pairs: [number, number][] = [];
  for (const s of team) {
    if ((freeDays.get(s.id) ?? []).length === 0) continue;
    for (const c of places) if (index.canReach(s.id, c)) pairs.push([s.id, c]);
  }
  const pairsBeforePruning = pairs.length;
  const kept = pairs.length > PAIR_LIMIT ? prunePairs(index, pairs, input.currentPlan) : pairs;

  const b = new LpBuilder();
  const candidates: Candidate[] = [];
  // Grouping keys are numbers (day index < 64, week index < 8) to keep province-scale builds fast.
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const weekIndex = new Map<string, number>();
  for (const d of days) if (!weekIndex.has(weekOf(d))) weekIndex.set(weekOf(d), weekIndex.size);
  const byPlace = new Map<number, number[]>();
  const bySpecialistDay = new Map<number, number[]>();
  const bySpecialist = new Map<number, number[]>();
  const byPlaceDay = new Map<number, number[]>();
  const bySpecialistWeek = new Map<number, number[]>();
  const byPlaceWeek = new Map<number, number[]>();
  const byPair = new Map<string, number[]>();
  const byTriple = new Map<string, number>();
  for (const [s, c] of kept) {
    const open = openDays.get(c) as Set<string>;
    const fixedCost = w.continuity * continuityUnits(index, s, c, specialtyId) + w.travel * travelUnits(index, s, c);
    const previous = input.previous.get(lastVisitKey(c, specialtyId));
    const requirement = index.requirement(c, specialtyId);
    const others = knownAtPlace.get(c) ?? [];
    const pairCols: number[] = [];
    for (const d of freeDays.get(s) ?? []) {
      if (!open.has(d)) continue;
      const cost =
        fixedCost +
        w.preference * preferenceUnits(index, s, d) +
        w.spread * (intervalUnits(previous, d, requirement) + (others.length > 0 ? sameDayUnits(settings.jointVisits, specialtyId, d, others) : 0));
      const col = b.addCol(cost, 0, 1, true);
      candidates.push({ specialistId: s, puskesmasId: c, date: d, cost });
      const di = dayIndex.get(d) as number;
      push(byPlace, c, col);
      push(bySpecialistDay, s * 64 + di, col);
      push(bySpecialist, s, col);
      push(byPlaceDay, c * 64 + di, col);
      push(bySpecialistWeek, s * 8 + (weekIndex.get(weekOf(d)) as number), col);
      if (requirement >= 2) push(byPlaceWeek, c * 8 + (weekIndex.get(weekOf(d)) as number), col);
      pairCols.push(col);
    }
    if (pairCols.length > 0 && input.currentPlan.length > 0) {
      byPair.set(`${s}:${c}`, pairCols);
      for (const col of pairCols) byTriple.set(`${s}:${c}:${(candidates[col] as Candidate).date}`, col);
    }
  }

  const uncoveredCols: SubModel['uncoveredCols'] = [];
  for (const c of places) {
    const n = need.get(c) as number;
    const col = b.addCol(UNCOVERED_PENALTY, 0, n, false);
    uncoveredCols.push({ puskesmasId: c, col, need: n });
    b.addRow(n, n, [...(byPlace.get(c) ?? []), col]);
  }
  for (const cols of bySpecialistDay.values()) {
    if (cols.length < 2) continue;
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
      const clash = cols.filter((o) => o !== col && !fitTogether(index, c, (candidates[o] as Candidate).puskesmasId, date, specialtyId));
      if (clash.length > 0) b.addRow(-Infinity, 2, [col, ...clash], [2, ...clash.map(() => 1)]);
    }
  }
  for (const cols of byPlaceDay.values()) if (cols.length > 1) b.addRow(-Infinity, 1, cols);

  const roomOf = new Map<number, number>();
  const shares = w.fairness > 0 ? fairShares(index, month, specialtyId) : new Map<number, number>();
  for (const s of team) {
    const cols = bySpecialist.get(s.id);
    if (!cols) continue;
    const fixedCount = (knownBySpecialist.get(s.id) ?? []).length;
    const room = Math.max(0, s.maxVisitsPerMonth - fixedCount);
    roomOf.set(s.id, room);
    if (cols.length > room) b.addRow(-Infinity, room, cols);
    if (w.fairness > 0) {
      const over = b.addCol(w.fairness, 0, Infinity, false);
      b.addRow(-Infinity, (shares.get(s.id) ?? 0) - fixedCount, [...cols, over], [...cols.map(() => 1), -1]);
    }
  }
  if (w.spread > 0) {
    const weeks = [...weekIndex.keys()];
    for (const [key, cols] of bySpecialistWeek) {
      const week = weeks[key % 8];
      const fixedInWeek = (knownBySpecialist.get(Math.floor(key / 8)) ?? []).filter((v) => weekOf(v.date) === week).length;
      if (cols.length + fixedInWeek < 2) continue;
      const crowd = b.addCol(w.spread, 0, Infinity, false);
      b.addRow(-Infinity, 1 - fixedInWeek, [...cols, crowd], [...cols.map(() => 1), -1]);
    }
    // A puskesmas needing several visits of the specialty a month gets them in different weeks.
    for (const [key, cols] of byPlaceWeek) {
      const week = weeks[key % 8];
      const fixedInWeek = (knownAtPlace.get(Math.floor(key / 8)) ?? []).filter((v) => v.specialtyId === specialtyId && weekOf(v.date) === week).length;
      if (cols.length + fixedInWeek < 2) continue;
      const crowd = b.addCol(w.spread, 0, Infinity, false);
      b.addRow(-Infinity, 1 - fixedInWeek, [...cols, crowd], [...cols.map(() => 1), -1]);
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
      b.addRow(-Infinity, 0, [...credit, ...cols], [...credit.map(() => 1), ...cols.map(() => -1)]);
    }
  }

  return { month, specialtyId, builder: b, candidates, uncoveredCols, pairsBeforePruning, pairsKept: kept.length, room: roomOf };
}

/** Two visits fit on one day in either order. */
export function fitTogether(index: ProblemIndex, a: number, b: number, date: string, specialtyId?: number): boolean {
  return index.twoVisitTimes(a, b, date, specialtyId) !== null || index.twoVisitTimes(b, a, date, specialtyId) !== null;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
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
function prunePairs(index: ProblemIndex, pairs: [number, number][], currentPlan: PlannedVisit[]): [number, number][] {
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
  return pairs.filter((p) => keep.has(`${p[0]}:${p[1]}`));
}
