// Every change is recorded: what, before, after, when, and who. Called inside the same
// transaction as the change, so the log and the data never disagree. The actor is the signed-in
// user of the call being served (runAsActor, set by the dispatcher), else 'koordinator'.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely, Transaction } from 'kysely';
import type { AuditLogTable, Database } from './schema';

export const DEFAULT_ACTOR = 'koordinator';

const actors = new AsyncLocalStorage<string>();

/** Runs `work` with `actor` as the audit log's actor for everything it records. */
export function runAsActor<T>(actor: string, work: () => Promise<T>): Promise<T> {
  return actors.run(actor, work);
}

export function currentActor(): string {
  return actors.getStore() ?? DEFAULT_ACTOR;
}

export async function audit(
  trx: Kysely<Database> | Transaction<Database>,
  entry: { entity: string; entityId: number | string; action: AuditLogTable['action']; before?: unknown; after?: unknown; actor?: string },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor: entry.actor ?? currentActor(),
      entity: entry.entity,
      entity_id: String(entry.entityId),
      action: entry.action,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
