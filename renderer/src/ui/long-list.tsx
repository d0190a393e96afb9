// Long lists are drawn a page at a time: a province has a thousand puskesmas and two thousand
// visits a month, and drawing every row before the screen shows costs seconds. The first page
// shows at once, the next one whenever the end of the list scrolls into view, every row on
// "Tampilkan semua" and before printing; the list says how many of how many it shows. Searches
// and counts work on all rows, only the drawing is paged.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useI18n } from '../i18n';

export const LIST_PAGE = 100;

/** True once the page is being printed (the browser's beforeprint): every row is drawn from then on. */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    // Synchronously, so the rows are in the page before the browser lays it out for print.
    const expand = () => flushSync(() => setPrinting(true));
    window.addEventListener('beforeprint', expand);
    return () => window.removeEventListener('beforeprint', expand);
  }, []);
  return printing;
}

export interface Paged<T> {
  /** The rows to draw now. */
  shown: T[];
  total: number;
  showMore: () => void;
  showAll: () => void;
}

export function usePaged<T>(rows: T[], page = LIST_PAGE): Paged<T> {
  const [limit, setLimit] = useState(page);
  const printing = usePrinting();
  const shown = printing || rows.length <= limit ? rows : rows.slice(0, limit);
  const showMore = useCallback(() => setLimit((n) => n + page), [page]);
  const showAll = useCallback(() => setLimit(Infinity), []);
  return { shown, total: rows.length, showMore, showAll };
}

/** Draws every row at once, synchronously: for a print button, before it calls print. */
export function showAllNow(paged: Paged<unknown>): void {
  flushSync(() => paged.showAll());
}

const count = (n: number, lang: string) => n.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB');

/**
 * Under a paged list: "Menampilkan 100 dari 1.000 puskesmas" and "Tampilkan semua 1.000"; when
 * it scrolls into view (the reader reached the end of what is drawn) the next page is drawn.
 * Nothing once every row is drawn. Not a table row, so row counts stay the rows of the list.
 */
export function MoreRows({ paged, noun }: { paged: Paged<unknown>; noun: [string, string] }) {
  const { t, lang } = useI18n();
  const own = useRef<HTMLDivElement>(null);
  const { shown, total, showMore } = paged;
  const partial = shown.length < total;
  useEffect(() => {
    const element = own.current;
    if (!partial || !element || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) showMore();
    }, { rootMargin: '0px 0px 200px 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [partial, shown.length, showMore]);
  if (!partial) return null;
  const [id, en] = noun;
  return (
    <div ref={own} className="more-rows no-print" data-testid="more-rows">
      <span className="muted small">
        {t(`Menampilkan ${count(shown.length, lang)} dari ${count(total, lang)} ${id}`, `Showing ${count(shown.length, lang)} of ${count(total, lang)} ${en}`)}
      </span>
      <button type="button" className="small" onClick={paged.showAll}>
        {t(`Tampilkan semua ${count(total, lang)}`, `Show all ${count(total, lang)}`)}
      </button>
    </div>
  );
}

/** A part of a screen drawn once it comes near the viewport (or the page is printed), in a box of its height meanwhile. */
export function WhenNear({ minHeight, children }: { minHeight: number; children: ReactNode }) {
  const printing = usePrinting();
  const [near, setNear] = useState(typeof IntersectionObserver === 'undefined');
  const own = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = own.current;
    if (near || !element) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setNear(true);
    }, { rootMargin: '300px 0px' });
    observer.observe(element);
    return () => observer.disconnect();
  }, [near]);
  if (near || printing) return <>{children}</>;
  return <div ref={own} style={{ minHeight }} aria-hidden="true" />;
}
