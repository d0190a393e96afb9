import { z } from 'zod';
import type { VisitView } from '../domain/types';
import { query } from './define';
import { calendarDate, id } from './fields';

export interface AppInfo {
  version: string;
  databasePath: string;
  schemaVersion: string;
  today: string;
  timeZone: string;
  /** "WIB", "WITA" or "WIT": what every time on screen carries. */
  zone: string;
  districtName: string;
  /** A blank database knows no district: the app opens on the setup screen until these are filled. */
  setup: { needed: boolean; missing: string[] };
  counts: {
    specialties: number;
    hospitals: number;
    specialists: number;
    specialistsBySpecialty: Record<string, number>;
    puskesmas: number;
    adoptions: number;
    holidays: number;
    unavailability: number;
    visits: number;
    /** Counts above are of active records; these were switched off. */
    inactive: { specialties: number; hospitals: number; specialists: number; puskesmas: number; adoptions: number };
  };
}

export const appContract = {
  'app:info': query<AppInfo>()(z.object({}).default({})),
  /** Visits in a date range with the names screens print beside them. */
  'visits:list': query<VisitView[]>()(
    z.object({
      from: calendarDate,
      to: calendarDate,
      specialistId: id.optional(),
      puskesmasId: id.optional(),
      includeCancelled: z.boolean().default(true),
    }),
  ),
};
