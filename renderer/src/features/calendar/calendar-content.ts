// What the calendar draws inside its chips and day cells, as plain DOM nodes. FullCalendar puts
// React content there through one portal per chip and per day, and React sets up its event
// listeners on every portal's element: a month of chips cost more than the grid itself. The
// chips' clicks and drags are FullCalendar's own, so nothing here needs React.
import type { VisitView } from '../../../../src/domain/types';
import type { Translate } from '../../i18n';
import { MARK_SYMBOL, visitMarks } from './calendar-events';
import { markLabel } from './calendar-filters';

function el(tag: string, className: string | null, ...children: (Node | string | null)[]): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

/** A crowded day's count for one specialty: "41 kunjungan" over "Anak". */
export function summaryChip(count: number, specialtyName: string, t: Translate): { domNodes: Node[] } {
  return { domNodes: [el('div', 'visit-chip', el('div', 'chip-line', el('strong', null, t(`${count} kunjungan`, `${count} visits`))), el('div', 'chip-who', specialtyName))] };
}

/**
 * A visit's chip: the marks, the puskesmas in bold, the specialist below; the time only when it
 * is not the programme's usual start (nearly every visit starts then). In a list, one line.
 */
export function visitChip(visit: VisitView, options: { list: boolean; usualStart: string; t: Translate; timeRange: (start: string, end: string) => string }): { domNodes: Node[] } {
  const { list, usualStart, t, timeRange } = options;
  const marks = visitMarks(visit);
  const line = el('div', 'chip-line');
  for (const mark of marks) {
    const symbol = el('span', `mark mark-${mark}`, MARK_SYMBOL[mark]);
    symbol.title = markLabel(mark, t);
    line.append(symbol);
  }
  if (marks.length) line.append(el('span', 'sr-only', `${marks.map((mark) => markLabel(mark, t)).join(', ')}: `));
  if (visit.startTime !== usualStart && !list) line.append(el('span', 'chip-time', visit.startTime.replace(':', '.')));
  line.append(el('strong', 'chip-place', visit.puskesmasName.replace(/^Puskesmas\s+/i, '')));
  if (list) line.append(el('span', 'chip-who', ` · ${visit.specialistName} (${visit.specialtyName}) · ${timeRange(visit.startTime, visit.endTime)}`));
  return { domNodes: [el('div', 'visit-chip', line, list ? null : el('div', 'chip-who', visit.specialistName))] };
}

/** A leave or duty bar's title, as FullCalendar's own content draws it (its classes keep its look). */
export function leaveBar(title: string): { domNodes: Node[] } {
  return { domNodes: [el('div', 'fc-event-main-frame', el('div', 'fc-event-title-container', el('div', 'fc-event-title fc-sticky', title || '\u00a0')))] };
}

/** The day number, and a holiday's name under it. */
export function dayTop(dayNumberText: string, holidayNames: string[] | undefined): { domNodes: Node[] } {
  return { domNodes: [el('div', 'day-top', el('span', 'day-number', dayNumberText), holidayNames ? el('span', 'day-holiday', holidayNames.join(' · ')) : null)] };
}
