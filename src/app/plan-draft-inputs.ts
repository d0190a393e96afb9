// What a drafted plan read besides the month's visits, at the versions it read them (migration
// 0009): the programme settings, specialties, specialists, puskesmas, adoptions, and the leave and
// holidays of the month. plans:apply compares them again and names what changed since, so a plan
// is saved only on the data it was made from. (Requirements carry no version: the re-check of
// the hard rules at apply judges them.)
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema';
import { settingsVersion } from '../db/settings.repository';
import { formatDate } from '../domain/format-id';
import { firstDayOfMonth, lastDayOfMonth } from '../domain/dates';

type Db = Kysely<Database> | Transaction<Database>;

export type InputKind = 'setting' | 'specialty' | 'specialist' | 'puskesmas' | 'adoption' | 'unavailability' | 'holiday';

/** Per kind, each record's id and the version read. */
export type DraftInputs = Partial<Record<InputKind, Record<string, number>>>;

/** One input added, changed or removed since the draft, named as the coordinator knows it. */
export interface ChangedInput {
  kind: InputKind;
  id: string;
  change: 'added' | 'changed' | 'removed';
  /** "Dokter spesialis dr. Rina", "Cuti dr. Rina 3–5 Maret 2026"; null when the record is gone. */
  nameId: string | null;
  nameEn: string | null;
}

const versions = (rows: { id: number; version: number }[]) => Object.fromEntries(rows.map((r) => [String(r.id), r.version]));

export async function readDraftInputs(db: Db, month: string): Promise<DraftInputs> {
  const k = db as Kysely<Database>;
  const [first, last] = [firstDayOfMonth(month), lastDayOfMonth(month)];
  return {
    setting: { programme: await settingsVersion(k) },
    specialty: versions(await k.selectFrom('specialty').select(['id', 'version']).execute()),
    specialist: versions(await k.selectFrom('specialist').select(['id', 'version']).execute()),
    puskesmas: versions(await k.selectFrom('puskesmas').select(['id', 'version']).execute()),
    adoption: versions(await k.selectFrom('adoption').select(['id', 'version']).execute()),
    unavailability: versions(await k.selectFrom('unavailability').select(['id', 'version']).where('end_date', '>=', first).where('start_date', '<=', last).execute()),
    holiday: versions(await k.selectFrom('holiday').select(['id', 'version']).where('date', '>=', first).where('date', '<=', last).execute()),
  };
}

/** The inputs whose versions differ from the draft's, named (the first `named` of them). */
export async function changedInputs(db: Db, read: DraftInputs, now: DraftInputs, named: number): Promise<{ changes: ChangedInput[]; count: number }> {
  const found: Omit<ChangedInput, 'nameId' | 'nameEn'>[] = [];
  for (const kind of Object.keys(now) as InputKind[]) {
    const before = read[kind];
    if (!before) continue; // a kind the draft did not record
    const after = now[kind] ?? {};
    for (const [id, version] of Object.entries(after)) {
      if (before[id] === undefined) found.push({ kind, id, change: 'added' });
      else if (before[id] !== version) found.push({ kind, id, change: 'changed' });
    }
    for (const id of Object.keys(before)) if (after[id] === undefined) found.push({ kind, id, change: 'removed' });
  }
  const changes = await Promise.all(found.slice(0, named).map(async (c) => ({ ...c, ...(await nameOf(db as Kysely<Database>, c.kind, c.id)) })));
  return { changes, count: found.length };
}

async function nameOf(db: Kysely<Database>, kind: InputKind, id: string): Promise<{ nameId: string | null; nameEn: string | null }> {
  const n = Number(id);
  const both = (nameId: string, nameEn: string) => ({ nameId, nameEn });
  switch (kind) {
    case 'setting':
      return both('Pengaturan program', 'The programme settings');
    case 'specialty': {
      const r = await db.selectFrom('specialty').select('name').where('id', '=', n).executeTakeFirst();
      return r ? both(`Spesialisasi ${r.name}`, `Specialty ${r.name}`) : { nameId: null, nameEn: null };
    }
    case 'specialist': {
      const r = await db.selectFrom('specialist').select('name').where('id', '=', n).executeTakeFirst();
      return r ? both(`Dokter spesialis ${r.name}`, `Specialist ${r.name}`) : { nameId: null, nameEn: null };
    }
    case 'puskesmas': {
      const r = await db.selectFrom('puskesmas').select('name').where('id', '=', n).executeTakeFirst();
      return r ? both(r.name, r.name) : { nameId: null, nameEn: null };
    }
    case 'adoption': {
      const r = await db
        .selectFrom('adoption')
        .innerJoin('specialist', 'specialist.id', 'adoption.specialist_id')
        .innerJoin('puskesmas', 'puskesmas.id', 'adoption.puskesmas_id')
        .select(['specialist.name as specialist', 'puskesmas.name as puskesmas'])
        .where('adoption.id', '=', n)
        .executeTakeFirst();
      return r ? both(`Adopsi ${r.puskesmas} oleh ${r.specialist}`, `The adoption of ${r.puskesmas} by ${r.specialist}`) : { nameId: null, nameEn: null };
    }
    case 'unavailability': {
      const r = await db
        .selectFrom('unavailability')
        .innerJoin('specialist', 'specialist.id', 'unavailability.specialist_id')
        .select(['specialist.name as specialist', 'start_date', 'end_date'])
        .where('unavailability.id', '=', n)
        .executeTakeFirst();
      if (!r) return { nameId: null, nameEn: null };
      // "25–26 Maret 2026" within a month, else both dates in full.
      const days = (language: 'id' | 'en') =>
        r.start_date === r.end_date
          ? formatDate(r.start_date, language)
          : r.start_date.slice(0, 7) === r.end_date.slice(0, 7)
            ? `${Number(r.start_date.slice(8))}–${formatDate(r.end_date, language)}`
            : `${formatDate(r.start_date, language)}–${formatDate(r.end_date, language)}`;
      return both(`Cuti/tugas ${r.specialist} ${days('id')}`, `Leave/duty of ${r.specialist} ${days('en')}`);
    }
    case 'holiday': {
      const r = await db.selectFrom('holiday').select(['name', 'date']).where('id', '=', n).executeTakeFirst();
      return r ? both(`Hari libur ${r.name} (${formatDate(r.date)})`, `Holiday ${r.name} (${formatDate(r.date, 'en')})`) : { nameId: null, nameEn: null };
    }
  }
}
