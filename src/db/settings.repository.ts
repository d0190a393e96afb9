import type { Kysely } from 'kysely';
import { AsuhanError } from '../contract/errors';
import { readSettings, settingsSchema, type RuleWeights, type Settings } from '../domain/settings';
import { provinceTimeZone, zoneAbbreviation } from '../domain/zones';
import { audit } from './audit';
import { inTransaction } from './tx';
import type { Database } from './schema';
import { requireVersion, type VersionedRecord } from './versions';

const KEY = 'programme';

export async function getSettings(db: Kysely<Database>): Promise<Settings> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', KEY).executeTakeFirst();
  return readSettings(row ? JSON.parse(row.value) : {});
}

/** The programme settings' version (migration 0009); 1 while the row was never written. */
export async function settingsVersion(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('setting').select('version').where('key', '=', KEY).executeTakeFirst();
  return row?.version ?? 1;
}

const SETTINGS_RECORD: VersionedRecord = { entities: ['setting'], id: KEY, labelId: 'Pengaturan program', labelEn: 'Programme settings', subject: { id: 'Pengaturan program', en: 'The programme settings were' } };

export type SettingsChanges = Partial<Omit<Settings, 'weights'>> & { weights?: Partial<RuleWeights> | undefined };

/** `read`: the settings' version the caller read (left out: the current one); a stale one is refused with CONFLICT. */
export async function updateSettings(db: Kysely<Database>, changes: SettingsChanges, read?: number): Promise<Settings> {
  return inTransaction(db, async (trx) => {
    const version = await settingsVersion(trx);
    await requireVersion(trx, SETTINGS_RECORD, read, version);
    const before = await getSettings(trx);
    // A new province brings its zone unless the same change names the zone too.
    const zoneOfProvince = changes.province ? provinceTimeZone(changes.province) : undefined;
    const zone = changes.timeZone === undefined && zoneOfProvince ? { timeZone: zoneOfProvince } : {};
    const after = settingsSchema.parse({ ...before, ...changes, ...zone, weights: { ...before.weights, ...(changes.weights ?? {}) } });
    checkZoneOfProvince(after);
    // Changing nothing writes nothing: no row rewritten, no audit entry (a rerun of the demo stays a no-op).
    if (JSON.stringify(after) === JSON.stringify(before)) return after;
    // A first write counts as a change of the never-written version 1, so a stale first edit is refused too.
    await trx
      .insertInto('setting')
      .values({ key: KEY, value: JSON.stringify(after), version: version + 1 })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(after), version: version + 1 }))
      .execute();
    // The logo is large and says little in an audit trail.
    const { logoDataUrl: _b, ...beforeLog } = before;
    const { logoDataUrl: _a, ...afterLog } = after;
    await audit(trx, { entity: 'setting', entityId: KEY, action: 'update', before: beforeLog, after: afterLog });
    return after;
  });
}

function checkZoneOfProvince(settings: Settings): void {
  const expected = provinceTimeZone(settings.province);
  if (!expected || zoneAbbreviation(expected) === zoneAbbreviation(settings.timeZone)) return;
  const zone = `${zoneAbbreviation(expected)} (${expected})`;
  throw new AsuhanError(
    'VALIDATION',
    `Zona waktu: provinsi ${settings.province} memakai ${zone}, bukan ${settings.timeZone}.`,
    `Time zone: the province of ${settings.province} uses ${zone}, not ${settings.timeZone}.`,
    [{ path: 'timeZone', message: `Zona waktu: provinsi ${settings.province} memakai ${zone}`, messageEn: `Time zone: ${settings.province} uses ${zone}` }],
  );
}
