// Edits that never collide (migration 0009): an update names the version of the record it read
// and is applied only while the record still has it. A stale one is refused with CONFLICT, saying
// who changed the record and when (from the audit log, written in the same transaction as that
// change), and writes nothing: the caller's transaction rolls back.
import { sql, type Kysely, type Transaction } from 'kysely';
import { staleConflict, type AsuhanError } from '../contract/errors';
import { formatInstant } from '../domain/format-id';
import type { Database } from './schema';
import { getSettings } from './settings.repository';

type Db = Kysely<Database> | Transaction<Database>;

/** What a conflict names: the record as the coordinator calls it ("Kunjungan", "Puskesmas"). */
export interface VersionedRecord {
  /** The audit log's entity names for changes to it (a visit's log counts as a change to the visit). */
  entities: string[];
  id: number | string;
  labelId: string;
  labelEn: string;
  /** How the message names it, where "<label> ini" / "This <label> was" does not fit. */
  subject?: { id: string; en: string };
}

/** The last change recorded for the record, or undefined when the audit log has none. */
export async function lastChange(db: Db, record: VersionedRecord): Promise<{ actor: string; at: string } | undefined> {
  return db
    .selectFrom('audit_log')
    .select(['actor', 'at'])
    .where('entity', 'in', record.entities)
    .where('entity_id', '=', String(record.id))
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The CONFLICT a stale edit gets: who changed the record, when (the district's wall clock and zone). */
export async function staleEdit(db: Db, record: VersionedRecord, versions: { read: number; current: number | undefined }): Promise<AsuhanError> {
  if (versions.current === undefined) {
    return staleConflict(
      `${record.labelId} #${record.id} sudah dihapus orang lain; perubahan Anda tidak disimpan.`,
      `${record.labelEn} #${record.id} was deleted by someone else; your change was not saved.`,
    );
  }
  const change = await lastChange(db, record);
  const zone = (await getSettings(db as Kysely<Database>)).timeZone;
  const byId = change ? ` oleh ${change.actor} pada ${formatInstant(change.at, zone, 'id')}` : '';
  const byEn = change ? ` by ${change.actor} on ${formatInstant(change.at, zone, 'en')}` : '';
  return staleConflict(
    `${record.subject?.id ?? `${record.labelId} ini`} sudah diubah${byId} (versi ${versions.current}; Anda membuka versi ${versions.read}). Perubahan Anda tidak disimpan: lihat data terbaru, lalu ubah lagi bila masih perlu.`,
    `${record.subject?.en ?? `This ${record.labelEn.toLowerCase()} was`} changed${byEn} (version ${versions.current}; you opened version ${versions.read}). Your change was not saved: look at the latest, then change it again if still needed.`,
  );
}

/** Refuses the edit when the caller read another version than the record has now. */
export async function requireVersion(db: Db, record: VersionedRecord, read: number | undefined, current: number): Promise<void> {
  if (read !== undefined && read !== current) throw await staleEdit(db, record, { read, current });
}

/**
 * Note for writers that return the row: on SQLite, RETURNING does not see the version trigger's
 * bump (an AFTER trigger there), so an update whose result goes back to a screen sets the version
 * itself (read + 1) rather than leaving it to the trigger.
 *
 * Claims the record for this transaction: bumps its version only if it still is `read`, else
 * refuses (CONFLICT). Later updates in the same transaction bump it again (the trigger), which
 * keeps versions increasing; what matters is that a stale editor can never match.
 */
export async function claimVersion(
  trx: Transaction<Database>,
  table: 'visit',
  record: VersionedRecord,
  read: number,
): Promise<number> {
  const bumped = await (trx as Kysely<any>)
    .updateTable(table)
    .set({ version: sql`version + 1` })
    .where('id', '=', record.id)
    .where('version', '=', read)
    .returning('version')
    .executeTakeFirst();
  if (bumped) return Number(bumped.version);
  const now = await (trx as Kysely<any>).selectFrom(table).select('version').where('id', '=', record.id).executeTakeFirst();
  throw await staleEdit(trx, record, { read, current: now ? Number(now.version) : undefined });
}

/** A visit as a conflict names it; its log's changes count as changes to it. */
export const visitRecord = (id: number): VersionedRecord => ({ entities: ['visit', 'visit_log'], id, labelId: 'Kunjungan', labelEn: 'Visit' });
