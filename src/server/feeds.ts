// Calendar feed links (issue 15): `/feeds/<token>.ics`, where the long random token is the only
// secret, so calendar apps that cannot sign in can subscribe. One link per specialist (their own
// visits) or for the whole district; revoking a link ends it at once. Only the token's hash is
// stored: the address is shown once, when the link is made.
import type { Kysely } from 'kysely';
import type { CalendarFeed, NewCalendarFeed } from '../contract/accounts';
import { AsuhanError, notFound } from '../contract/errors';
import { audit } from '../db/audit';
import type { Database } from '../db/schema';
import { feedCalendar } from '../exports/ics-feed';
import { looksLikeToken, newToken, tokenHash } from './tokens';

export const FEED_PATH = /^\/feeds\/([A-Za-z0-9_-]+)\.ics$/;

export function feedPath(token: string): string {
  return `/feeds/${token}.ics`;
}

function feedQuery(db: Kysely<Database>) {
  return db
    .selectFrom('calendar_feed')
    .leftJoin('specialist', 'specialist.id', 'calendar_feed.specialist_id')
    .select(['calendar_feed.id', 'calendar_feed.specialist_id', 'specialist.name as specialist_name', 'calendar_feed.created_at', 'calendar_feed.revoked_at']);
}

type FeedRow = Awaited<ReturnType<ReturnType<typeof feedQuery>['executeTakeFirstOrThrow']>>;

function toFeed(row: FeedRow): CalendarFeed {
  return { id: row.id, specialistId: row.specialist_id, specialistName: row.specialist_name ?? null, createdAt: row.created_at, revokedAt: row.revoked_at };
}

export async function createFeed(db: Kysely<Database>, specialistId: number | null, now: Date): Promise<NewCalendarFeed> {
  if (specialistId !== null) {
    const found = await db.selectFrom('specialist').select('id').where('id', '=', specialistId).executeTakeFirst();
    if (!found) throw notFound('Dokter spesialis', 'Specialist', specialistId);
  }
  const token = newToken();
  return db.transaction().execute(async (trx) => {
    const { id } = await trx
      .insertInto('calendar_feed')
      .values({ token_hash: tokenHash(token), specialist_id: specialistId, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, { entity: 'calendar_feed', entityId: id, action: 'create', after: { specialistId } });
    const feed = toFeed(await feedQuery(trx).where('calendar_feed.id', '=', id).executeTakeFirstOrThrow());
    return { ...feed, path: feedPath(token) };
  });
}

export async function listFeeds(db: Kysely<Database>, filter: { specialistId?: number | undefined; includeRevoked?: boolean }): Promise<CalendarFeed[]> {
  let query = feedQuery(db).orderBy('calendar_feed.id');
  if (filter.specialistId !== undefined) query = query.where('calendar_feed.specialist_id', '=', filter.specialistId);
  if (!filter.includeRevoked) query = query.where('calendar_feed.revoked_at', 'is', null);
  return (await query.execute()).map(toFeed);
}

export async function revokeFeed(db: Kysely<Database>, id: number, now: Date): Promise<CalendarFeed> {
  return db.transaction().execute(async (trx) => {
    const before = await feedQuery(trx).where('calendar_feed.id', '=', id).executeTakeFirst();
    if (!before) throw notFound('Tautan kalender', 'Calendar link', id);
    if (before.revoked_at !== null) throw new AsuhanError('CONFLICT', `Tautan kalender #${id} sudah dicabut.`, `Calendar link #${id} is already revoked.`);
    await trx.updateTable('calendar_feed').set({ revoked_at: now.toISOString() }).where('id', '=', id).execute();
    await audit(trx, { entity: 'calendar_feed', entityId: id, action: 'delete', before: { specialistId: before.specialist_id } });
    return toFeed(await feedQuery(trx).where('calendar_feed.id', '=', id).executeTakeFirstOrThrow());
  });
}

/** The calendar a feed token opens, or null for an unknown or revoked token. */
export async function feedByToken(db: Kysely<Database>, token: string, now: Date): Promise<string | null> {
  if (!looksLikeToken(token)) return null;
  const feed = await db.selectFrom('calendar_feed').select(['specialist_id']).where('token_hash', '=', tokenHash(token)).where('revoked_at', 'is', null).executeTakeFirst();
  if (!feed) return null;
  return feedCalendar(db, { specialistId: feed.specialist_id, now });
}
