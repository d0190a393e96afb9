// Accounts on a shared server (issue 15): the users an admin manages, and the private calendar
// feed links a coordinator hands to specialists. Signing in and out are not API methods: the web
// shell answers them itself (POST /auth/login, /auth/logout), since they set the session cookie.
import { z } from 'zod';
import { command, query } from './define';
import { id, requiredText } from './fields';
import { msg } from './i18n';

export const USER_ROLES = ['admin', 'coordinator', 'viewer', 'specialist'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export interface UserAccount {
  id: number;
  login: string;
  displayName: string;
  role: UserRole;
  specialistId: number | null;
  disabled: boolean;
  /** ISO instant until which sign-in is refused after repeated failures; null when not locked. */
  lockedUntil: string | null;
  createdAt: string;
  /** The districts the user may work in (admins work in all); given by users:list and users:create. */
  districtIds?: number[];
}

export interface CalendarFeed {
  id: number;
  /** Null: the whole district's roster. */
  specialistId: number | null;
  specialistName: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface NewCalendarFeed extends CalendarFeed {
  /** The address path with the secret token, shown once: `/feeds/<token>.ics`. Never stored. */
  path: string;
}

export const MIN_PASSWORD_CHARS = 10;

export const loginName = z
  .string(msg('wajib diisi', 'is required'))
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, msg('2-64 huruf kecil, angka, titik, minus atau garis bawah, diawali huruf atau angka', '2-64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit'));

export const newPassword = z
  .string(msg('wajib diisi', 'is required'))
  .min(MIN_PASSWORD_CHARS, msg(`minimal ${MIN_PASSWORD_CHARS} karakter`, `at least ${MIN_PASSWORD_CHARS} characters`))
  .max(256, msg('maksimal 256 karakter', 'at most 256 characters'));

const role = z.enum(USER_ROLES, msg('harus admin, coordinator, viewer atau specialist', 'must be admin, coordinator, viewer or specialist'));

const specialistMatchesRole = {
  ...msg('akun spesialis harus menyebut dokter spesialisnya; peran lain tidak', 'a specialist account names its specialist; other roles do not'),
  path: ['specialistId'],
};

export const accountsContract = {
  'users:list': query<UserAccount[]>()(z.object({}).default({})),
  'users:create': command<UserAccount>()(
    z
      .object({ login: loginName, displayName: requiredText(200), role, specialistId: id.nullable().default(null), password: newPassword, districtIds: z.array(id).max(500).default([]) })
      .refine((u) => (u.role === 'specialist') === (u.specialistId !== null), specialistMatchesRole),
  ),
  /** Role, name, disabled flag; disabling ends the user's sessions. */
  'users:update': command<UserAccount>()(
    z.object({
      id,
      changes: z.object({ displayName: requiredText(200).optional(), role: role.optional(), specialistId: id.nullable().optional(), disabled: z.boolean().optional() }),
    }),
  ),
  /** Sets a new password, lifts a lockout and ends the user's sessions. */
  'users:reset-password': command<UserAccount>()(z.object({ id, password: newPassword })),

  'feeds:list': query<CalendarFeed[]>()(z.object({ specialistId: id.optional(), includeRevoked: z.boolean().default(false) }).default({ includeRevoked: false })),
  /** A new private link; specialistId null (or absent) is the whole district's roster. */
  'feeds:create': command<NewCalendarFeed>()(z.object({ specialistId: id.nullable().default(null) }).default({ specialistId: null })),
  'feeds:revoke': command<CalendarFeed>()(z.object({ id })),
};

/** GET /auth/session on the web shell: whether sign-in is needed, and who is signed in. */
export interface SessionInfo {
  accountsRequired: boolean;
  /** Null: not signed in (or, without accounts, the shell's secret is missing). */
  user: { login: string; displayName: string; role: UserRole; specialistId: number | null } | null;
}
