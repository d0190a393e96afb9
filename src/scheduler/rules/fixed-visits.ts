// Hard: pinned, confirmed, done (and missed) visits stay exactly where they are.
import { formatLongDate } from '../../domain/format-id';
import type { HardRule, Violation } from './types';

export const fixedVisits: HardRule = {
  id: 'fixed-visits',
  kind: 'hard',
  label: 'Kunjungan terkunci/terkonfirmasi tetap',
  labelEn: 'Pinned and confirmed visits stay',
  checkMonth(index, plan, fixed) {
    const present = new Set(plan.visits.map((v) => `${v.specialistId}:${v.puskesmasId}:${v.date}:${v.startTime}`));
    const violations: Violation[] = [];
    for (const v of fixed) {
      if (present.has(`${v.specialistId}:${v.puskesmasId}:${v.date}:${v.startTime}`)) continue;
      violations.push({
        rule: 'fixed-visits',
        visit: v,
        message: `Kunjungan tetap ${index.specialistName(v.specialistId)} ke ${index.puskesmasName(v.puskesmasId)} pada ${formatLongDate(v.date)} hilang atau berpindah.`,
        messageEn: `The fixed visit of ${index.specialistName(v.specialistId)} to ${index.puskesmasName(v.puskesmasId)} on ${formatLongDate(v.date, 'en')} is missing or moved.`,
      });
    }
    return violations;
  },
};
