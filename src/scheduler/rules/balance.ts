// Soft: the district's visits are spread over the month's working days. A day may carry up to
// half as much again as the average working day (rounded up, and never less than one visit of
// each specialty); every visit above that costs the
// weight, so no day holds several times the average while others stand empty unless the hard
// rules force it. (A specialist's own visits over the weeks are the spread rule's part.)
//
// Its model terms are its own (addModelTerms): per day, sum x[.,.,d] - crowd[d] <= cap - fixed[d],
// crowd[d] >= 0 at the rule's weight. These rows couple every candidate of a day, which makes the
// LP slow at province scale; they only add cost, so the pricing LP leaves them out (solve.ts),
// and brings them in only where they raise the bound (a joint-visit month crowds some days).
import { formatLongDate, formatMonth } from '../../domain/format-id';
import type { ProblemIndex } from '../context';
import { daysOf } from '../context';
import type { SoftCost, SoftRule } from './types';

/** How far above the average working day a day may go before it costs. */
export const BALANCE_HEADROOM = 1.5;

export interface DayCap {
  /** Visits a day may carry at no cost. */
  cap: number;
  /** Required visits of the month over its working days. */
  average: number;
  workingDays: number;
}

const capCache = new WeakMap<ProblemIndex, Map<string, DayCap>>();

/**
 * The cap is a fact of the problem, not of the plan (so the model and the score agree): the
 * month's required visits over its working days, days on which some puskesmas can host a visit
 * and that are no holiday.
 */
export function dayCap(index: ProblemIndex, month: string): DayCap {
  const cache = capCache.get(index) ?? new Map<string, DayCap>();
  capCache.set(index, cache);
  const known = cache.get(month);
  if (known) return known;
  const specialties = index.problem.specialties.map((k) => k.id);
  const required = index.problem.puskesmas.reduce((sum, c) => sum + specialties.reduce((s, k) => s + Math.max(0, index.requirement(c.id, k)), 0), 0);
  const workingDays = daysOf(month).filter((d) => !index.holidays.has(d) && index.problem.puskesmas.some((c) => specialties.some((k) => index.visitTime(c.id, d, k) !== null))).length;
  const average = workingDays === 0 ? 0 : required / workingDays;
  // A day may always hold one visit of each specialty: joint visits (or a small district) are no crowd.
  const result = { cap: Math.max(specialties.length, 1, Math.ceil(BALANCE_HEADROOM * average)), average, workingDays };
  cache.set(month, result);
  return result;
}

function decimal(value: number, language: 'id' | 'en'): string {
  const text = (Math.round(value * 10) / 10).toFixed(1);
  return language === 'id' ? text.replace('.', ',') : text;
}

export const balance: SoftRule = {
  id: 'balance',
  kind: 'soft',
  weightKey: 'balance',
  label: 'Beban harian merata',
  labelEn: 'Even load over the days',
  evaluate(index: ProblemIndex, plan) {
    const weight = index.settings.weights.balance;
    const { cap, average } = dayCap(index, plan.month);
    const load = new Map<string, number>();
    for (const v of plan.visits) load.set(v.date, (load.get(v.date) ?? 0) + 1);
    const costs: SoftCost[] = [];
    for (const [date, n] of [...load].sort(([a], [b]) => a.localeCompare(b))) {
      if (n <= cap) continue;
      costs.push({
        rule: 'balance',
        cost: weight * (n - cap),
        date,
        message: `${formatLongDate(date)} padat: ${n} kunjungan, di atas ${cap} per hari (rata-rata ${formatMonth(plan.month)} ${decimal(average, 'id')} per hari kerja).`,
        messageEn: `${formatLongDate(date, 'en')} is crowded: ${n} visits, above ${cap} a day (the ${formatMonth(plan.month, 'en')} average is ${decimal(average, 'en')} per working day).`,
      });
    }
    return costs;
  },
  addModelTerms({ index, month, builder, known, colsByDate, weight, dateRow }) {
    const { cap } = dayCap(index, month);
    for (const [date, cols] of colsByDate) {
      const fixed = known.filter((v) => v.date === date).length;
      if (cols.length + fixed <= cap) continue;
      const crowd = builder.addCol(weight, 0, Infinity, false);
      dateRow(date, builder.numRows, 1);
      builder.addRow(-Infinity, cap - fixed, [...cols, crowd], [...cols.map(() => 1), -1]);
    }
  },
};
