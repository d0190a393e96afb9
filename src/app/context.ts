// What every handler gets: the open database, injectable time, so tests can fix "today"
// (by default the app's clock, which honours ASUHAN_TODAY), and who makes the current call. The
// desktop app knows its database is the SQLite file (AppContext<SqliteDb>); the services take either engine.
import type { AsuhanDb } from '../db/connect';
import { now as clockNow } from '../domain/clock';
import type { SolverThread } from '../scheduler/worker';
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
}

export function createContext<D extends AsuhanDb>(db: D, now: () => Date = clockNow, solver?: SolverThread): AppContext<D> {
  return { db, now, caller: currentCaller, ...(solver ? { solver } : {}) };
}
