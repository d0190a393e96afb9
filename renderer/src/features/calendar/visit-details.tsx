import { useState } from 'react';
import type { VisitView } from '../../../../src/domain/types';
import type { ApiError } from '../../api';
import { useI18n, type Translate } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ErrorBanner, Modal, Spinner, Swatch } from '../../ui/components';
import { Icon } from '../../ui/icons';
import { useConfirm } from '../../ui/confirm';
import { DateInput } from '../../ui/date-input';
import { useOfferUndo } from '../../ui/undo';
import { isStale } from '../../ui/stale';
import { deleteVisit, moveVisit, pinVisit, type ActionResult } from './visit-actions';
import { VisitCover } from './cover-suggestions';
import { useCanWrite } from '../../session';

export function statusLabel(status: VisitView['status'], t: Translate): string {
  switch (status) {
    case 'planned':
      return t('Direncanakan', 'Planned');
    case 'confirmed':
      return t('Dikonfirmasi', 'Confirmed');
    case 'done':
      return t('Selesai', 'Done');
    case 'cancelled':
      return t('Dibatalkan', 'Cancelled');
    case 'missed':
      return t('Tidak terlaksana', 'Missed');
  }
}

export function VisitDetails({ visit, onClose, onChanged }: { visit: VisitView; onClose: () => void; onChanged: () => void }) {
  const { t, longDate, timeRange } = useI18n();
  const ref = useRefData();
  const canWrite = useCanWrite();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [moveTo, setMoveTo] = useState(visit.date);
  const specialty = ref.specialtyById.get(visit.specialtyId);
  // A viewer sees the visit; moving, cancelling and pinning are not theirs to do.
  const open = canWrite && (visit.status === 'planned' || visit.status === 'confirmed');

  const confirm = useConfirm();
  const offerUndo = useOfferUndo();
  const run = async (action: () => Promise<ActionResult>, done: string) => {
    setBusy(true);
    const result = await action();
    setBusy(false);
    if (result.ok) {
      onChanged();
      void offerUndo(done, onChanged);
    } else if (isStale(result.error)) onClose(); // the toast says who changed it; the calendar reloads
    else setError(result.error);
  };
  const cancel = async () => {
    const ok = await confirm({
      title: t('Batalkan kunjungan', 'Cancel the visit'),
      question: t(
        `Batalkan kunjungan ${visit.specialistName} ke ${visit.puskesmasName}, ${longDate(visit.date)}? Kunjungan tetap terlihat dicoret, dan kalender dokter menerima pembatalannya.`,
        `Cancel the visit of ${visit.specialistName} to ${visit.puskesmasName}, ${longDate(visit.date)}? It stays visible, struck through, and the specialist's calendar receives the cancellation.`,
      ),
      confirmLabel: t('Batalkan kunjungan', 'Cancel the visit'),
      cancelLabel: t('Jangan batalkan', 'Keep the visit'),
      danger: true,
    });
    if (ok) await run(() => deleteVisit(visit), t(`Kunjungan ${visit.puskesmasName}, ${longDate(visit.date)}, dibatalkan.`, `Visit to ${visit.puskesmasName}, ${longDate(visit.date)}, cancelled.`));
  };

  return (
    <Modal title={t('Kunjungan', 'Visit')} onClose={onClose}>
      <ErrorBanner error={error} />
      <dl className="details">
        <dt>{t('Tanggal', 'Date')}</dt>
        <dd>
          {longDate(visit.date)}, {timeRange(visit.startTime, visit.endTime)}
        </dd>
        <dt>{t('Dokter spesialis', 'Specialist')}</dt>
        <dd>
          <Swatch color={specialty?.color ?? '#607d8b'} />
          {visit.specialistName} ({visit.specialtyName})
        </dd>
        <dt>Puskesmas</dt>
        <dd>
          {visit.puskesmasName} · Kec. {visit.kecamatan}
        </dd>
        <dt>{t('Rumah sakit', 'Hospital')}</dt>
        <dd>{visit.hospitalName ?? '—'}</dd>
        <dt>Status</dt>
        <dd className="row">
          <span className="badge">{statusLabel(visit.status, t)}</span>
          {visit.pinned ? <span className="badge badge-accent">{t('Disematkan', 'Pinned')}</span> : null}
          {visit.manual ? <span className="badge badge-warn">{t('Diubah manual', 'Changed by hand')}</span> : null}
        </dd>
      </dl>
      {open && !visit.pinned ? (
        <form
          className="row move-row"
          onSubmit={(e) => {
            e.preventDefault();
            if (moveTo !== visit.date) void run(() => moveVisit(visit, moveTo), t(`Kunjungan dipindah ke ${longDate(moveTo)} (manual).`, `Visit moved to ${longDate(moveTo)} (manual).`));
          }}
        >
          <label className="field">
            <span className="field-label">{t('Pindah ke tanggal (sama dengan menggeser di kalender)', 'Move to date (same as dragging on the calendar)')}</span>
            <DateInput value={moveTo} onChange={setMoveTo} />
          </label>
          <button type="submit" disabled={busy || moveTo === visit.date}>
            {t('Pindahkan', 'Move')}
          </button>
        </form>
      ) : null}
      {canWrite && visit.status === 'planned' && !visit.pinned ? <VisitCover visit={visit} onApplied={onChanged} /> : null}
      <p className="muted small">
        {!canWrite
          ? t('Hanya lihat: peran Anda tidak bisa mengubah kunjungan.', 'Read only: your role cannot change visits.')
          : visit.pinned
          ? t('Kunjungan yang disematkan tidak diubah saat jadwal disusun ulang.', 'A pinned visit is kept as it is when the month is re-planned.')
          : t('Geser kunjungan di kalender untuk memindah tanggalnya; aturan wajib diperiksa langsung.', 'Drag the visit on the calendar to move it; the hard rules are checked at once.')}
      </p>
      <div className="form-actions">
        {busy ? <Spinner /> : null}
        {open && visit.status === 'planned' && !visit.pinned ? (
          <button type="button" className="danger" disabled={busy} onClick={() => void cancel()}>
            {t('Batalkan kunjungan', 'Cancel visit')}
          </button>
        ) : null}
        {open ? (
          <button
            type="button"
            disabled={busy}
            onClick={() => run(() => pinVisit(visit, !visit.pinned), visit.pinned ? t('Sematan dilepas.', 'Unpinned.') : t('Kunjungan disematkan.', 'Visit pinned.'))}
          >
            <Icon name="pin" size={16} />
            {visit.pinned ? t('Lepas sematan', 'Unpin') : t('Sematkan', 'Pin')}
          </button>
        ) : null}
        {canWrite ? (
          <a className="button" href={`#/kunjungan/${visit.id}`}>
            {t('Catat hasil kunjungan', 'Log this visit')}
          </a>
        ) : null}
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('Tutup', 'Close')}
        </button>
      </div>
    </Modal>
  );
}
