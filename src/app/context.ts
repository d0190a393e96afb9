// What every handler gets: the open database and injectable time, so tests can fix "today".
import type { AsuhanDb } from '../db/connect';

export interface AppContext {
  db: AsuhanDb;
  now: () => Date;
}

export function createContext(db: AsuhanDb, now: () => Date = () => new Date()): AppContext {
  return { db, now };
}
