// "Would planning this month again change anything?" A plan is computed from the scheduler's
// input for the month (problemFromDatabase: master data, leave, holidays, the month's visits,
// what calendars were sent). Its digest is recorded in the audit log when a plan is saved; while
// the input's digest is still the same, nothing the planner reads has changed since.
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { audit } from '../db/audit';
import type { Database } from '../db/schema';
import { problemFromDatabase } from '../scheduler/from-database';

const ENTITY = 'plan-input';

export async function planInputDigest(db: Kysely<Database>, month: string): Promise<string> {
  const problem = await problemFromDatabase(db, [month], { mode: 'replan' });
  return createHash('sha256').update(JSON.stringify(problem)).digest('hex');
}

/** Records the month's input as it stands now, after plan `planId` was saved (and sent). */
export async function recordPlanInput(db: Kysely<Database>, month: string, planId: number): Promise<void> {
  const digest = await planInputDigest(db, month);
  await audit(db, { entity: ENTITY, entityId: planId, action: 'plan', after: { month, digest } });
}

/** The saved plan whose input is unchanged since it was recorded, or null when anything changed. */
export async function unchangedPlan(db: Kysely<Database>, month: string): Promise<number | null> {
  const entries = await db.selectFrom('audit_log').select(['entity_id', 'after']).where('entity', '=', ENTITY).orderBy('id', 'desc').limit(50).execute();
  const last = entries.map((e) => ({ planId: Number(e.entity_id), ...(JSON.parse(e.after ?? '{}') as { month?: string; digest?: string }) })).find((e) => e.month === month);
  if (!last?.digest) return null;
  const plan = await db.selectFrom('plan').select('status').where('id', '=', last.planId).executeTakeFirst();
  if (plan?.status !== 'saved') return null;
  return (await planInputDigest(db, month)) === last.digest ? last.planId : null;
}
