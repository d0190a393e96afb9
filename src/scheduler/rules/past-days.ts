// Hard: re-planning never adds or moves a visit onto a day that has begun (before the
// problem's first plannable day, the district's tomorrow); visits already there stay fixed.
import { formatLongDate } from '../../domain/format-id';
import type { HardRule } from './types';

export const pastDays: HardRule = {
  id: 'past-days',
  kind: 'hard',
  label: 'Hari yang sudah lewat',
  labelEn: 'Days already past',
  checkVisit(index, visit) {
    if (visit.fixed || !index.isPast(visit.date)) return null;
    const first = index.problem.firstPlannableDay as string;
    return {
      message: `${formatLongDate(visit.date)} sudah lewat: rencana baru hanya mulai ${formatLongDate(first)}.`,
      messageEn: `${formatLongDate(visit.date, 'en')} has already begun or passed: a new plan starts on ${formatLongDate(first, 'en')}.`,
    };
  },
};
