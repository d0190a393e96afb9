// What every handler gets: the open database and injectable time, so tests can fix "today"
// (by default the app's clock, which honours ASUHAN_TODAY).
import type { AsuhanDb } from '../db/connect';
import { now as clockNow } from '../domain/clock';

export interface AppContext {
  db: AsuhanDb;
  now: () => Date;
}

export function createContext(db: AsuhanDb, now: () => Date = clockNow): AppContext {
  return { db, now };
}
