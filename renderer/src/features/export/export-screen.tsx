import { useI18n } from '../../i18n';
import { Unavailable } from '../../ui/components';

export function ExportScreen() {
  const { t } = useI18n();
  return (
    <section>
      <div className="screen-head">
        <h1>{t('Ekspor', 'Export')}</h1>
      </div>
      <Unavailable what={t('Ekspor jadwal', 'Roster export')} />
    </section>
  );
}
