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
