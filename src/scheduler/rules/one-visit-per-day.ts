// Hard: at most one visit per specialist per day; with settings.allowTwoVisitsPerDay, two when
// the second starts after the first ends plus the drive between the two puskesmas (positions
// known), both within opening hours (checked by opening-hours).
import { groupBy } from '../../domain/collections';
import { minutesOf } from '../../domain/dates';
import { formatLongDate } from '../../domain/format-id';
import type { PlannedVisit } from '../problem';
import type { HardRule, Violation } from './types';

export const oneVisitPerDay: HardRule = {
  id: 'one-visit-per-day',
  kind: 'hard',
  label: 'Satu kunjungan per hari',
  labelEn: 'One visit a day',
  checkMonth(index, plan) {
    const byDay = groupBy(plan.visits, (v) => `${v.specialistId}:${v.date}`);
    const violations: Violation[] = [];
    const two = index.settings.allowTwoVisitsPerDay;
    for (const visits of byDay.values()) {
      if (visits.length < 2) continue;
      const [a, b] = [...visits].sort((x, y) => (x.startTime < y.startTime ? -1 : 1)) as [PlannedVisit, PlannedVisit];
      const name = index.specialistName(a.specialistId);
      if (!two || visits.length > 2) {
        violations.push({
          rule: 'one-visit-per-day',
          visit: b,
          message: `${name} sudah punya kunjungan pada ${formatLongDate(b.date)}.`,
          messageEn: `${name} already has a visit on ${formatLongDate(b.date, 'en')}.`,
        });
        continue;
      }
      const drive = index.minutesBetween(a.puskesmasId, b.puskesmasId);
      if (drive !== null && minutesOf(b.startTime) >= minutesOf(a.endTime) + drive) continue;
      violations.push({
        rule: 'one-visit-per-day',
        visit: b,
        message:
          drive === null
            ? `${name} tidak bisa dijadwalkan dua kunjungan pada ${formatLongDate(b.date)}: jarak antara ${index.puskesmasName(a.puskesmasId)} dan ${index.puskesmasName(b.puskesmasId)} tidak diketahui.`
            : `Dua kunjungan ${name} pada ${formatLongDate(b.date)} tidak muat: perjalanan ${index.puskesmasName(a.puskesmasId)} ke ${index.puskesmasName(b.puskesmasId)} sekitar ${drive} menit.`,
        messageEn:
          drive === null
            ? `${name} cannot make two visits on ${formatLongDate(b.date, 'en')}: the distance between ${index.puskesmasName(a.puskesmasId)} and ${index.puskesmasName(b.puskesmasId)} is unknown.`
            : `${name}'s two visits on ${formatLongDate(b.date, 'en')} do not fit: the drive from ${index.puskesmasName(a.puskesmasId)} to ${index.puskesmasName(b.puskesmasId)} takes about ${drive} minutes.`,
      });
    }
    return violations;
  },
};
