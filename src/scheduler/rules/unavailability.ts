// Hard: no visit while the specialist is on leave, on duty or in training.
import { formatLongDate } from '../../domain/format-id';
import { dateRange, KIND_EN, KIND_ID } from '../text';
import type { HardRule } from './types';

export const unavailability: HardRule = {
  id: 'unavailability',
  kind: 'hard',
  label: 'Cuti, tugas, pelatihan',
  labelEn: 'Leave, duty, training',
  checkVisit(index, visit) {
    const u = index.unavailableOn(visit.specialistId, visit.date);
    if (!u) return null;
    const name = index.specialistName(visit.specialistId);
    const reason = u.reason ? ` (${u.reason})` : '';
    return {
      message: `${name} ${KIND_ID[u.kind]} ${dateRange(u.startDate, u.endDate, 'id')}${reason}, jadi tidak bisa berkunjung ${formatLongDate(visit.date)}.`,
      messageEn: `${name} is ${KIND_EN[u.kind]} ${dateRange(u.startDate, u.endDate, 'en')}${reason}, so cannot visit on ${formatLongDate(visit.date, 'en')}.`,
    };
  },
};
