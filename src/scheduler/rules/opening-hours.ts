// Hard: the puskesmas is open and the whole visit fits its hours (start at the later of the
// programme's visit start and opening time, end by closing time).
import { isoWeekday } from '../../domain/dates';
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
    const slot = index.visitTime(visit.puskesmasId, visit.date);
    const zone = index.settings.timeZone;
    if (!slot) {
      return {
        message: `Kunjungan ${index.settings.visitMinutes} menit tidak muat di jam buka ${name} (${formatTime(hours.open, zone)}-${formatTime(hours.close, zone)}) pada ${formatLongDate(visit.date)}.`,
        messageEn: `A ${index.settings.visitMinutes}-minute visit does not fit ${name}'s hours (${formatTime(hours.open, zone)}-${formatTime(hours.close, zone)}) on ${formatLongDate(visit.date, 'en')}.`,
      };
    }
    if (visit.startTime < hours.open || visit.endTime > hours.close || visit.endTime <= visit.startTime) {
      return {
        message: `Kunjungan ${formatTime(visit.startTime, zone)}-${formatTime(visit.endTime, zone)} di luar jam buka ${name} (${formatTime(hours.open, zone)}-${formatTime(hours.close, zone)}).`,
        messageEn: `The visit ${formatTime(visit.startTime, zone)}-${formatTime(visit.endTime, zone)} is outside ${name}'s hours (${formatTime(hours.open, zone)}-${formatTime(hours.close, zone)}).`,
      };
    }
    return null;
  },
};
