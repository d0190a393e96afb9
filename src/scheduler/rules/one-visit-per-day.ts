// Hard: at most one visit per specialist per day.
// (settings.allowTwoVisitsPerDay is not used yet: the scheduler always keeps one a day.)
import { formatLongDate } from '../../domain/format-id';
import type { HardRule, Violation } from './types';

export const oneVisitPerDay: HardRule = {
  id: 'one-visit-per-day',
  kind: 'hard',
  label: 'Satu kunjungan per hari',
  labelEn: 'One visit a day',
  checkMonth(index, plan) {
    const byDay = new Map<string, number>();
    const violations: Violation[] = [];
    for (const v of plan.visits) {
      const key = `${v.specialistId}:${v.date}`;
      const count = (byDay.get(key) ?? 0) + 1;
      byDay.set(key, count);
      if (count === 2) {
        const name = index.specialistName(v.specialistId);
        violations.push({
          rule: 'one-visit-per-day',
          visit: v,
          message: `${name} sudah punya kunjungan pada ${formatLongDate(v.date)}.`,
          messageEn: `${name} already has a visit on ${formatLongDate(v.date, 'en')}.`,
        });
      }
    }
    return violations;
  },
};
