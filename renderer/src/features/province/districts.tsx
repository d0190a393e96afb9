// On a server with several districts (issue 15, point 2): which districts this user may open,
// the one this window works in, and the switch between them. A PC's file has one district and
// shows none of this.
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import type { DistrictSummary } from '../../../../src/contract/districts';
import { call, chooseDistrict, chosenDistrict } from '../../api';
import { useI18n } from '../../i18n';
import { useLoad } from '../../ui/hooks';
import { zoneAbbreviation } from '../../../../src/domain/zones';

const DistrictsContext = createContext<DistrictSummary[]>([]);

/** Every district the user may open (one on a PC); the served one has `current`. */
export function useDistricts(): DistrictSummary[] {
  return useContext(DistrictsContext);
}

/**
 * Loads the districts before the screens: a district remembered in this browser that is no longer
 * this user's is forgotten (and the page starts again in theirs) before any screen asks it for data.
 */
export function DistrictsProvider({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  const loaded = useLoad(() => call('districts:list', {}), []);
  const list = loaded.data;
  const current = list?.find((d) => d.current);
  const chosen = chosenDistrict();
  const stale = chosen !== null && current !== undefined && current.id !== chosen;
  useEffect(() => {
    if (stale) chooseDistrict(null);
  }, [stale]);
  // Without the list (an old server, an error) the screens still open, in the server's choice.
  if ((loaded.loading && !list) || stale) return <>{fallback}</>;
  return <DistrictsContext.Provider value={list ?? []}>{children}</DistrictsContext.Provider>;
}

/** "Kabupaten Lembah Kenari" as "Kab. Lembah Kenari", the usual short form, so it fits the side bar. */
export function shortDistrictName(name: string): string {
  return name.replace(/^Kabupaten\s+/i, 'Kab. ');
}

/** The district switch in the side bar, shown only where there is more than one. */
export function DistrictSwitcher() {
  const { t } = useI18n();
  const districts = useDistricts();
  if (districts.length < 2) return null;
  const current = districts.find((d) => d.current);
  return (
    <label className="district-switch">
      <span className="field-label">{t('Kabupaten/kota', 'District')}</span>
      <select value={current?.id ?? ''} title={current ? `${current.name} (${zoneAbbreviation(current.timeZone)})` : undefined} onChange={(e) => chooseDistrict(Number(e.target.value))}>
        {districts.map((d) => (
          <option key={d.id} value={d.id}>
            {shortDistrictName(d.name)} ({zoneAbbreviation(d.timeZone)})
          </option>
        ))}
      </select>
    </label>
  );
}
