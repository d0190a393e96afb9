// What every handler gets: the open database and injectable time, so tests can fix "today"
// (by default the app's clock, which honours ASUHAN_TODAY). The desktop app knows its database is
// the SQLite file (AppContext<SqliteDb>); the services take either engine.
import type { AsuhanDb } from '../db/connect';
import { now as clockNow } from '../domain/clock';

export interface AppContext<D extends AsuhanDb = AsuhanDb> {
  db: D;
  now: () => Date;
}

export function createContext<D extends AsuhanDb>(db: D, now: () => Date = clockNow): AppContext<D> {
  return { db, now };
}
