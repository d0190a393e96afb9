// Users (admin) and calendar feed links (coordinator) over the API; the rules live in
// src/server/accounts.ts and src/server/feeds.ts.
import type { Handlers } from '../contract/index';
import { createUser, listUsers, resetPassword, updateUser } from '../server/accounts';
import { createFeed, listFeeds, revokeFeed } from '../server/feeds';
import type { AppContext } from './context';

type AccountHandlers = Pick<Handlers, 'users:list' | 'users:create' | 'users:update' | 'users:reset-password' | 'feeds:list' | 'feeds:create' | 'feeds:revoke'>;

export function accountHandlers(ctx: AppContext): AccountHandlers {
  const db = ctx.db.kysely;
  return {
    'users:list': async () => listUsers(db, ctx.now()),
    'users:create': async ({ districtIds, ...user }) => {
      // A specialist is one of their district's doctors: looked up in that district's tables.
      const specialistDistrict = user.role === 'specialist' && ctx.province && districtIds.length === 1 ? districtIds[0]! : null;
      const specialistDb = specialistDistrict !== null && ctx.province ? (await ctx.province.open(specialistDistrict)).db.kysely : undefined;
      return createUser(db, user, { now: ctx.now(), districtIds, ...(specialistDb ? { specialistDb } : {}) });
    },
    'users:update': async ({ id, changes }) => updateUser(db, id, changes, ctx.now()),
    'users:reset-password': async ({ id, password }) => resetPassword(db, id, password, { now: ctx.now() }),
    'feeds:list': async (filter) => listFeeds(db, filter),
    'feeds:create': async ({ specialistId }) => createFeed(db, specialistId, ctx.now()),
    'feeds:revoke': async ({ id }) => revokeFeed(db, id, ctx.now()),
  };
}
