// Soft: the load is spread evenly among specialists of a specialty. Each specialist has a
// fair share of the specialty's required visits, proportional to what they can do this month
// (their maximum, or their free days if fewer); every visit above the share costs the weight.
import { formatMonth } from '../../domain/format-id';
import type { ProblemIndex } from '../context';
import { daysOf, weekdayOf } from '../context';
import type { SoftCost, SoftRule } from './types';

const sharesCache = new WeakMap<ProblemIndex, Map<string, Map<number, number>>>();

/** Fair share per specialist of one specialty in one month (whole visits, rounded up). */
export function fairShares(index: ProblemIndex, month: string, specialtyId: number): Map<number, number> {
  // Suggestions score hundreds of candidate months on one index; the shares do not change.
  const cache = sharesCache.get(index) ?? new Map<string, Map<number, number>>();
  sharesCache.set(index, cache);
  const key = `${month}:${specialtyId}`;
  const known = cache.get(key);
  if (known) return known;
  const shares = computeFairShares(index, month, specialtyId);
  cache.set(key, shares);
  return shares;
}

function computeFairShares(index: ProblemIndex, month: string, specialtyId: number): Map<number, number> {
  const team = index.problem.specialists.filter((s) => s.specialtyId === specialtyId);
  const days = daysOf(month);
  const capacity = new Map<number, number>();
  for (const s of team) {
    const free = days.filter((d) => s.usualWeekdays.includes(weekdayOf(d)) && !index.holidays.has(d) && !index.unavailableOn(s.id, d)).length;
    capacity.set(s.id, Math.min(s.maxVisitsPerMonth, free));
  }
  const need = index.problem.puskesmas.reduce((sum, c) => sum + index.requirement(c.id, specialtyId), 0);
  const total = [...capacity.values()].reduce((a, b) => a + b, 0);
  const shares = new Map<number, number>();
  for (const s of team) shares.set(s.id, total === 0 ? 0 : Math.ceil((need * (capacity.get(s.id) ?? 0)) / total));
  return shares;
}

export const fairness: SoftRule = {
  id: 'fairness',
  kind: 'soft',
  weightKey: 'fairness',
  label: 'Pemerataan beban',
  labelEn: 'Even load',
  evaluate(index, plan) {
    const weight = index.settings.weights.fairness;
    const load = new Map<number, number>();
    for (const v of plan.visits) load.set(v.specialistId, (load.get(v.specialistId) ?? 0) + 1);
    const costs: SoftCost[] = [];
    for (const k of index.problem.specialties) {
      for (const [id, share] of fairShares(index, plan.month, k.id)) {
        const over = (load.get(id) ?? 0) - share;
        if (over <= 0) continue;
        const name = index.specialistName(id);
        costs.push({
          rule: 'fairness',
          cost: weight * over,
          specialistId: id,
          message: `${name} mendapat ${load.get(id)} kunjungan pada ${formatMonth(plan.month)}, ${over} di atas bagian wajarnya (${share}).`,
          messageEn: `${name} has ${load.get(id)} visits in ${formatMonth(plan.month, 'en')}, ${over} above a fair share (${share}).`,
        });
      }
    }
    return costs;
  },
};
