// Every change is recorded: what, before, after, when. Called inside the same transaction
// as the change, so the log and the data never disagree.
import type { Kysely, Transaction } from 'kysely';
import type { AuditLogTable, Database } from './schema';

export async function audit(
  trx: Kysely<Database> | Transaction<Database>,
  entry: { entity: string; entityId: number | string; action: AuditLogTable['action']; before?: unknown; after?: unknown; actor?: string },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      actor: entry.actor ?? 'koordinator',
      entity: entry.entity,
      entity_id: String(entry.entityId),
      action: entry.action,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}
