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

export function DistrictsProvider({ children }: { children: ReactNode }) {
  const loaded = useLoad(() => call('districts:list', {}), []);
  const list = loaded.data ?? [];
  const current = list.find((d) => d.current);
  useEffect(() => {
    // The district remembered in this browser is no longer this user's: forget it, start again.
    const chosen = chosenDistrict();
    if (chosen !== null && current && current.id !== chosen) chooseDistrict(null);
  }, [current]);
  return <DistrictsContext.Provider value={list}>{children}</DistrictsContext.Provider>;
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
      <select value={current?.id ?? ''} onChange={(e) => chooseDistrict(Number(e.target.value))}>
        {districts.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name} ({zoneAbbreviation(d.timeZone)})
          </option>
        ))}
      </select>
    </label>
  );
}
