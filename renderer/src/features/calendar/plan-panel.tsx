import { useI18n } from '../../i18n';

export function PlanButton(_props: { month: string; onSaved: () => void }) {
  const { t } = useI18n();
  return (
    <button type="button" className="primary" disabled title={t('Penjadwal belum tersedia di versi ini', 'The scheduler is not available in this version yet')}>
      {t('Buat jadwal', 'Plan month')}
    </button>
  );
}
