// Adopsi at a glance: each puskesmas against each specialty, with its adopted specialists
// (primary in bold, backups after). Empty cells are the gaps the scheduler cannot fill.
import { useMemo, useState } from 'react';
import { call } from '../../api';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ErrorBanner, Loading, Swatch } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { MoreRows, usePaged } from '../../ui/long-list';

export function AdoptionMatrix() {
  const { t } = useI18n();
  const ref = useRefData();
  const [search, setSearch] = useState('');
  const loaded = useLoad(() => call('adoptions:list', {}), []);
  const specialties = ref.specialties.filter((s) => s.active);
  const cells = useMemo(() => {
    const map = new Map<string, { name: string; primary: boolean }[]>();
    for (const adoption of loaded.data ?? []) {
      const specialist = ref.specialistById.get(adoption.specialistId);
      if (!specialist?.active) continue;
      const key = `${adoption.puskesmasId}:${specialist.specialtyId}`;
      map.set(key, [...(map.get(key) ?? []), { name: specialist.name, primary: adoption.role === 'primary' }].sort((a, b) => Number(b.primary) - Number(a.primary)));
    }
    return map;
  }, [loaded.data, ref]);
  const needle = search.trim().toLocaleLowerCase('id');
  const rows = useMemo(() => ref.puskesmas.filter((p) => p.active && (!needle || `${p.name} ${p.kecamatan}`.toLocaleLowerCase('id').includes(needle))), [ref.puskesmas, needle]);
  const paged = usePaged(rows);
  if (loaded.error) return <ErrorBanner error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  const gaps = rows.reduce((sum, p) => sum + specialties.filter((s) => !cells.has(`${p.id}:${s.id}`)).length, 0);
  return (
    <div>
      <div className="screen-head">
        <input type="search" placeholder={t('Cari puskesmas…', 'Search puskesmas…')} aria-label={t('Cari puskesmas', 'Search puskesmas')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 280 }} />
        <span className={gaps ? 'badge badge-danger' : 'badge badge-ok'}>{t(`${gaps} sel tanpa dokter`, `${gaps} cells without a specialist`)}</span>
      </div>
      <div className="table-wrap" tabIndex={0}>
        <table className="data matrix" data-testid="adoption-matrix">
          <thead>
            <tr>
              <th>Puskesmas</th>
              {specialties.map((s) => (
                <th key={s.id}>
                  <Swatch color={s.color} />
                  {s.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {paged.shown.map((p) => (
              <tr key={p.id}>
                <td>
                  <strong>{p.name}</strong>
                  <div className="muted small">Kec. {p.kecamatan}</div>
                </td>
                {specialties.map((s) => {
                  const adopted = cells.get(`${p.id}:${s.id}`);
                  return (
                    <td key={s.id} className={adopted ? undefined : 'matrix-gap'}>
                      {adopted
                        ? adopted.map((a) => (
                            <div key={a.name} className={a.primary ? undefined : 'muted small'}>
                              {a.primary ? a.name : `${t('cadangan', 'backup')}: ${a.name}`}
                            </div>
                          ))
                        : t('— belum ada', '— none')}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <MoreRows paged={paged} noun={['puskesmas', 'puskesmas']} />
      </div>
    </div>
  );
}
