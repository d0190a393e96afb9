// "Urungkan": after a move, cancellation, pin or deactivation the toast offers to take it back,
// and the history lists this session's changes (changes:list since the app opened).
import { useCallback, useState } from 'react';
import type { UndoableChange } from '../../../src/contract/changes';
import { ApiError, call } from '../api';
import { useI18n } from '../i18n';
import { useRefData } from '../ref-data';
import { ErrorBanner, Modal, Spinner, useToast } from './components';
import { useLoad } from './hooks';

/** When this window opened: the history shows changes made since. */
const OPENED_AT = new Date().toISOString();

/** Fired after an undo so screens showing the record load it again. */
export const CHANGED_EVENT = 'asuhan:changed';

function announceChange() {
  window.dispatchEvent(new Event(CHANGED_EVENT));
}

/** Shows `text` with "Urungkan", which undoes the latest undoable change (the one just made). */
export function useOfferUndo() {
  const { t, errorText } = useI18n();
  const toast = useToast();
  return useCallback(
    async (text: string, onUndone?: () => void) => {
      let latest: UndoableChange | undefined;
      try {
        [latest] = await call('changes:list', { limit: 1 });
      } catch {
        latest = undefined;
      }
      if (!latest || latest.undone) {
        toast(text);
        return;
      }
      const auditId = latest.auditId;
      toast(text, 'ok', {
        label: t('Urungkan', 'Undo'),
        run: () => {
          call('changes:undo', { auditId })
            .then((change) => {
              toast(t(`Diurungkan: ${change.description}.`, `Undone: ${change.descriptionEn}.`), 'info');
              onUndone?.();
              announceChange();
            })
            .catch((cause: unknown) => toast(cause instanceof ApiError ? errorText(cause.payload) : String(cause), 'error'));
        },
      });
    },
    [t, toast, errorText],
  );
}

/** The session's changes, newest first, each with its own "Urungkan". */
export function UndoHistory({ onClose }: { onClose: () => void }) {
  const { t, lang, time: zonedTime } = useI18n();
  const { info } = useRefData();
  const toast = useToast();
  const loaded = useLoad(() => call('changes:list', { limit: 50, since: OPENED_AT }), []);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<number | null>(null);
  const undo = async (change: UndoableChange) => {
    setBusy(change.auditId);
    setError(undefined);
    try {
      const done = await call('changes:undo', { auditId: change.auditId });
      toast(t(`Diurungkan: ${done.description}.`, `Undone: ${done.descriptionEn}.`), 'info');
      announceChange();
      loaded.reload();
    } catch (cause) {
      setError(cause as ApiError);
    } finally {
      setBusy(null);
    }
  };
  // The clock time in the district's zone, with the zone named (the browser's own zone may differ).
  const time = (at: string) => zonedTime(new Intl.DateTimeFormat('en-GB', { timeZone: info.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(at)));
  return (
    <Modal title={t('Riwayat perubahan', 'Change history')} onClose={onClose}>
      <ErrorBanner error={error ?? loaded.error} />
      {loaded.loading ? <Spinner /> : null}
      <p className="muted small">{t('Perubahan sejak aplikasi dibuka. Yang sudah diubah lagi sesudahnya tidak bisa diurungkan.', 'Changes since the app opened. A record changed again afterwards cannot be undone.')}</p>
      <ul className="undo-list">
        {(loaded.data ?? []).map((change) => (
          <li key={change.auditId}>
            <span>
              <span className="muted small">{time(change.at)} · </span>
              {lang === 'id' ? change.description : change.descriptionEn}
            </span>
            {change.undone ? (
              <span className="badge">{t('Sudah diurungkan', 'Undone')}</span>
            ) : (
              <button type="button" disabled={busy !== null} onClick={() => void undo(change)}>
                {t('Urungkan', 'Undo')}
              </button>
            )}
          </li>
        ))}
        {loaded.data?.length === 0 ? <li className="muted">{t('Belum ada perubahan sejak aplikasi dibuka.', 'No changes since the app opened.')}</li> : null}
      </ul>
    </Modal>
  );
}
