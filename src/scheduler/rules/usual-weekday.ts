// Hard: a specialist visits only on their usual weekdays.
import { isoWeekday } from '../../domain/dates';
import { formatLongDate, weekdayName } from '../../domain/format-id';
import type { HardRule } from './types';

export const usualWeekday: HardRule = {
  id: 'usual-weekday',
  kind: 'hard',
  label: 'Hari praktik dokter',
  labelEn: "Specialist's usual weekdays",
  checkVisit(index, visit) {
    const s = index.specialist(visit.specialistId);
    const day = isoWeekday(visit.date);
    if (s.usualWeekdays.includes(day)) return null;
    const days = (lang: 'id' | 'en') => s.usualWeekdays.map((d) => weekdayName(d, lang)).join(', ') || (lang === 'id' ? 'tidak ada' : 'none');
    return {
      message: `${s.name} tidak berkunjung pada hari ${weekdayName(day)} (${formatLongDate(visit.date)}); harinya: ${days('id')}.`,
      messageEn: `${s.name} does not visit on ${weekdayName(day, 'en')} (${formatLongDate(visit.date, 'en')}); their days: ${days('en')}.`,
    };
  },
};
