import type { Api } from '../app/api';
import { createApi } from '../app/api';
import { createContext, type AppContext } from '../app/context';
import { AsuhanError } from '../contract/errors';
import { openAnyDatabase, type AsuhanDb, type OpenOptions } from '../db/connect';
import { HOME_DISTRICT_ID, listDistrictRecords } from '../db/districts';
import { serverBackupDirFor } from '../db/server-backup';
import type { SolverThread } from '../scheduler/worker';
import type { CliIo, GlobalFlags } from './command';

/** `solver`: the thread plans:run solves on (serve); without it, AppContext's default. */
export async function withApi<T>(flags: GlobalFlags, io: CliIo, run: (api: Api, ctx: AppContext) => Promise<T>, { solver, ...options }: OpenOptions & { solver?: SolverThread } = {}): Promise<T> {
  const url = flags.databaseUrl;
  // A server's dumps go where this command's environment says (ASUHAN_BACKUP_DIR), as every other setting does.
  const home = await openAnyDatabase({ file: flags.db, url }, url ? { backupDir: serverBackupDirFor(url, io.env), ...options } : options);
  let db: AsuhanDb = home;
  try {
    if (flags.district !== undefined && flags.district !== HOME_DISTRICT_ID) db = await openDistrict(home, flags.district);
    const ctx = createContext(db, io.now, solver);
    return await run(createApi(ctx), ctx);
  } finally {
    if (db !== home) await db.close();
    await home.close();
  }
}

/** A further district of a PostgreSQL server (--district N): its own schema, migrated as the first. */
export async function openDistrict(home: AsuhanDb, districtId: number): Promise<AsuhanDb> {
  const record = (await listDistrictRecords(home.kysely)).find((d) => d.id === districtId);
  if (!record || home.engine !== 'postgres') {
    throw new AsuhanError('NOT_FOUND', `Kabupaten/kota nomor ${districtId} tidak ada di database ini (lihat "asuhan districts list").`, `There is no district number ${districtId} in this database (see "asuhan districts list").`);
  }
  const { openPostgresDatabase } = await import('../db/postgres');
  return openPostgresDatabase(home.url, { schema: record.schemaName, backupDir: home.backupDir });
}
