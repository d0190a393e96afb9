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
import { ErrorBanner, Spinner, useToast } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { SharedMonthPicker, useSelectedMonth } from '../../ui/selected-month';
import { CHANGED_EVENT, useOfferUndo } from '../../ui/undo';
import { isStale } from '../../ui/stale';
import { MARK_SYMBOL, NO_FILTERS, crowdedDayEvents, holidayEvent, leaveEvent, matchesFilters, visitEvent, visitMarks, type CalendarFilters } from './calendar-events';
import { calendarA11yOptions, hideToolbarIcons } from './calendar-a11y';
import { CalendarFilterPanel, markLabel } from './calendar-filters';
import { PlanButton } from './plan-panel';
import { VisitDetails } from './visit-details';
import { UncoveredPanel } from './cover-suggestions';
import { moveVisit } from './visit-actions';
import { useCanWrite } from '../../session';

interface Range {
  from: string;
  to: string;
  month: string;
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
  if (monthOf(kept) === month) return kept;
  if (monthOf(today) === month) return today;
  const first = firstDayOfMonth(month);
  const weekday = isoWeekday(first);
  return weekday >= 6 ? addDays(first, 8 - weekday) : first;
}

export function CalendarScreen() {
  const { t, lang, errorText, timeRange, zone, longDate } = useI18n();
  const ref = useRefData();
  const toast = useToast();
  const canWrite = useCanWrite();
  const [range, setRange] = useState<Range | null>(null);
  const [viewType, setViewType] = useState('dayGridMonth');
  const [filters, setFilters] = useState<CalendarFilters>(NO_FILTERS);
  const [selected, setSelected] = useState<VisitView | null>(null);
  const shared = useSelectedMonth();
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
  // Read once: a changing initialDate would send the calendar back to it.
  const [initialDate] = useState(shared.date);

  const loaded = useLoad(async () => {
    if (!range) return null;
    const [visits, holidays, leave] = await Promise.all([
      call('visits:list', { from: range.from, to: range.to }),
      call('holidays:effective', { from: range.from, to: range.to }),
      call('unavailability:list', { from: range.from, to: range.to }),
    ]);
    return { visits, holidays, leave };
  }, [range?.from, range?.to]);

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

  const onDatesSet = (arg: DatesSetArg) => {
    setViewType(arg.view.type);
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
  };

  // The month picker (or another screen) chose a month this view does not show: go there.
  useEffect(() => {
    const api = calendarRef.current?.getApi();
    if (!api || !range) return;
    // A month grid also shows the first days of the next month: choosing that month must still move
    // it, so the month view compares months (of the calendar's own current date, which gotoDate sets).
    const current = api.getDate().toISOString().slice(0, 10);
    const shown = api.view.type === 'dayGridWeek' ? shared.date >= range.from && shared.date <= range.to : monthOf(current) === monthOf(shared.date);
    if (!shown) api.gotoDate(shared.date);
  }, [shared.date]);

  const onEventClick = (arg: EventClickArg) => {
    const crowdedDay = arg.event.extendedProps.kind === 'day-summary' ? (arg.event.extendedProps.date as string) : null;
    if (crowdedDay) {
      sharedDate.current = crowdedDay;
      shared.setDate(crowdedDay);
      arg.view.calendar.changeView('listDay', crowdedDay);
      return;
    }
    const visit = arg.event.extendedProps.visit as VisitView | undefined;
    if (visit) setSelected(visit);
  };

  const usualStart = ref.settings.visitStart;
  const holidaysByDate = useMemo(() => {
    const names = new Map<string, string[]>();
    for (const h of loaded.data?.holidays.holidays ?? []) names.set(h.date, [...(names.get(h.date) ?? []), h.name]);
    return names;
  }, [loaded.data]);

  // A chip: the marks, the puskesmas in bold, the specialist below; the time only when it is not
  // the programme's usual start (nearly every visit starts then).
  const renderEvent = useCallback((arg: EventContentArg) => {
    if (arg.event.extendedProps.kind === 'day-summary') {
      const { count, specialtyName } = arg.event.extendedProps as { count: number; specialtyName: string };
      return (
        <div className="visit-chip">
          <div className="chip-line">
            <strong>{t(`${count} kunjungan`, `${count} visits`)}</strong>
          </div>
          <div className="chip-who">{specialtyName}</div>
        </div>
      );
    }
    const visit = arg.event.extendedProps.visit as VisitView | undefined;
    if (!visit) return true; // holidays and leave keep FullCalendar's own content
    const marks = visitMarks(visit);
    const list = arg.view.type.startsWith('list');
    return (
      <div className="visit-chip">
        <div className="chip-line">
          {marks.map((mark) => (
            <span key={mark} className={`mark mark-${mark}`} title={markLabel(mark, t)}>
              {MARK_SYMBOL[mark]}
            </span>
          ))}
          {marks.length ? <span className="sr-only">{marks.map((mark) => markLabel(mark, t)).join(', ')}: </span> : null}
          {visit.startTime !== usualStart && !list ? <span className="chip-time">{visit.startTime.replace(':', '.')}</span> : null}
          <strong className="chip-place">{visit.puskesmasName.replace(/^Puskesmas\s+/i, '')}</strong>
          {list ? <span className="chip-who"> · {visit.specialistName} ({visit.specialtyName}) · {timeRange(visit.startTime, visit.endTime)}</span> : null}
        </div>
        {list ? null : <div className="chip-who">{visit.specialistName}</div>}
      </div>
    );
  }, [usualStart, t, timeRange]);

  // Day numbers stay above holidays and leave bars, and a holiday's name sits under its number.
  const renderDayCell = useCallback((arg: DayCellContentArg) => {
    const date = arg.date.toISOString().slice(0, 10);
    const names = holidaysByDate.get(date);
    return (
      <div className="day-top">
        <span className="day-number">{arg.dayNumberText}</span>
        {names ? <span className="day-holiday">{names.join(' · ')}</span> : null}
      </div>
    );
  }, [holidaysByDate]);

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

  const onEventDragStart = (arg: EventDragStartArg) => {
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
  };

  const onEventDrop = async (arg: EventDropArg) => {
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
  };

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
          <FullCalendar
            ref={calendarRef}
            {...a11yOptions}
            plugins={[dayGridPlugin, listPlugin, interactionPlugin]}
            initialView="dayGridMonth"
            initialDate={initialDate}
            locales={[idLocale, enGbLocale]}
            locale={lang === 'id' ? 'id' : 'en-gb'}
            timeZone="UTC"
            firstDay={1}
            height="auto"
            headerToolbar={{ left: 'prev,next today', center: 'title', right: 'dayGridMonth,dayGridWeek,listMonth' }}
            buttonText={lang === 'id' ? { today: 'Hari ini', month: 'Bulan', week: 'Minggu', list: 'Daftar' } : { today: 'Today', month: 'Month', week: 'Week', list: 'List' }}
            dayMaxEvents={4}
            // Visits share the morning slot, so a time grid would squeeze a busy day into slivers:
            // the week view stacks each day's visits instead.
            views={{ dayGridWeek: { dayMaxEvents: false } }}
            moreLinkText={(n) => (lang === 'id' ? `+${n} lagi` : `+${n} more`)}
            eventTimeFormat={{ hour: '2-digit', minute: '2-digit', hour12: false }}
            listDayFormat={{ weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }}
            listDaySideFormat={false}
            eventDisplay="block"
            eventOrder="order,start,title"
            eventDidMount={(arg) => {
              const tooltip = arg.event.extendedProps.tooltip as string | undefined;
              if (tooltip) arg.el.title = tooltip;
              const visit = arg.event.extendedProps.visit as VisitView | undefined;
              if (visit) arg.el.dataset.visitId = String(visit.id);
            }}
            events={events}
            datesSet={onDatesSet}
            eventClick={onEventClick}
            eventDrop={onEventDrop}
            eventDragStart={onEventDragStart}
            eventDragStop={() => {
              dragged.current = null;
              setDropDays(null);
            }}
            dayCellClassNames={dayCellClassNames}
            eventAllow={(_span, event) => !(event?.extendedProps.visit as VisitView | undefined)?.pinned}
            eventContent={renderEvent}
            dayCellContent={renderDayCell}
            eventDurationEditable={false}
            eventInteractive
            noEventsText={t('Tidak ada kunjungan', 'No visits')}
          />
        </div>
        <div className="calendar-side">
          {loaded.data ? <UncoveredPanel key={shared.month} month={shared.month} version={loaded.data} onChanged={loaded.reload} /> : null}
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
