// Master data most screens need for names, colours and filters, loaded once and reloaded after edits.
import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { AppInfo } from '../../src/contract/app';
import type { Settings } from '../../src/domain/settings';
import type { Hospital, Puskesmas, Specialist, Specialty } from '../../src/domain/types';
import { call } from './api';
import { DistrictZoneProvider } from './i18n';
import { useLoad } from './ui/hooks';

export interface RefData {
  info: AppInfo;
  settings: Settings;
  specialties: Specialty[];
  specialists: Specialist[];
  puskesmas: Puskesmas[];
  hospitals: Hospital[];
  specialtyById: Map<number, Specialty>;
  specialistById: Map<number, Specialist>;
  puskesmasById: Map<number, Puskesmas>;
  hospitalById: Map<number, Hospital>;
  reload: () => void;
}

const RefContext = createContext<RefData | null>(null);

const byId = <T extends { id: number }>(list: T[]) => new Map(list.map((item) => [item.id, item]));

export function RefDataProvider({ children, fallback }: { children: ReactNode; fallback: (error?: string) => ReactNode }) {
  const loaded = useLoad(
    async () => {
      const [info, settings, specialties, specialists, puskesmas, hospitals] = await Promise.all([
        call('app:info', {}),
        call('settings:get', {}),
        call('specialties:list', { includeInactive: true }),
        call('specialists:list', { includeInactive: true }),
        call('puskesmas:list', { includeInactive: true }),
        call('hospitals:list', { includeInactive: true }),
      ]);
      return { info, settings, specialties, specialists, puskesmas, hospitals };
    },
    [],
  );
  const value = useMemo<RefData | null>(() => {
    const data = loaded.data;
    if (!data) return null;
    return {
      ...data,
      specialtyById: byId(data.specialties),
      specialistById: byId(data.specialists),
      puskesmasById: byId(data.puskesmas),
      hospitalById: byId(data.hospitals),
      reload: loaded.reload,
    };
  }, [loaded.data, loaded.reload]);
  if (!value) return <>{fallback(loaded.error?.message)}</>;
  return (
    <RefContext.Provider value={value}>
      <DistrictZoneProvider value={value.info.timeZone}>{children}</DistrictZoneProvider>
    </RefContext.Provider>
  );
}

export function useRefData(): RefData {
  const value = useContext(RefContext);
  if (!value) throw new Error('useRefData outside RefDataProvider');
  return value;
}
