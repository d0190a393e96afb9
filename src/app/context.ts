// What every handler gets: the open database, injectable time, so tests can fix "today"
// (by default the app's clock, which honours ASUHAN_TODAY), and who makes the current call. The
// desktop app knows its database is the SQLite file (AppContext<SqliteDb>); the services take either engine.
import type { AsuhanDb } from '../db/connect';
import { now as clockNow } from '../domain/clock';
import type { DistrictRecord } from '../db/districts';
import type { SolverThread } from '../scheduler/worker';
import type { Api } from './api';
import { currentCaller, type Caller } from './caller';

export interface AppContext<D extends AsuhanDb = AsuhanDb> {
  db: D;
  now: () => Date;
  /** The user of the call being served (the local coordinator without accounts); see caller.ts. */
  caller: () => Caller;
  /**
   * Where plans:run solves. A server (`asuhan serve`) gives its own thread, so every solve leaves
   * the event loop free for the other users; without one (the desktop app, the CLI) small
   * problems are solved in place and large ones on the process's shared thread.
   */
  solver?: SolverThread;
  /** On a server with several districts: the others, and which one this context serves (see districts.service.ts). */
  province?: ProvinceAccess;
}

/** A server's districts as one district's handlers see them (src/server/district-router.ts). */
export interface ProvinceAccess {
  /** The district this context serves. */
  districtId: number;
  /** The districts the caller may open (every one for an admin). */
  districts(caller: Caller): Promise<DistrictRecord[]>;
  /** A district's database and API (opened once, kept while the server runs). */
  open(districtId: number): Promise<{ db: AsuhanDb; api: Api }>;
  /** A new empty district (PostgreSQL): its schema, migrated, and its register entry. */
  add(label: string): Promise<DistrictRecord>;
  /** The server's first district, which holds the register and the accounts. */
  home: AsuhanDb;
}

export function createContext<D extends AsuhanDb>(db: D, now: () => Date = clockNow, solver?: SolverThread, province?: ProvinceAccess): AppContext<D> {
  return { db, now, caller: currentCaller, ...(solver ? { solver } : {}), ...(province ? { province } : {}) };
}
