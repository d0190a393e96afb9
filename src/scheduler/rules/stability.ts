// Soft: when re-planning, change as few visits of the current plan as possible. A visit kept
// exactly costs nothing; one moved to another day with the same specialist and puskesmas costs
// half the weight; one dropped (or given to another specialist) costs the full weight. Visits
// not yet sent to a calendar count half.
import { formatLongDate } from '../../domain/format-id';
import type { ProblemIndex } from '../context';
import type { PlannedVisit } from '../problem';
import type { SoftCost, SoftRule } from './types';

export const MOVED_FRACTION = 0.5;
/** A current visit not yet sent to any calendar is cheaper to change. */
export const UNEXPORTED_FRACTION = 0.5;

/** Stability weight of one current-plan visit. */
export function stabilityWeight(weight: number, visit: PlannedVisit): number {
  return visit.exported === false ? weight * UNEXPORTED_FRACTION : weight;
}

export interface StabilityMatch {
  kept: [PlannedVisit, PlannedVisit][];
  moved: [PlannedVisit, PlannedVisit][];
  removed: PlannedVisit[];
  added: PlannedVisit[];
}

/** Pairs current visits with new ones: same specialist, puskesmas and day first, then same specialist and puskesmas. */
export function matchPlans(current: PlannedVisit[], proposed: PlannedVisit[]): StabilityMatch {
  const pool = proposed.filter((v) => !v.fixed);
  const used = new Set<PlannedVisit>();
  const kept: [PlannedVisit, PlannedVisit][] = [];
  const moved: [PlannedVisit, PlannedVisit][] = [];
  const rest: PlannedVisit[] = [];
  for (const old of current) {
    const same = pool.find((v) => !used.has(v) && v.specialistId === old.specialistId && v.puskesmasId === old.puskesmasId && v.date === old.date);
    if (same) {
      used.add(same);
      kept.push([old, same]);
    } else rest.push(old);
  }
  const removed: PlannedVisit[] = [];
  for (const old of rest) {
    const pair = pool.find((v) => !used.has(v) && v.specialistId === old.specialistId && v.puskesmasId === old.puskesmasId);
    if (pair) {
      used.add(pair);
      moved.push([old, pair]);
    } else removed.push(old);
  }
  return { kept, moved, removed, added: pool.filter((v) => !used.has(v)) };
}

export const stability: SoftRule = {
  id: 'stability',
  kind: 'soft',
  weightKey: 'stability',
  label: 'Perubahan jadwal',
  labelEn: 'Changes to the current plan',
  evaluate(index: ProblemIndex, plan) {
    const weight = index.settings.weights.stability;
    const match = matchPlans(plan.currentPlan, plan.visits);
    const costs: SoftCost[] = [];
    const sent = (v: PlannedVisit) => (v.exported === false ? '' : ' (sudah dikirim ke kalender dokter)');
    const sentEn = (v: PlannedVisit) => (v.exported === false ? '' : " (already in the specialist's calendar)");
    for (const [old, now] of match.moved) {
      costs.push({
        rule: 'stability',
        cost: stabilityWeight(weight, old) * MOVED_FRACTION,
        specialistId: old.specialistId,
        puskesmasId: old.puskesmasId,
        date: now.date,
        message: `Kunjungan ${index.specialistName(old.specialistId)} ke ${index.puskesmasName(old.puskesmasId)}${sent(old)} dipindah dari ${formatLongDate(old.date)} ke ${formatLongDate(now.date)}.`,
        messageEn: `${index.specialistName(old.specialistId)}'s visit to ${index.puskesmasName(old.puskesmasId)}${sentEn(old)} moves from ${formatLongDate(old.date, 'en')} to ${formatLongDate(now.date, 'en')}.`,
      });
    }
    for (const old of match.removed) {
      costs.push({
        rule: 'stability',
        cost: stabilityWeight(weight, old),
        specialistId: old.specialistId,
        puskesmasId: old.puskesmasId,
        date: old.date,
        message: `Kunjungan ${index.specialistName(old.specialistId)} ke ${index.puskesmasName(old.puskesmasId)} pada ${formatLongDate(old.date)}${sent(old)} dibatalkan.`,
        messageEn: `${index.specialistName(old.specialistId)}'s visit to ${index.puskesmasName(old.puskesmasId)} on ${formatLongDate(old.date, 'en')}${sentEn(old)} is cancelled.`,
      });
    }
    return costs;
  },
};
