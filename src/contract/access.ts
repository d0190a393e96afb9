// Who may call what (issue 15). Every API method names the least role it needs; roles rank
// viewer < coordinator < admin. A specialist stands outside that ladder: only the methods
// marked `specialist` are open to them, and 'own' ones are narrowed to their own specialist id
// (the dispatcher overwrites `specialistId` in the input). tests/server/access.test.ts checks
// every method is listed and every writing method needs more than a viewer.
import type { UserRole } from './accounts';
import type { MethodName } from './index';

export type RankedRole = Exclude<UserRole, 'specialist'>;

export interface MethodAccess {
  role: RankedRole;
  /** Open to a specialist: 'all' as it is, 'own' limited to their specialist id. */
  specialist?: 'all' | 'own';
}

const viewer: MethodAccess = { role: 'viewer' };
const coordinator: MethodAccess = { role: 'coordinator' };
const admin: MethodAccess = { role: 'admin' };

export const METHOD_ACCESS: Record<MethodName, MethodAccess> = {
  'app:info': { role: 'viewer', specialist: 'all' },
  'visits:list': { role: 'viewer', specialist: 'own' },
  'settings:get': { role: 'viewer', specialist: 'all' },
  'settings:update': coordinator,

  'backups:list': viewer,
  'backups:create': coordinator,
  // A restore replaces every district record and every account: the admin's call.
  'backups:restore': admin,

  'changes:list': viewer,
  'changes:undo': coordinator,

  'exports:ics': coordinator, // records what each specialist's calendar was sent
  'exports:pdf': viewer,
  'exports:xlsx': viewer,
  'exports:csv': viewer,
  'exports:text': viewer,
  'exports:history': viewer,

  'imports:template': viewer,
  'imports:preview': viewer, // reads the file given, writes nothing
  'imports:commit': coordinator,

  'specialties:list': viewer,
  'specialties:create': coordinator,
  'specialties:update': coordinator,
  'hospitals:list': viewer,
  'hospitals:create': coordinator,
  'hospitals:update': coordinator,
  'specialists:list': viewer,
  'specialists:get': viewer,
  'specialists:create': coordinator,
  'specialists:update': coordinator,
  'puskesmas:list': viewer,
  'puskesmas:get': viewer,
  'puskesmas:create': coordinator,
  'puskesmas:update': coordinator,
  'adoptions:list': viewer,
  'adoptions:set': coordinator,
  'adoptions:delete': coordinator,
  'unavailability:list': viewer,
  'unavailability:create': coordinator,
  'unavailability:update': coordinator,
  'unavailability:delete': coordinator,
  'holidays:list': viewer,
  'holidays:effective': viewer,
  'holidays:create': coordinator,
  'holidays:update': coordinator,
  'holidays:delete': coordinator,
  'requirements:list': viewer,
  'requirements:set': coordinator,
  'audit:list': viewer,

  'plans:run': coordinator,
  'plans:apply': coordinator,
  'plans:list': viewer,
  'plans:get': viewer,
  'plans:suggest': viewer,
  'plans:uncovered': viewer,
  'visits:check': viewer,
  'visits:create': coordinator,
  'visits:availability': viewer,
  'visits:move': coordinator,
  'visits:pin': coordinator,
  'visits:delete': coordinator,

  'programme:export': viewer,
  'programme:import': coordinator,

  'visit-log:get': viewer,
  'visit-log:list': viewer,
  'visit-log:save': coordinator,
  'topics:list': viewer,
  'topics:create': coordinator,
  'topics:update': coordinator,
  'followups:list': viewer,
  'followups:close': coordinator,
  'reports:compliance': viewer,
  'reports:topics': viewer,
  'reports:followups': viewer,
  'reports:dashboard': viewer,

  'users:list': admin,
  'users:create': admin,
  'users:update': admin,
  'users:reset-password': admin,
  // A feed link shows a roster to anyone holding it: only coordinators hand them out.
  'districts:list': { role: 'viewer', specialist: 'all' },
  'districts:create': admin,
  'province:summary': viewer,
  'users:districts': admin,

  'feeds:list': { role: 'coordinator', specialist: 'own' },
  'feeds:create': coordinator,
  'feeds:revoke': coordinator,
};

const RANK: Record<RankedRole, number> = { viewer: 1, coordinator: 2, admin: 3 };

/** Whether a user of `role` may call `method` at all (a specialist's 'own' narrowing aside). */
export function roleAllows(role: UserRole, method: MethodName): boolean {
  const access = METHOD_ACCESS[method];
  if (role === 'specialist') return access.specialist !== undefined;
  return RANK[role] >= RANK[access.role];
}

export const ROLE_LABELS: Record<UserRole, { id: string; en: string }> = {
  admin: { id: 'admin', en: 'admin' },
  coordinator: { id: 'koordinator', en: 'coordinator' },
  viewer: { id: 'pemantau', en: 'viewer' },
  specialist: { id: 'dokter spesialis', en: 'specialist' },
};
