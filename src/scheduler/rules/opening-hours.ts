// Hard: the puskesmas is open and the whole visit fits its hours, at the times the visit has
// (a start the coordinator gave is judged as given; the planner's default start is in
// ProblemIndex.visitTime).
import { isoWeekday, minutesOf } from '../../domain/dates';
import { formatLongDate, formatTime } from '../../domain/format-id';
import type { HardRule } from './types';

export const openingHours: HardRule = {
  id: 'opening-hours',
  kind: 'hard',
  label: 'Jam buka puskesmas',
  labelEn: 'Puskesmas opening hours',
  checkVisit(index, visit) {
    const name = index.puskesmasName(visit.puskesmasId);
    const hours = index.place(visit.puskesmasId).openingHours[`${isoWeekday(visit.date)}`];
    if (!hours) {
      return { message: `${name} tutup pada ${formatLongDate(visit.date)}.`, messageEn: `${name} is closed on ${formatLongDate(visit.date, 'en')}.` };
    }
    const zone = index.settings.timeZone;
    const minutes = index.visitMinutes(visit.specialtyId);
    const open = `${formatTime(hours.open, zone)}-${formatTime(hours.close, zone)}`;
    if (minutesOf(hours.close) - minutesOf(hours.open) < minutes) {
      return {
        message: `Kunjungan ${minutes} menit tidak muat di jam buka ${name} (${open}) pada ${formatLongDate(visit.date)}.`,
        messageEn: `A ${minutes}-minute visit does not fit ${name}'s hours (${open}) on ${formatLongDate(visit.date, 'en')}.`,
      };
    }
    if (visit.startTime < hours.open || visit.endTime > hours.close || visit.endTime <= visit.startTime) {
      return {
        message: `Kunjungan ${formatTime(visit.startTime, zone)}-${formatTime(visit.endTime, zone)} di luar jam buka ${name} (${open}).`,
        messageEn: `The visit ${formatTime(visit.startTime, zone)}-${formatTime(visit.endTime, zone)} is outside ${name}'s hours (${open}).`,
      };
    }
    return null;
  },
};
