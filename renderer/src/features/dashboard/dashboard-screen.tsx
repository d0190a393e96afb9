import { useI18n } from '../../i18n';
import { Unavailable } from '../../ui/components';

export function DashboardScreen() {
  const { t } = useI18n();
  return (
    <section>
      <div className="screen-head">
        <h1>{t('Dasbor', 'Dashboard')}</h1>
      </div>
      <Unavailable what={t('Laporan cakupan', 'The coverage report')} />
    </section>
  );
}
