import { useI18n } from '../../i18n';
import { Unavailable } from '../../ui/components';

export function VisitLogScreen() {
  const { t } = useI18n();
  return (
    <section>
      <div className="screen-head">
        <h1>{t('Catatan kunjungan', 'Visit log')}</h1>
      </div>
      <Unavailable what={t('Catatan kunjungan', 'The visit log')} />
    </section>
  );
}
