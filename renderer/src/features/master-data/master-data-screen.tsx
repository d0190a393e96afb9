// Data master: one tab per kind of record.
import { useMemo, useState } from 'react';
import { useI18n } from '../../i18n';
import { AdoptionMatrix } from './adoption-matrix';
import { BackupsPanel } from './backups-panel';
import { EntityTable } from './entity-table';
import { DistrictMap } from '../dashboard/district-map';
import { SettingsPanel } from './settings-panel';
import { FeedsPanel } from './feeds-panel';
import { useCanWrite, useSession } from '../../session';
import { UsersPanel } from './users-panel';
import { adoptionsConfig, holidaysConfig, hospitalsConfig, leaveConfig, puskesmasConfig, specialistsConfig } from './entities';

type Tab = 'specialists' | 'puskesmas' | 'hospitals' | 'adoptions' | 'map' | 'leave' | 'holidays' | 'settings' | 'backups' | 'feeds' | 'users';

export function MasterDataScreen() {
  const { t, lang, date, longDate } = useI18n();
  const canWrite = useCanWrite();
  const session = useSession();
  const [tab, setTab] = useState<Tab>('specialists');
  const [adoptionView, setAdoptionView] = useState<'list' | 'matrix'>('list');
  const leave = useMemo(() => leaveConfig(date), [date]);
  const holidays = useMemo(() => holidaysConfig(longDate), [longDate]);
  const tabs: { id: Tab; title: [string, string] }[] = [
    { id: 'specialists', title: specialistsConfig.title },
    { id: 'puskesmas', title: puskesmasConfig.title },
    { id: 'hospitals', title: hospitalsConfig.title },
    { id: 'adoptions', title: adoptionsConfig.title },
    { id: 'map', title: ['Peta', 'Map'] },
    { id: 'leave', title: leave.title },
    { id: 'holidays', title: holidays.title },
    { id: 'settings', title: ['Pengaturan', 'Settings'] },
    { id: 'backups', title: ['Cadangan', 'Backups'] },
    // Each link opens a roster to whoever holds it: a coordinator's to hand out.
    ...(canWrite ? [{ id: 'feeds' as const, title: ['Kalender langganan', 'Calendar links'] as [string, string] }] : []),
    // Accounts exist only on a shared server, and only an admin manages them.
    ...(session.accountsRequired && session.user?.role === 'admin' ? [{ id: 'users' as const, title: ['Pengguna', 'Users'] as [string, string] }] : []),
  ];
  return (
    <section aria-labelledby="master-title">
      <div className="screen-head">
        <h1 id="master-title">{t('Data master', 'Master data')}</h1>
      </div>
      <div className="tabs" role="tablist">
        {tabs.map((item) => (
          <button key={item.id} type="button" role="tab" aria-selected={tab === item.id} className={tab === item.id ? 'active' : ''} onClick={() => setTab(item.id)}>
            {lang === 'id' ? item.title[0] : item.title[1]}
          </button>
        ))}
      </div>
      <div role="tabpanel">
        {tab === 'specialists' ? <EntityTable key="specialists" config={specialistsConfig} /> : null}
        {tab === 'puskesmas' ? <EntityTable key="puskesmas" config={puskesmasConfig} /> : null}
        {tab === 'hospitals' ? <EntityTable key="hospitals" config={hospitalsConfig} /> : null}
        {tab === 'adoptions' ? (
          <>
            <div className="lang-switch view-switch" role="group" aria-label={t('Tampilan', 'View')}>
              <button type="button" className={adoptionView === 'list' ? 'active' : ''} aria-pressed={adoptionView === 'list'} onClick={() => setAdoptionView('list')}>
                {t('Daftar', 'List')}
              </button>
              <button type="button" className={adoptionView === 'matrix' ? 'active' : ''} aria-pressed={adoptionView === 'matrix'} onClick={() => setAdoptionView('matrix')}>
                {t('Matriks', 'Matrix')}
              </button>
            </div>
            {adoptionView === 'list' ? <EntityTable key="adoptions" config={adoptionsConfig} /> : <AdoptionMatrix />}
          </>
        ) : null}
        {tab === 'map' ? <DistrictMap /> : null}
        {tab === 'leave' ? <EntityTable key="leave" config={leave} /> : null}
        {tab === 'holidays' ? <EntityTable key="holidays" config={holidays} /> : null}
        {tab === 'settings' ? <SettingsPanel /> : null}
        {tab === 'backups' ? <BackupsPanel /> : null}
        {tab === 'feeds' ? <FeedsPanel /> : null}
        {tab === 'users' ? <UsersPanel /> : null}
      </div>
    </section>
  );
}
