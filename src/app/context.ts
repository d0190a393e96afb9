// What every handler gets: the open database, injectable time, so tests can fix "today"
// (by default the app's clock, which honours ASUHAN_TODAY), and who makes the current call.
import type { AsuhanDb } from '../db/connect';
import { now as clockNow } from '../domain/clock';
import { currentCaller, type Caller } from './caller';

export interface AppContext {
  db: AsuhanDb;
  now: () => Date;
  /** The user of the call being served (the local coordinator without accounts); see caller.ts. */
  caller: () => Caller;
}

export function createContext(db: AsuhanDb, now: () => Date = clockNow): AppContext {
  return { db, now, caller: currentCaller };
}
