// An edit refused because someone else changed the record first (CONFLICT, stale): said once, in
// a toast, for every screen; the views reload by themselves (useLoad), so the coordinator sees
// the other person's change and can edit again.
import { useEffect } from 'react';
import { ApiError, STALE_EVENT } from '../api';
import { useI18n } from '../i18n';
import { useToast } from './components';

/** True for the refusal of an edit made on a stale copy: the caller closes its dialog, the toast explains. */
export function isStale(error: unknown): boolean {
  return error instanceof ApiError && error.payload.stale === true;
}

export function StaleNotice() {
  const { errorText } = useI18n();
  const toast = useToast();
  useEffect(() => {
    const show = (event: Event) => {
      const error = (event as CustomEvent<ApiError>).detail;
      if (!error.shownInPlace) toast(errorText(error.payload), 'error');
    };
    window.addEventListener(STALE_EVENT, show);
    return () => window.removeEventListener(STALE_EVENT, show);
  }, [toast, errorText]);
  return null;
}
