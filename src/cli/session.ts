// Opens the database for one CLI command (the server's when a URL is given, else the file) and always closes it.
import { createApi, type Api } from '../app/api';
import { createContext, type AppContext } from '../app/context';
import { openAnyDatabase, type OpenOptions } from '../db/connect';
import { serverBackupDirFor } from '../db/server-backup';
import type { SolverThread } from '../scheduler/worker';
import type { CliIo, GlobalFlags } from './command';

/** `solver`: the thread plans:run solves on (serve); without it, AppContext's default. */
export async function withApi<T>(flags: GlobalFlags, io: CliIo, run: (api: Api, ctx: AppContext) => Promise<T>, { solver, ...options }: OpenOptions & { solver?: SolverThread } = {}): Promise<T> {
  const url = flags.databaseUrl;
  // A server's dumps go where this command's environment says (ASUHAN_BACKUP_DIR), as every other setting does.
  const db = await openAnyDatabase({ file: flags.db, url }, url ? { backupDir: serverBackupDirFor(url, io.env), ...options } : options);
  try {
    const ctx = createContext(db, io.now, solver);
    return await run(createApi(ctx), ctx);
  } finally {
    await db.close();
  }
}
