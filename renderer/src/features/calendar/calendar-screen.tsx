// Jadwal: the month's visits on a calendar, filtered, with holidays and leave behind them.
import type { DatesSetArg, DayCellContentArg, EventClickArg, EventContentArg, EventDropArg, EventInput } from '@fullcalendar/core';
import enGbLocale from '@fullcalendar/core/locales/en-gb';
import idLocale from '@fullcalendar/core/locales/id';
import dayGridPlugin from '@fullcalendar/daygrid';
import interactionPlugin, { type EventDragStartArg } from '@fullcalendar/interaction';
import listPlugin from '@fullcalendar/list';
import FullCalendar from '@fullcalendar/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { VisitView } from '../../../../src/domain/types';
import { addDays, firstDayOfMonth, isoWeekday, monthOf } from '../../../../src/domain/dates';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ErrorBanner, Loading, Spinner, useToast } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { SharedMonthPicker, useSelectedMonth } from '../../ui/selected-month';
import { CHANGED_EVENT, useOfferUndo } from '../../ui/undo';
import { isStale } from '../../ui/stale';
import { NO_FILTERS, crowdedDayEvents, holidayEvent, leaveEvent, matchesFilters, visitEvent, type CalendarFilters } from './calendar-events';
import { dayTop, leaveBar, summaryChip, visitChip } from './calendar-content';
import { calendarA11yOptions, hideToolbarIcons } from './calendar-a11y';
import { CalendarFilterPanel } from './calendar-filters';
import { PlanButton } from './plan-panel';
import { VisitDetails } from './visit-details';
import { loadUncovered, UncoveredPanel } from './cover-suggestions';
import { moveVisit } from './visit-actions';
import { useCanWrite } from '../../session';

interface Range {
  from: string;
  to: string;
  month: string;
}

/** The dates FullCalendar's month grid shows for a day's month: six weeks from the Monday on or before the 1st. */
function monthGridRange(day: string): Range {
  const first = firstDayOfMonth(monthOf(day));
  const from = addDays(first, 1 - isoWeekday(first));
  return { from, to: addDays(from, 41), month: monthOf(day) };
}

// FullCalendar redraws on every changed option: what does not change is made once, here.
const PLUGINS = [dayGridPlugin, listPlugin, interactionPlugin];
const LOCALES = [idLocale, enGbLocale];
const HEADER_TOOLBAR = { left: 'prev,next today', center: 'title', right: 'dayGridMonth,dayGridWeek,listMonth' };
const BUTTON_TEXT = { id: { today: 'Hari ini', month: 'Bulan', week: 'Minggu', list: 'Daftar' }, en: { today: 'Today', month: 'Month', week: 'Week', list: 'List' } };
// Visits share the morning slot, so a time grid would squeeze a busy day into slivers:
// the week view stacks each day's visits instead.
const VIEWS = { dayGridWeek: { dayMaxEvents: false } };
const EVENT_TIME_FORMAT = { hour: '2-digit', minute: '2-digit', hour12: false } as const;
const LIST_DAY_FORMAT = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' } as const;

/** The same function on every render, calling the latest one: FullCalendar sees no changed option. */
function useSteady<A extends unknown[], R>(handler: (...args: A) => R): (...args: A) => R {
  const latest = useRef(handler);
  latest.current = handler;
  return useCallback((...args: A) => latest.current(...args), []);
}

/**
 * The day a view stands for, kept when switching views: today in today's month; in another
 * month its first working day (so "Minggu" from March opens 2-8 March, not 23 Feb-1 Mar); in the
 * week view the day kept if it is shown, else the week's Thursday (whose month the week belongs to).
 */
function focusDay(viewType: string, from: string, to: string, currentStart: string, kept: string, today: string): string {
  if (viewType === 'listDay') return from; // one crowded day, opened from its counts
  if (viewType === 'dayGridWeek') return kept >= from && kept <= to ? kept : addDays(from, 3);
  const month = currentStart.slice(0, 7);
  const first = firstDayOfMonth(month);
  // The month picker keeps the 1st of a month it moves to: that stands for the month, not the day.
  if (monthOf(kept) === month && kept !== first) return kept;
  if (monthOf(today) === month) return today;
  const weekday = isoWeekday(first);
  return weekday >= 6 ? addDays(first, 8 - weekday) : first;
}

/** The chip's tooltip and the visit's id on its element. */
function labelEvent(arg: { el: HTMLElement; event: { extendedProps: Record<string, unknown> } }): void {
  const tooltip = arg.event.extendedProps.tooltip as string | undefined;
  if (tooltip) arg.el.title = tooltip;
  const visit = arg.event.extendedProps.visit as VisitView | undefined;
  if (visit) arg.el.dataset.visitId = String(visit.id);
}

