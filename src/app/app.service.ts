import type { Handlers } from '../contract/index';
import { LATEST_MIGRATION, databaseLocation, schemaVersionOf } from '../db/connect';
import { getSettings } from '../db/settings.repository';
import { listVisitViews } from '../db/visits.repository';
import { todayIn } from '../domain/dates';
import { missingSettings, SETUP_KEYS } from '../domain/settings';
import { zoneAbbreviation } from '../domain/zones';
import type { AppContext } from './context';
import { countRows } from './master-data.service';
import { APP_VERSION } from './version';

export function appHandlers(ctx: AppContext): Pick<Handlers, 'app:info' | 'visits:list'> {
  return {
    'app:info': async () => {
      const settings = await getSettings(ctx.db.kysely);
      const missing = missingSettings(settings, SETUP_KEYS);
      return {
        version: APP_VERSION,
        databasePath: databaseLocation(ctx.db),
        schemaVersion: (await schemaVersionOf(ctx.db)) ?? LATEST_MIGRATION,
        today: todayIn(settings.timeZone, ctx.now()),
        timeZone: settings.timeZone,
        zone: zoneAbbreviation(settings.timeZone),
        districtName: settings.districtName,
        setup: { needed: missing.length > 0, missing },
        counts: await countRows(ctx),
      };
    },
    'visits:list': async (filter) => listVisitViews(ctx.db.kysely, filter),
  };
}
