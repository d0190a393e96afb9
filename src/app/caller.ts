// Who is calling: the signed-in user on a shared server, or the PC's own coordinator when there
// are no accounts (the desktop app, the CLI, `asuhan serve` without --accounts). The dispatcher
// runs each call inside runAsCaller, so a handler reads its caller with currentCaller() and the
// audit log names them (src/db/audit.ts) even when two users' calls interleave.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { UserRole } from '../contract/accounts';
import { runAsActor } from '../db/audit';

export interface Caller {
  /** Null for the local coordinator, who has no account row. */
  userId: number | null;
  login: string;
  displayName: string;
  role: UserRole;
  specialistId: number | null;
}

/** Without accounts the PC's user may do everything, and the audit log keeps its old name. */
export const LOCAL_CALLER: Caller = Object.freeze({ userId: null, login: 'koordinator', displayName: 'Koordinator', role: 'admin', specialistId: null });

const storage = new AsyncLocalStorage<Caller>();

export function runAsCaller<T>(caller: Caller, work: () => Promise<T>): Promise<T> {
  return storage.run(caller, () => runAsActor(caller.login, work));
}

export function currentCaller(): Caller {
  return storage.getStore() ?? LOCAL_CALLER;
}
