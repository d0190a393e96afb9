// Reads a district's programme for export and applies another district's programme, in one
// transaction with its audit entry. Records are matched on their codes: applying the same file
// twice changes nothing.
import type { Kysely } from 'kysely';
import { PROGRAMME_FORMAT, PROGRAMME_VERSION, type ProgrammeFile, type ProgrammeImportResult, programmeSettingsSchema } from '../contract/programme';
import { audit } from './audit';
import { SPECIALTY, listEntities } from './entities';
import type { Database } from './schema';
import { getSettings, updateSettings } from './settings.repository';
import { inTransaction } from './tx';
import { toTopic } from './visit-log.repository';

export async function readProgramme(db: Kysely<Database>, now: Date): Promise<ProgrammeFile> {
  // The schema leaves out the district's own settings (letterhead, people, zone).
  const settings = programmeSettingsSchema.parse(await getSettings(db));
  const specialties = await listEntities(db, SPECIALTY);
  const requirements = await db
    .selectFrom('programme_requirement')
    .innerJoin('specialty', 'specialty.id', 'programme_requirement.specialty_id')
    .select(['specialty.code as specialty', 'programme_requirement.visits_per_month as visitsPerMonth'])
    .orderBy('specialty.id')
    .execute();
  const topics = (await db.selectFrom('topic').selectAll().orderBy('id').execute()).map(toTopic);
  return {
    format: PROGRAMME_FORMAT,
    version: PROGRAMME_VERSION,
    exportedAt: now.toISOString(),
    settings,
    specialties: specialties.map(({ code, name, title, color, aliases, visitMinutes, active }) => ({ code, name, title, color, aliases, visitMinutes, active })),
    requirements,
    topics: topics.map(({ code, nameId, nameEn, specialtyCode, programme, required, active }) => ({ code, nameId, nameEn, specialtyCode, programme, required, active })),
  };
}

export async function applyProgramme(db: Kysely<Database>, file: ProgrammeFile, now: Date): Promise<Omit<ProgrammeImportResult, 'backupFile'>> {
  return inTransaction(db, async (trx) => {
    const result = { settings: Object.keys(file.settings), specialties: { created: 0, updated: 0 }, requirements: 0, topics: { created: 0, updated: 0 } };
    await updateSettings(trx, file.settings);

    const ids = new Map<string, number>();
    for (const s of file.specialties) {
      const values = { name: s.name, title: s.title, color: s.color, aliases: JSON.stringify(s.aliases), visit_minutes: s.visitMinutes, active: s.active ? 1 : 0 };
      const existing = await trx.selectFrom('specialty').select('id').where('code', '=', s.code).executeTakeFirst();
      if (existing) {
        await trx.updateTable('specialty').set(values).where('id', '=', existing.id).execute();
        ids.set(s.code, existing.id);
        result.specialties.updated++;
      } else {
        const row = await trx.insertInto('specialty').values({ code: s.code, ...values }).returning('id').executeTakeFirstOrThrow();
        ids.set(s.code, row.id);
        result.specialties.created++;
      }
    }
    for (const r of file.requirements) {
      const specialtyId = ids.get(r.specialty) as number;
      await trx
        .insertInto('programme_requirement')
        .values({ specialty_id: specialtyId, visits_per_month: r.visitsPerMonth })
        .onConflict((oc) => oc.column('specialty_id').doUpdateSet({ visits_per_month: r.visitsPerMonth }))
        .execute();
      result.requirements++;
    }
    for (const t of file.topics) {
      const values = { name_id: t.nameId, name_en: t.nameEn, specialty_code: t.specialtyCode, programme: t.programme, required: t.required ? 1 : 0, active: t.active ? 1 : 0 };
      const existing = await trx.selectFrom('topic').select('id').where('code', '=', t.code).executeTakeFirst();
      if (existing) {
        await trx.updateTable('topic').set(values).where('id', '=', existing.id).execute();
        result.topics.updated++;
      } else {
        await trx.insertInto('topic').values({ code: t.code, ...values, created_at: now.toISOString() }).execute();
        result.topics.created++;
      }
    }
    await audit(trx, { entity: 'programme', entityId: 'programme', action: 'import', after: result });
    return result;
  });
}
