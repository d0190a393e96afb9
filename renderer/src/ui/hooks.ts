// Data loading for screens: one call, its state, and a reload after writes.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { ApiError, STALE_EVENT } from '../api';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<ApiError>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const latest = useRef(0);
  useEffect(() => {
    const run = ++latest.current;
    setLoading(true);
    load()
      .then((value) => {
        if (run !== latest.current) return;
        setData(value);
        setError(undefined);
      })
      .catch((cause: unknown) => {
        if (run !== latest.current) return;
        setError(cause instanceof ApiError ? cause : new ApiError({ code: 'INTERNAL', message: String(cause), messageEn: String(cause) }));
      })
      .finally(() => {
        if (run === latest.current) setLoading(false);
      });
    // `load` is a new closure each render; the caller's deps say when it means something new.
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  // Someone changed a record this screen may show: read it again rather than keep a stale copy.
  useEffect(() => {
    window.addEventListener(STALE_EVENT, reload);
    return () => window.removeEventListener(STALE_EVENT, reload);
  }, [reload]);
  return { data, error, loading, reload };
}

/**
 * After a failed save, brings the first field marked wrong into view and puts the cursor in it,
 * so no error sits above the visible part of the page.
 */
export function useFocusFirstError(root: RefObject<HTMLElement | null>, error: unknown): void {
  useEffect(() => {
    if (!error) return;
    const frame = requestAnimationFrame(() => {
      const marked = root.current?.querySelector<HTMLElement>('[aria-invalid="true"], .field-invalid, .field-error');
      if (!marked) return;
      marked.scrollIntoView({ block: 'center' });
      const focusable = marked.matches('input, select, textarea, button')
        ? marked
        : (marked.querySelector<HTMLElement>('input, select, textarea') ??
          marked.parentElement?.querySelector<HTMLElement>('input, select, textarea') ??
          marked.previousElementSibling?.querySelector<HTMLElement>('input, select, textarea'));
      focusable?.focus({ preventScroll: true });
    });
    return () => cancelAnimationFrame(frame);
  }, [error]);
}
