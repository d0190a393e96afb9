import type { VisitView } from '../../../../src/domain/types';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { Modal, Swatch } from '../../ui/components';

export function statusLabel(status: VisitView['status'], t: (id: string, en: string) => string): string {
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

export function VisitDetails({ visit, onClose }: { visit: VisitView; onClose: () => void; onChanged: () => void }) {
  const { t, longDate, time } = useI18n();
  const ref = useRefData();
  const specialty = ref.specialtyById.get(visit.specialtyId);
  return (
    <Modal title={t('Kunjungan', 'Visit')} onClose={onClose}>
      <dl className="details">
        <dt>{t('Tanggal', 'Date')}</dt>
        <dd>
          {longDate(visit.date)}, {time(visit.startTime)}–{time(visit.endTime)}
        </dd>
        <dt>{t('Dokter spesialis', 'Specialist')}</dt>
        <dd>
          <Swatch color={specialty?.color ?? '#607d8b'} />
          {visit.specialistName} ({visit.specialtyName})
        </dd>
        <dt>Puskesmas</dt>
        <dd>
          {visit.puskesmasName} · {t('Kec.', 'Kec.')} {visit.kecamatan}
        </dd>
        <dt>{t('Rumah sakit', 'Hospital')}</dt>
        <dd>{visit.hospitalName ?? '—'}</dd>
        <dt>Status</dt>
        <dd>
          <span className="badge">{statusLabel(visit.status, t)}</span> {visit.pinned ? <span className="badge badge-accent">{t('Disematkan', 'Pinned')}</span> : null}{' '}
          {visit.manual ? <span className="badge badge-warn">{t('Diubah manual', 'Changed by hand')}</span> : null}
        </dd>
      </dl>
      <div className="form-actions">
        <a className="button" href={`#/kunjungan/${visit.id}`}>
          {t('Catat hasil kunjungan', 'Log this visit')}
        </a>
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('Tutup', 'Close')}
        </button>
      </div>
    </Modal>
  );
}
