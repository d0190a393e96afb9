// Everything a roster needs for one month, read once: the visits with names, the puskesmas
// addresses and the specialists' contacts, plus the programme settings (letterhead, zone).
import type { Kysely } from 'kysely';
import { firstDayOfMonth, lastDayOfMonth } from '../domain/dates';
import type { Settings } from '../domain/settings';
import type { VisitView } from '../domain/types';
import type { Database } from '../db/schema';
import { getSettings } from '../db/settings.repository';
import { listVisitViews } from '../db/visits.repository';

export interface RosterVisit extends VisitView {
  puskesmasAddress: string;
  specialtyTitle: string;
  specialistPhone: string;
  specialistEmail: string;
  /** How the specialist stands to this puskesmas: its adopter, its backup, or a stand-in. */
  adoptionRole: 'primary' | 'backup' | 'none';
}

export interface RosterData {
  month: string;
  settings: Settings;
  /** Ordered by date, time, puskesmas; cancelled visits included (calendars need them). */
  visits: RosterVisit[];
}

export interface RosterFilter {
  specialistId?: number | undefined;
  puskesmasId?: number | undefined;
}

export async function loadRoster(db: Kysely<Database>, month: string, filter: RosterFilter = {}): Promise<RosterData> {
  const settings = await getSettings(db);
  const views = await listVisitViews(db, {
    from: firstDayOfMonth(month),
    to: lastDayOfMonth(month),
    specialistId: filter.specialistId,
    puskesmasId: filter.puskesmasId,
  });
  const puskesmasIds = [...new Set(views.map((v) => v.puskesmasId))];
  const specialistIds = [...new Set(views.map((v) => v.specialistId))];
  const puskesmas = puskesmasIds.length
    ? await db.selectFrom('puskesmas').select(['id', 'address']).where('id', 'in', puskesmasIds).execute()
    : [];
  const specialists = specialistIds.length
    ? await db
        .selectFrom('specialist')
        .innerJoin('specialty', 'specialty.id', 'specialist.specialty_id')
        .select(['specialist.id', 'specialist.phone', 'specialist.email', 'specialty.title'])
        .where('specialist.id', 'in', specialistIds)
        .execute()
    : [];
  const adoptions = specialistIds.length
    ? await db.selectFrom('adoption').select(['specialist_id', 'puskesmas_id', 'role']).where('specialist_id', 'in', specialistIds).execute()
    : [];
  const roleOf = new Map(adoptions.map((a) => [`${a.specialist_id}:${a.puskesmas_id}`, a.role]));
  const addressOf = new Map(puskesmas.map((p) => [p.id, p.address]));
  const contactOf = new Map(specialists.map((s) => [s.id, s]));
  return {
    month,
    settings,
    visits: views.map((v) => ({
      ...v,
      puskesmasAddress: addressOf.get(v.puskesmasId) ?? '',
      specialtyTitle: contactOf.get(v.specialistId)?.title ?? '',
      specialistPhone: contactOf.get(v.specialistId)?.phone ?? '',
      specialistEmail: contactOf.get(v.specialistId)?.email ?? '',
      adoptionRole: roleOf.get(`${v.specialistId}:${v.puskesmasId}`) ?? 'none',
    })),
  };
}

/** Visits that belong on a printed roster or in a message: everything but cancellations. */
export function activeVisits<T extends { status: string }>(visits: T[]): T[] {
  return visits.filter((v) => v.status !== 'cancelled');
}
