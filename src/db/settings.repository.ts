import type { Kysely } from 'kysely';
import { readSettings, settingsSchema, type RuleWeights, type Settings } from '../domain/settings';
import { audit } from './audit';
import { inTransaction } from './tx';
import type { Database } from './schema';

const KEY = 'programme';

export async function getSettings(db: Kysely<Database>): Promise<Settings> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', KEY).executeTakeFirst();
  return readSettings(row ? JSON.parse(row.value) : {});
}

export type SettingsChanges = Partial<Omit<Settings, 'weights'>> & { weights?: Partial<RuleWeights> | undefined };

export async function updateSettings(db: Kysely<Database>, changes: SettingsChanges): Promise<Settings> {
  return inTransaction(db, async (trx) => {
    const before = await getSettings(trx);
    const after = settingsSchema.parse({ ...before, ...changes, weights: { ...before.weights, ...(changes.weights ?? {}) } });
    // Changing nothing writes nothing: no row rewritten, no audit entry (a rerun of the demo stays a no-op).
    if (JSON.stringify(after) === JSON.stringify(before)) return after;
    await trx
      .insertInto('setting')
      .values({ key: KEY, value: JSON.stringify(after) })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(after) }))
      .execute();
    // The logo is large and says little in an audit trail.
    const { logoDataUrl: _b, ...beforeLog } = before;
    const { logoDataUrl: _a, ...afterLog } = after;
    await audit(trx, { entity: 'setting', entityId: KEY, action: 'update', before: beforeLog, after: afterLog });
    return after;
  });
}
