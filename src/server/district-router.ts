// Many districts behind one server (issue 15, point 2): each call runs in one district, the one
// its X-Asuhan-District header names or else the caller's first, and only in a district the
// caller was given (admins: all). Each district has its own database handle (on PostgreSQL a
// small pool bound to its schema) and its own API, opened on first use and kept while the server runs.
// Accounts and the register of districts live in the server's first district.
import { createApi, type Api } from '../app/api';
import type { Caller } from '../app/caller';
import { createContext, type ProvinceAccess } from '../app/context';
import { AsuhanError } from '../contract/errors';
import type { AsuhanDb } from '../db/connect';
import type { SolverThread } from '../scheduler/worker';
import { ensureCoreSpecialties } from '../seed/demo';
import { seedHolidays } from '../seed/holidays';
import { addDistrict, districtsOf, HOME_DISTRICT_ID, listDistrictRecords, type DistrictRecord } from '../db/districts';

/** Served in the first district whatever the header says: users and the register are the server's. */
const SERVER_METHODS = /^(users:|districts:create$)/;

/** Connections of each district but the first (which has its own pool of 10). */
export const DISTRICT_CONNECTIONS = 2;

export const DISTRICT_HEADER = 'x-asuhan-district';

export interface DistrictRouter {
  /** The API that serves `method` for `caller`; refuses (FORBIDDEN) a district not theirs. */
  apiFor(method: string, caller: Caller, requested: string | undefined): Promise<Api>;
  /** Calendar feed by token, whichever district made it. */
  feed(token: string, byDistrict: (db: AsuhanDb) => Promise<string | null>): Promise<string | null>;
  /** Closes every district's handle but the first (its owner closes it). */
  close(): Promise<void>;
}

export interface DistrictRouterOptions {
  home: AsuhanDb;
  /** The API of one district, given its database and its view of the others. */
  makeApi(db: AsuhanDb, province: ProvinceAccess): Api;
  /** Opens (and migrates) a further district's schema on the same server. */
  openSchema(schema: string): Promise<AsuhanDb>;
}

function notYours(requested: number): AsuhanError {
  return new AsuhanError(
    'FORBIDDEN',
    `Tidak diizinkan: Anda tidak diberi akses ke kabupaten/kota nomor ${requested}; tidak ada yang berubah.`,
    `Not allowed: you were not given district number ${requested}; nothing was changed.`,
  );
}

const NO_DISTRICT = () =>
  new AsuhanError('FORBIDDEN', 'Akun ini belum diberi kabupaten/kota: minta admin menambahkannya (asuhan users grant).', 'This account has no district yet: ask an admin to add one (asuhan users grant).');

export function createDistrictRouter(options: DistrictRouterOptions): DistrictRouter {
  const { home } = options;
  const opened = new Map<number, Promise<{ db: AsuhanDb; api: Api }>>();

  function province(districtId: number): ProvinceAccess {
    return {
      districtId,
      home,
      districts: (caller) => districtsOf(home.kysely, caller),
      open,
      // Made as `asuhan init` makes a database: core specialties and the national holidays, no district yet.
      add: (label) =>
        addDistrict(home, label, async (schema) => {
          const db = await options.openSchema(schema);
          await ensureCoreSpecialties(db.kysely);
          await seedHolidays(db.kysely);
          return db;
        }),
    };
  }

  async function recordOf(districtId: number): Promise<DistrictRecord> {
    const record = (await listDistrictRecords(home.kysely)).find((d) => d.id === districtId);
    if (!record) throw new AsuhanError('NOT_FOUND', `Kabupaten/kota nomor ${districtId} tidak ada.`, `District number ${districtId} does not exist.`);
    return record;
  }

  function open(districtId: number): Promise<{ db: AsuhanDb; api: Api }> {
    let handle = opened.get(districtId);
    if (!handle) {
      handle = (async () => {
        const db = districtId === HOME_DISTRICT_ID ? home : await options.openSchema((await recordOf(districtId)).schemaName);
        return { db, api: options.makeApi(db, province(districtId)) };
      })();
      // A failed open is tried again on the next call, not remembered.
      handle.catch(() => opened.delete(districtId));
      opened.set(districtId, handle);
    }
    return handle;
  }

  return {
    async apiFor(method, caller, requested) {
      if (SERVER_METHODS.test(method)) return (await open(HOME_DISTRICT_ID)).api;
      const mine = await districtsOf(home.kysely, caller);
      if (requested === undefined || requested === '') {
        const first = mine[0];
        if (!first) throw NO_DISTRICT();
        return (await open(first.id)).api;
      }
      const id = Number(requested);
      const allowed = Number.isInteger(id) && mine.some((d) => d.id === id);
      // The list itself answers from the first district when the one remembered is no longer
      // theirs, so a screen can tell (no row is `current`) and choose again.
      if (!allowed && method === 'districts:list' && mine[0]) return (await open(mine[0].id)).api;
      if (!Number.isInteger(id) || id < 1) throw new AsuhanError('VALIDATION', 'Nomor kabupaten/kota tidak sah.', 'Not a valid district number.');
      if (!allowed) throw notYours(id);
      return (await open(id)).api;
    },
    async feed(token, byDistrict) {
      for (const record of await listDistrictRecords(home.kysely)) {
        const text = await byDistrict((await open(record.id)).db);
        if (text !== null) return text;
      }
      return null;
    },
    async close() {
      const handles = await Promise.allSettled(opened.values());
      opened.clear();
      for (const handle of handles) if (handle.status === 'fulfilled' && handle.value.db !== home) await handle.value.db.close();
    },
  };
}

/** The router `asuhan serve` uses: every district's API solves on the server's thread. */
export function serverDistrictRouter(home: AsuhanDb, now: () => Date, solver?: SolverThread, options: { districtConnections?: number } = {}): DistrictRouter {
  return createDistrictRouter({
    home,
    makeApi: (db, province) => createApi(createContext(db, now, solver, province)),
    async openSchema(schema) {
      if (home.engine !== 'postgres') throw new Error('districts in schemas need PostgreSQL');
      const { openPostgresDatabase } = await import('../db/postgres');
      // Each district keeps its own connections (a connection bound to one schema keeps that
      // schema's catalogue cached; one pool lending connections across schemas measured several
      // times slower), two each: 38 districts and the first district's 10 stay within 86 of
      // PostgreSQL's default 100.
      return openPostgresDatabase(home.url, { schema, maxConnections: options.districtConnections ?? DISTRICT_CONNECTIONS, idleMillis: 10_000, backupDir: home.backupDir });
    },
  });
}
