// Turns visits, holidays and leave into FullCalendar events. Dates stay calendar dates:
// the calendar runs in UTC so no zone or daylight rule can move a visit to another day.
import type { EventInput } from '@fullcalendar/core';
import type { EffectiveHoliday } from '../../../../src/domain/holidays';
import type { Specialty, Unavailability, VisitView } from '../../../../src/domain/types';
import { addDays } from '../../../../src/domain/dates';

export interface CalendarFilters {
  specialistId: number | null;
  puskesmasId: number | null;
  hospitalId: number | null;
  kecamatan: string;
  showLeave: boolean;
}

export const NO_FILTERS: CalendarFilters = { specialistId: null, puskesmasId: null, hospitalId: null, kecamatan: '', showLeave: true };

export function matchesFilters(visit: VisitView, filters: CalendarFilters): boolean {
  return (
    (filters.specialistId === null || visit.specialistId === filters.specialistId) &&
    (filters.puskesmasId === null || visit.puskesmasId === filters.puskesmasId) &&
    (filters.hospitalId === null || visit.hospitalId === filters.hospitalId) &&
    (filters.kecamatan === '' || visit.kecamatan === filters.kecamatan)
  );
}

const EDITABLE_STATUSES = new Set(['planned', 'confirmed']);

/** What a chip's icon says: its status, or that it was placed by hand or pinned. */
export type VisitMark = 'done' | 'cancelled' | 'missed' | 'pinned' | 'manual';

export function visitMarks(visit: VisitView): VisitMark[] {
  const marks: VisitMark[] = [];
  if (visit.status === 'done' || visit.status === 'cancelled' || visit.status === 'missed') marks.push(visit.status);
  if (visit.pinned) marks.push('pinned');
  if (visit.manual) marks.push('manual');
  return marks;
}

/** Text symbols, so the marks print and need no icon font; each has a word in the legend and the tooltip. */
export const MARK_SYMBOL: Record<VisitMark, string> = { done: '✓', cancelled: '✕', missed: '!', pinned: '◆', manual: '✎' };

/** `timeRange` writes the time range with the district's zone (from useI18n). */
export function visitEvent(visit: VisitView, specialty: Specialty | undefined, canMove: boolean, timeRange: (start: string, end: string) => string): EventInput {
  const color = specialty?.color ?? '#607d8b';
  return {
    id: `visit-${visit.id}`,
    // "Puskesmas" is on every visit; dropping it leaves room for the name in a month cell.
    title: `${visit.puskesmasName.replace(/^Puskesmas\s+/i, '')} · ${visit.specialistName}`,
    start: `${visit.date}T${visit.startTime}:00Z`,
    end: `${visit.date}T${visit.endTime}:00Z`,
    backgroundColor: color,
    borderColor: color,
    textColor: '#ffffff',
    // A pinned visit can be picked up, so that dropping it can say why it stays (eventAllow refuses it).
    editable: canMove && EDITABLE_STATUSES.has(visit.status),
    classNames: ['visit-event', visit.status, ...(visit.pinned ? ['pinned'] : []), ...(visit.manual ? ['manual'] : [])],
    extendedProps: { kind: 'visit', visit, order: 0, tooltip: `${visit.puskesmasName} · ${visit.specialistName} (${visit.specialtyName}) · ${timeRange(visit.startTime, visit.endTime)}` },
  };
}

export function holidayEvent(holiday: EffectiveHoliday): EventInput {
  return {
    id: `holiday-${holiday.date}-${holiday.name}`,
    title: holiday.name,
    start: holiday.date,
    allDay: true,
    display: 'background',
    classNames: ['holiday'],
    extendedProps: { kind: 'holiday', holiday, order: 2, tooltip: holiday.name },
  };
}

export function leaveEvent(leave: Unavailability, specialistName: string, label: string): EventInput {
  return {
    id: `leave-${leave.id}`,
    title: `${label}: ${specialistName}`,
    start: leave.startDate,
    end: addDays(leave.endDate, 1), // FullCalendar's all-day end is exclusive
    allDay: true,
    editable: false,
    backgroundColor: '#eceff3',
    borderColor: '#d5dbe2',
    textColor: '#374151',
    classNames: ['leave-event'],
    extendedProps: { kind: 'leave', leave, order: 1, tooltip: `${label}: ${specialistName}${leave.reason ? ` (${leave.reason})` : ''}` },
  };
}

/** More visits than this on one day (a province; a district has at most some fifteen) and the grid shows counts per specialty. */
export const CROWDED_DAY = 30;

/**
 * A crowded day (a province's calendar) as one chip per specialty ("37 kunjungan Anak"); clicking
 * one lists the day. Thousands of chips in a grid are neither readable nor quick to draw.
 */
export function crowdedDayEvents(visits: VisitView[], specialtyById: Map<number, Specialty>, label: (count: number, specialty: string) => string, hint: string): { events: EventInput[]; crowded: Set<string> } {
  const byDate = new Map<string, VisitView[]>();
  for (const v of visits) byDate.set(v.date, [...(byDate.get(v.date) ?? []), v]);
  const crowded = new Set<string>();
  const events: EventInput[] = [];
  for (const [date, day] of byDate) {
    if (day.length <= CROWDED_DAY) continue;
    crowded.add(date);
    const bySpecialty = new Map<number, number>();
    for (const v of day) bySpecialty.set(v.specialtyId, (bySpecialty.get(v.specialtyId) ?? 0) + 1);
    for (const [specialtyId, count] of bySpecialty) {
      const specialty = specialtyById.get(specialtyId);
      const color = specialty?.color ?? '#607d8b';
      const title = label(count, specialty?.name ?? '');
      events.push({
        id: `day-${date}-${specialtyId}`,
        title,
        start: date,
        allDay: true,
        backgroundColor: color,
        borderColor: color,
        textColor: '#ffffff',
        editable: false,
        classNames: ['day-summary'],
        // Before leave bars, so the counts stay in view above "+n lagi".
        extendedProps: { kind: 'day-summary', date, count, specialtyName: specialty?.name ?? '', order: -1000 + specialtyId, tooltip: `${title}. ${hint}` },
      });
    }
  }
  return { events, crowded };
}
