// Hard: no visits on national holidays (libur) or collective leave days (cuti bersama).
import { formatDate } from '../../domain/format-id';
import type { HardRule } from './types';

export const holiday: HardRule = {
  id: 'holiday',
  kind: 'hard',
  label: 'Hari libur dan cuti bersama',
  labelEn: 'Holidays and collective leave',
  checkVisit(index, visit) {
    const h = index.holidays.get(visit.date);
    if (!h) return null;
    const kindId = h.kind === 'libur' ? 'hari libur' : 'cuti bersama';
    const kindEn = h.kind === 'libur' ? 'a public holiday' : 'a collective leave day';
    return {
      message: `Tanggal ${formatDate(visit.date)} adalah ${kindId} (${h.name}).`,
      messageEn: `${formatDate(visit.date, 'en')} is ${kindEn} (${h.name}).`,
    };
  },
};
