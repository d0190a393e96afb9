// What FullCalendar leaves out for screen readers and axe: hints in the screen's language, the
// "+n lagi" link announced as a button, day cells named by their content, toolbar icons hidden
// (the button's title names it).
import type { CalendarOptions } from '@fullcalendar/core';

type Lang = 'id' | 'en';

export function calendarA11yOptions(lang: Lang): CalendarOptions {
  const id = lang === 'id';
  const unitWord = (unit: string) => (id ? (unit === 'week' ? 'minggu' : unit === 'day' ? 'hari' : 'bulan') : unit);
  return {
    buttonHints: {
      prev: (_text: string, unit: string) => (id ? `${capital(unitWord(unit))} sebelumnya` : `Previous ${unit}`),
      next: (_text: string, unit: string) => (id ? `${capital(unitWord(unit))} berikutnya` : `Next ${unit}`),
      today: id ? 'Ke hari ini' : 'Go to today',
    },
    viewHint: id ? 'Tampilan $0' : '$0 view',
    moreLinkHint: (count: number) => (id ? `Tampilkan ${count} kunjungan lainnya` : `Show ${count} more visits`),
    // The link toggles a popover: a button with aria-expanded (an <a> may not carry it).
    moreLinkDidMount: (arg) => arg.el.setAttribute('role', 'button'),
    // FullCalendar names the whole cell by its day number, which hides the visits inside it.
    dayCellDidMount: (arg) => arg.el.removeAttribute('aria-labelledby'),
  };
}

/** Toolbar icons are glyphs in a font with role="img" and no name; the button's title names the button. */
export function hideToolbarIcons(root: HTMLElement | null): void {
  root?.querySelectorAll('.fc-icon:not([aria-hidden])').forEach((icon) => icon.setAttribute('aria-hidden', 'true'));
}

function capital(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
