// Soft: a specialist's preferred weekdays.
import { formatLongDate, weekdayName } from '../../domain/format-id';
import type { ProblemIndex } from '../context';
import { weekdayOf } from '../context';
import type { SoftCost, SoftRule } from './types';

export function preferenceUnits(index: ProblemIndex, specialistId: number, date: string): number {
  const preferred = index.specialist(specialistId).preferredWeekdays;
  return preferred.length > 0 && !preferred.includes(weekdayOf(date)) ? 1 : 0;
}

export const preference: SoftRule = {
  id: 'preference',
  kind: 'soft',
  weightKey: 'preference',
  label: 'Hari pilihan dokter',
  labelEn: 'Preferred weekdays',
  evaluate(index, plan) {
    const weight = index.settings.weights.preference;
    const costs: SoftCost[] = [];
    for (const v of plan.visits) {
      if (preferenceUnits(index, v.specialistId, v.date) === 0) continue;
      const s = index.specialist(v.specialistId);
      costs.push({
        rule: 'preference',
        cost: weight,
        specialistId: v.specialistId,
        puskesmasId: v.puskesmasId,
        date: v.date,
        message: `${s.name} berkunjung ${formatLongDate(v.date)}, bukan pada hari pilihannya (${s.preferredWeekdays.map((d) => weekdayName(d)).join(', ')}).`,
        messageEn: `${s.name} visits on ${formatLongDate(v.date, 'en')}, not on a preferred day (${s.preferredWeekdays.map((d) => weekdayName(d, 'en')).join(', ')}).`,
      });
    }
    return costs;
  },
};
