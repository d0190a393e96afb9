// Soft: short travel from the specialist's hospital (entered distance, else straight line x
// road factor). Unknown distance counts as half the reach, and the plan says so.
import type { ProblemIndex } from '../context';
import { km } from '../text';
import type { SoftCost, SoftRule } from './types';

/** Cost units: one per 10 km. */
export function travelUnits(index: ProblemIndex, specialistId: number, puskesmasId: number): number {
  const t = index.travel(specialistId, puskesmasId);
  return (t.km ?? index.neutralKm()) / 10;
}

export const travel: SoftRule = {
  id: 'travel',
  kind: 'soft',
  weightKey: 'travel',
  label: 'Jarak tempuh',
  labelEn: 'Travel distance',
  evaluate(index, plan) {
    const weight = index.settings.weights.travel;
    const far = index.settings.maxTravelKm / 2;
    const costs: SoftCost[] = [];
    for (const v of plan.visits) {
      const t = index.travel(v.specialistId, v.puskesmasId);
      const who = index.specialistName(v.specialistId);
      const place = index.puskesmasName(v.puskesmasId);
      const cost = weight * travelUnits(index, v.specialistId, v.puskesmasId);
      const base = { rule: 'travel', cost, puskesmasId: v.puskesmasId, specialistId: v.specialistId, date: v.date };
      if (t.km === null) {
        costs.push({
          ...base,
          message: `Jarak ${who} ke ${place} tidak diketahui (koordinat atau rumah sakit kosong); dianggap terjangkau dengan biaya perjalanan netral.`,
          messageEn: `The distance from ${who} to ${place} is unknown (missing coordinates or hospital); treated as within reach at a neutral travel cost.`,
        });
      } else if (t.km > far) {
        costs.push({
          ...base,
          message: `${who} menempuh sekitar ${km(t.km)} km ke ${place}${t.source === 'estimated' ? ' (perkiraan)' : ''}.`,
          messageEn: `${who} travels about ${km(t.km)} km to ${place}${t.source === 'estimated' ? ' (estimate)' : ''}.`,
        });
      } else {
        costs.push({ ...base, message: '', messageEn: '' });
      }
    }
    return costs;
  },
};