function allowUnpinned(_span: unknown, event: { extendedProps: Record<string, unknown> } | null): boolean {
  return !(event?.extendedProps.visit as VisitView | undefined)?.pinned;
}

/**
 * Counts the loads of the calendar's data, the first counting from before it arrives: the panel
 * beside it starts loading with the calendar, and loads again after every later reload.
 */
function useLoadCount(data: unknown): number {
  const seen = useRef<{ data: unknown; count: number }>({ data: undefined, count: 1 });
  if (data !== undefined && data !== seen.current.data) {
    seen.current = { data, count: seen.current.data === undefined ? 1 : seen.current.count + 1 };
  }
  return seen.current.count;
}

export function CalendarScreen() {
  const { t, lang, errorText, timeRange, zone, longDate } = useI18n();
  const ref = useRefData();
  const toast = useToast();
  const canWrite = useCanWrite();
  const shared = useSelectedMonth();
  // The month grid's dates are known before FullCalendar reports them, so loading starts at once.
  const [range, setRange] = useState<Range | null>(() => monthGridRange(shared.date));
  const [viewType, setViewType] = useState('dayGridMonth');
  const [filters, setFilters] = useState<CalendarFilters>(NO_FILTERS);
  const [selected, setSelected] = useState<VisitView | null>(null);
  const offerUndo = useOfferUndo();
  // An undo from the history changes visits behind this view.
  useEffect(() => {
    const reload = () => loaded.reload();
    window.addEventListener(CHANGED_EVENT, reload);
    return () => window.removeEventListener(CHANGED_EVENT, reload);
  }, []);
  const calendarRef = useRef<FullCalendar>(null);
  const calendarCard = useRef<HTMLDivElement>(null);
  const a11yOptions = useMemo(() => calendarA11yOptions(lang), [lang]);
  useEffect(() => hideToolbarIcons(calendarCard.current));
  const sharedDate = useRef(shared.date);
  sharedDate.current = shared.date;

  const loaded = useLoad(async () => {
    if (!range) return null;
    const [visits, holidays, leave] = await Promise.all([
      call('visits:list', { from: range.from, to: range.to }),
      call('holidays:effective', { from: range.from, to: range.to }),
      call('unavailability:list', { from: range.from, to: range.to }),
    ]);
    return { visits, holidays, leave };
  }, [range?.from, range?.to]);

  const dataVersion = useLoadCount(loaded.data);
  // Asked here, after the calendar's own calls (a component's effects run in order, a child's before
  // its parent's), so the server answers those first; the panel shows its own spinner meanwhile.
  const uncovered = useLoad(() => loadUncovered(shared.month), [shared.month, dataVersion]);
  const firstLoaded = useRef(false);
  // The day the calendar opens on: the shared day until it is drawn, then fixed (a changing
  // initialDate would send the calendar back to it).
  const initialDate = useRef(shared.date);
  if (!firstLoaded.current) initialDate.current = shared.date;
  if (loaded.data !== undefined || loaded.error) firstLoaded.current = true;

  const events = useMemo<EventInput[]>(() => {
    const data = loaded.data;
    if (!data) return [];
    const shown = data.visits.filter((v) => matchesFilters(v, filters));
    // Grids show a crowded day as counts per specialty; the list of the day shows its visits.
    const { events: counts, crowded } = viewType.startsWith('dayGrid')
      ? crowdedDayEvents(shown, ref.specialtyById, (n, specialty) => t(`${n} kunjungan ${specialty}`, `${n} visits, ${specialty}`), t('Klik untuk daftar kunjungan hari itu.', 'Click to list the day\'s visits.'))
      : { events: [], crowded: new Set<string>() };
    const visits = shown.filter((v) => !crowded.has(v.date)).map((v) => visitEvent(v, ref.specialtyById.get(v.specialtyId), canWrite, timeRange));
    const holidays = data.holidays.holidays.map(holidayEvent);
    const leave = filters.showLeave
      ? data.leave
          .filter((l) => filters.specialistId === null || l.specialistId === filters.specialistId)
          .map((l) => leaveEvent(l, ref.specialistById.get(l.specialistId)?.name ?? `#${l.specialistId}`, l.kind === 'leave' ? t('Cuti', 'Leave') : t('Tugas', 'Duty')))
      : [];
    return [...holidays, ...leave, ...counts, ...visits];
  }, [loaded.data, filters, ref, t, timeRange, viewType, canWrite]);

  const onDatesSet = useSteady((arg: DatesSetArg) => {
    // Only a change: a same-value update during FullCalendar's own drawing still redraws it all.
    if (arg.view.type !== viewType) setViewType(arg.view.type);
    setTimeout(() => hideToolbarIcons(calendarCard.current), 0);
    const from = arg.startStr.slice(0, 10);
    const to = addDays(arg.endStr.slice(0, 10), -1);
    // FullCalendar may call a handler from an earlier render: the kept day is read from a ref.
    const kept = sharedDate.current;
    const focus = focusDay(arg.view.type, from, to, arg.view.currentStart.toISOString().slice(0, 10), kept, ref.info.today);
    sharedDate.current = focus;
    if (focus !== kept) shared.setDate(focus);
    // Within the same range this moves no dates, so no datesSet follows; a view switch starts here.
    if (arg.view.calendar.getDate().toISOString().slice(0, 10) !== focus) arg.view.calendar.gotoDate(focus);
    if (range?.from !== from || range?.to !== to) setRange({ from, to, month: monthOf(focus) });
  });

  // The month picker (or another screen) chose a month this view does not show: go there.
  useEffect(() => {
    const api = calendarRef.current?.getApi();
    if (!api) {
      // Not drawn yet (its first month is loading): load the month chosen meanwhile instead.
      if (range?.month !== monthOf(shared.date)) setRange(monthGridRange(shared.date));
      return;
    }
    if (!range) return;
    // A month grid also shows the first days of the next month: choosing that month must still move
    // it, so the month view compares months (of the calendar's own current date, which gotoDate sets).
    const current = api.getDate().toISOString().slice(0, 10);
    const shown = api.view.type === 'dayGridWeek' ? shared.date >= range.from && shared.date <= range.to : monthOf(current) === monthOf(shared.date);
    if (!shown) api.gotoDate(shared.date);
  }, [shared.date]);

  const onEventClick = useSteady((arg: EventClickArg) => {
    const crowdedDay = arg.event.extendedProps.kind === 'day-summary' ? (arg.event.extendedProps.date as string) : null;
    if (crowdedDay) {
      sharedDate.current = crowdedDay;
      shared.setDate(crowdedDay);
      arg.view.calendar.changeView('listDay', crowdedDay);
      return;
    }
    const visit = arg.event.extendedProps.visit as VisitView | undefined;
    if (visit) setSelected(visit);
  });

  const usualStart = ref.settings.visitStart;
  const holidaysByDate = useMemo(() => {
    const names = new Map<string, string[]>();
    for (const h of loaded.data?.holidays.holidays ?? []) names.set(h.date, [...(names.get(h.date) ?? []), h.name]);
    return names;
  }, [loaded.data]);

  // Chips and day cells as plain DOM (calendar-content.ts): React portals cost more than the grid.
  const renderEvent = useCallback((arg: EventContentArg) => {
    if (arg.event.extendedProps.kind === 'day-summary') {
      const { count, specialtyName } = arg.event.extendedProps as { count: number; specialtyName: string };
      return summaryChip(count, specialtyName, t);
    }
    // A province's month grid has some 200 leave bars, most hidden behind "+n lagi": drawn as plain DOM too.
    if (arg.event.extendedProps.kind === 'leave' && !arg.view.type.startsWith('list')) return leaveBar(arg.event.title);
    const visit = arg.event.extendedProps.visit as VisitView | undefined;
    if (!visit) return true; // holidays and a list's leave keep FullCalendar's own content
    return visitChip(visit, { list: arg.view.type.startsWith('list'), usualStart, t, timeRange });
  }, [usualStart, t, timeRange]);

  // Day numbers stay above holidays and leave bars, and a holiday's name sits under its number.
  const renderDayCell = useCallback((arg: DayCellContentArg) => dayTop(arg.dayNumberText, holidaysByDate.get(arg.date.toISOString().slice(0, 10))), [holidaysByDate]);

  // While a visit is dragged, the days it may land on are lit and the others dimmed, from one call.
  // FullCalendar redraws its cells during a drag, so the marks are its own class names, from state.
  const [dropDays, setDropDays] = useState<Map<string, { ok: boolean; why: string }> | null>(null);
  const dragged = useRef<number | null>(null);
  const markDropDays = async (visit: VisitView) => {
    try {
      const availability = await call('visits:availability', { id: visit.id });
      if (dragged.current !== visit.id) return; // dropped already
      setDropDays(new Map(availability.days.map((d) => [d.date, { ok: d.ok, why: lang === 'id' ? d.message : d.messageEn }])));
    } catch {
      // Without the marks the drop is still checked by visits:move.
    }
  };
  const dayCellClassNames = useCallback(
    (arg: { date: Date }) => {
      const day = dropDays?.get(arg.date.toISOString().slice(0, 10));
      return day ? [day.ok ? 'drop-ok' : 'drop-no'] : [];
    },
    [dropDays],
  );

  const onEventDragStart = useSteady((arg: EventDragStartArg) => {
    const visit = arg.event.extendedProps.visit as VisitView | undefined;
    if (visit && !visit.pinned) {
      dragged.current = visit.id;
      void markDropDays(visit);
    }
    if (visit?.pinned) {
      toast(
        t(
          `Kunjungan ${visit.puskesmasName} disematkan, jadi tidak dipindah. Lepas sematannya di detail kunjungan bila memang harus dipindah.`,
          `The visit to ${visit.puskesmasName} is pinned, so it stays. Unpin it in the visit's details if it must move.`,
        ),
        'info',
      );
    }
  });
  const onEventDragStop = useSteady(() => {
    dragged.current = null;
    setDropDays(null);
  });

  const onEventDrop = useSteady(async (arg: EventDropArg) => {
    const visit = arg.event.extendedProps.visit as VisitView | undefined;
    const start = arg.event.start;
    if (!visit || !start) return arg.revert();
    const date = start.toISOString().slice(0, 10);
    const result = await moveVisit(visit, date);
    if (!result.ok) {
      arg.revert();
      // A stale visit is said once by ui/stale.tsx, and the calendar reloads.
      if (!isStale(result.error)) toast(`${t('Tidak bisa dipindah', 'Cannot be moved')}: ${errorText(result.error.payload)}`, 'error');
      return;
    }
    loaded.reload();
    void offerUndo(t(`Kunjungan ${visit.puskesmasName} dipindah ke ${longDate(date)} (manual).`, `Visit to ${visit.puskesmasName} moved to ${longDate(date)} (manual).`), loaded.reload);
  });
  const moreLinkText = useCallback((n: number) => (lang === 'id' ? `+${n} lagi` : `+${n} more`), [lang]);

  return (
    <section aria-labelledby="calendar-title">
      <div className="screen-head">
        <h1 id="calendar-title">{t('Jadwal kunjungan', 'Visit schedule')}</h1>
        {loaded.loading ? <Spinner /> : null}
        <span className="muted small">{t(`Jam dalam ${zone}`, `Times in ${zone}`)}</span>
        <span className="spacer" />
        <SharedMonthPicker />
        {range && canWrite ? <PlanButton month={shared.month} onSaved={loaded.reload} /> : null}
      </div>
      <ErrorBanner error={loaded.error} />
      {loaded.data?.holidays.warnings.map((w) => (
        <div key={w.message} className="banner banner-warn" role="status">
          {lang === 'id' ? w.message : w.messageEn}
        </div>
      ))}
      <div className="calendar-layout">
        <div className="card" data-testid="calendar" ref={calendarCard}>
          {/* Drawn once its first month is loaded: one pass with the visits rather than an empty grid first. */}
          {firstLoaded.current ? (
            <FullCalendar
              ref={calendarRef}
              {...a11yOptions}
              plugins={PLUGINS}
              initialView="dayGridMonth"
              initialDate={initialDate.current}
              locales={LOCALES}
              locale={lang === 'id' ? 'id' : 'en-gb'}
              timeZone="UTC"
              firstDay={1}
              height="auto"
              headerToolbar={HEADER_TOOLBAR}
              buttonText={BUTTON_TEXT[lang]}
              dayMaxEvents={4}
              views={VIEWS}
              moreLinkText={moreLinkText}
              eventTimeFormat={EVENT_TIME_FORMAT}
              listDayFormat={LIST_DAY_FORMAT}
              listDaySideFormat={false}
              eventDisplay="block"
              eventOrder="order,start,title"
              eventDidMount={labelEvent}
              events={events}
              datesSet={onDatesSet}
              eventClick={onEventClick}
              eventDrop={onEventDrop}
              eventDragStart={onEventDragStart}
              eventDragStop={onEventDragStop}
              dayCellClassNames={dayCellClassNames}
              eventAllow={allowUnpinned}
              eventContent={renderEvent}
              dayCellContent={renderDayCell}
              eventDurationEditable={false}
              eventInteractive
              noEventsText={t('Tidak ada kunjungan', 'No visits')}
            />
          ) : (
            <Loading />
          )}
        </div>
        <div className="calendar-side">
          <UncoveredPanel key={shared.month} month={shared.month} loaded={uncovered} onChanged={loaded.reload} />
          <CalendarFilterPanel filters={filters} onChange={setFilters} data={ref} />
        </div>
      </div>
      {selected ? (
        <VisitDetails
          visit={selected}
          onClose={() => setSelected(null)}
          onChanged={() => {
            setSelected(null);
            loaded.reload();
          }}
        />
      ) : null}
    </section>
  );
}
