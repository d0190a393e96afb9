// Hard: every active puskesmas gets at least its required visits of each specialty each month.
// Where it cannot, the plan lists it as uncovered with the cause (see explain.ts).
import { formatMonth } from '../../domain/format-id';
import type { HardRule, Violation } from './types';

export const coverage: HardRule = {
  id: 'coverage',
  kind: 'hard',
  label: 'Kunjungan wajib tiap puskesmas',
  labelEn: 'Required visits per puskesmas',
  checkMonth(index, plan) {
    const counts = new Map<string, number>();
    for (const v of plan.visits) counts.set(`${v.puskesmasId}:${v.specialtyId}`, (counts.get(`${v.puskesmasId}:${v.specialtyId}`) ?? 0) + 1);
    const violations: Violation[] = [];
    for (const c of index.problem.puskesmas) {
      for (const k of index.problem.specialties) {
        const need = index.requirement(c.id, k.id);
        const have = counts.get(`${c.id}:${k.id}`) ?? 0;
        if (have >= need) continue;
        violations.push({
          rule: 'coverage',
          message: `${c.name} baru mendapat ${have} dari ${need} kunjungan ${k.name} pada ${formatMonth(plan.month)}.`,
          messageEn: `${c.name} has ${have} of ${need} ${k.name} visits in ${formatMonth(plan.month, 'en')}.`,
        });
      }
    }
    return violations;
  },
};
