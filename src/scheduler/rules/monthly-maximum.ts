// Hard: no specialist exceeds their maximum visits per month.
import { formatMonth } from '../../domain/format-id';
import type { HardRule, Violation } from './types';

export const monthlyMaximum: HardRule = {
  id: 'monthly-maximum',
  kind: 'hard',
  label: 'Batas kunjungan per bulan',
  labelEn: 'Monthly maximum',
  checkMonth(index, plan) {
    const counts = new Map<number, number>();
    for (const v of plan.visits) counts.set(v.specialistId, (counts.get(v.specialistId) ?? 0) + 1);
    const violations: Violation[] = [];
    for (const [id, count] of counts) {
      const s = index.specialist(id);
      if (count <= s.maxVisitsPerMonth) continue;
      violations.push({
        rule: 'monthly-maximum',
        message: `${s.name} mendapat ${count} kunjungan pada ${formatMonth(plan.month)}, melebihi batas ${s.maxVisitsPerMonth}.`,
        messageEn: `${s.name} has ${count} visits in ${formatMonth(plan.month, 'en')}, above the maximum of ${s.maxVisitsPerMonth}.`,
      });
    }
    return violations;
  },
};
