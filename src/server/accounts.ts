// Accounts on a shared server (issue 15): users with a role, sign-in with lockout, and sessions.
// Works on both engines through Kysely. Time comes from the caller's clock (src/domain/clock.ts),
// so tests can walk through a lockout without waiting.
import type { Kysely, Selectable } from 'kysely';
import type { UserAccount, UserRole } from '../contract/accounts';
import { AsuhanError, notFound } from '../contract/errors';
import type { Caller } from '../app/caller';
import { audit } from '../db/audit';
import type { Database } from '../db/schema';
import { decoyHash, DEFAULT_COST, hashPassword, verifyPassword, type PasswordCost } from './passwords';
import { newToken, tokenHash, looksLikeToken } from './tokens';

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_HOURS = 12;
/** last_seen_at is written at most this often, not on every call. */
const TOUCH_EVERY_MS = 60_000;

type UserRow = Selectable<Database['app_user']>;

/** `asuhan serve`: a database URL always means a shared server, so accounts are always on. */
export function accountsRequired(options: { accounts?: boolean | undefined; databaseUrl?: string | undefined }): boolean {
  return options.accounts === true || (options.databaseUrl !== undefined && options.databaseUrl !== '');
}

export function toAccount(row: UserRow, now?: Date): UserAccount {
  const locked = row.locked_until !== null && (now === undefined || row.locked_until > now.toISOString());
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    specialistId: row.specialist_id,
    disabled: row.disabled === 1,
    lockedUntil: locked ? row.locked_until : null,
    createdAt: row.created_at,
  };
}

/** What the audit log keeps of a user: never the password hash. */
function auditView(account: UserAccount) {
  return { login: account.login, displayName: account.displayName, role: account.role, specialistId: account.specialistId, disabled: account.disabled };
}

function roleMismatch(): AsuhanError {
  return new AsuhanError(
    'VALIDATION',
    'Akun dokter spesialis harus menyebut dokter spesialisnya; peran lain tidak.',
    'A specialist account names its specialist; other roles do not.',
    [{ path: 'specialistId', message: 'akun spesialis harus menyebut dokter spesialisnya; peran lain tidak', messageEn: 'a specialist account names its specialist; other roles do not' }],
  );
}

async function requireSpecialist(db: Kysely<Database>, specialistId: number | null): Promise<void> {
  if (specialistId === null) return;
  const found = await db.selectFrom('specialist').select('id').where('id', '=', specialistId).executeTakeFirst();
  if (!found) throw notFound('Dokter spesialis', 'Specialist', specialistId);
}

export interface NewUser {
  login: string;
  displayName: string;
  role: UserRole;
  specialistId: number | null;
  password: string;
}

/**
 * `districtIds`: where the user may work (the server's first district when none are given); a
 * specialist account's specialist is looked up in `specialistDb`, its district's database.
 */
export async function createUser(
  db: Kysely<Database>,
  user: NewUser,
  options: { now: Date; cost?: PasswordCost; districtIds?: number[]; specialistDb?: Kysely<Database> },
): Promise<UserAccount> {
  if ((user.role === 'specialist') !== (user.specialistId !== null)) throw roleMismatch();
  const districtIds = [...new Set(options.districtIds?.length ? options.districtIds : [1])];
  if (user.role === 'specialist' && districtIds.length !== 1) {
    throw new AsuhanError('VALIDATION', 'Akun dokter spesialis bekerja di tepat satu kabupaten/kota: kabupaten/kota dokternya.', "A specialist account works in exactly one district: its specialist's.");
  }
  for (const districtId of districtIds) {
    if (!(await db.selectFrom('district').select('id').where('id', '=', districtId).executeTakeFirst())) throw notFound('Kabupaten/kota', 'District', districtId);
  }
  await requireSpecialist(options.specialistDb ?? db, user.specialistId);
  const taken = await db.selectFrom('app_user').select('id').where('login', '=', user.login).executeTakeFirst();
  if (taken) throw new AsuhanError('CONFLICT', `Nama pengguna "${user.login}" sudah dipakai.`, `The login name "${user.login}" is taken.`);
  const passwordHash = await hashPassword(user.password, options.cost ?? DEFAULT_COST);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('app_user')
      .values({ login: user.login, display_name: user.displayName, password_hash: passwordHash, role: user.role, specialist_id: user.specialistId, created_at: options.now.toISOString() })
      .returningAll()
      .executeTakeFirstOrThrow();
    await trx.insertInto('user_district').values(districtIds.map((district_id) => ({ user_id: row.id, district_id }))).execute();
    const account = { ...toAccount(row, options.now), districtIds };
    await audit(trx, { entity: 'user', entityId: row.id, action: 'create', after: { ...auditView(account), districts: districtIds } });
    return account;
  });
}

export async function listUsers(db: Kysely<Database>, now: Date): Promise<UserAccount[]> {
  const rows = await db.selectFrom('app_user').selectAll().orderBy('login').execute();
  const grants = await db.selectFrom('user_district').selectAll().orderBy('district_id').execute();
  return rows.map((row) => ({ ...toAccount(row, now), districtIds: grants.filter((g) => g.user_id === row.id).map((g) => g.district_id) }));
}

async function userRow(db: Kysely<Database>, id: number): Promise<UserRow> {
  const row = await db.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Pengguna', 'User', id);
  return row;
}

export async function findUserByLogin(db: Kysely<Database>, login: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user').selectAll().where('login', '=', login.trim().toLowerCase()).executeTakeFirst();
}

async function activeAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).where('role', '=', 'admin').where('disabled', '=', 0).executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface UserChanges {
  displayName?: string | undefined;
  role?: UserRole | undefined;
  specialistId?: number | null | undefined;
  disabled?: boolean | undefined;
}

export async function updateUser(db: Kysely<Database>, id: number, changes: UserChanges, now: Date): Promise<UserAccount> {
  const before = await userRow(db, id);
  const role = changes.role ?? before.role;
  const specialistId = changes.specialistId !== undefined ? changes.specialistId : role === 'specialist' ? before.specialist_id : null;
  if ((role === 'specialist') !== (specialistId !== null)) throw roleMismatch();
  await requireSpecialist(db, specialistId);
  const disabled = changes.disabled ?? before.disabled === 1;
  const stillAdmin = role === 'admin' && !disabled;
  if (before.role === 'admin' && before.disabled === 0 && !stillAdmin && (await activeAdmins(db)) <= 1) {
    throw new AsuhanError('CONFLICT', 'Ini admin aktif terakhir: buat admin lain dulu sebelum menonaktifkan atau mengganti perannya.', 'This is the last active admin: make another admin first before disabling it or changing its role.');
  }
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('app_user')
      .set({ display_name: changes.displayName ?? before.display_name, role, specialist_id: specialistId, disabled: disabled ? 1 : 0 })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    // A disabled user, or one whose role changed, signs in again (or not at all).
    if (disabled || role !== before.role || specialistId !== before.specialist_id) await trx.deleteFrom('user_session').where('user_id', '=', id).execute();
    const account = toAccount(row, now);
    await audit(trx, { entity: 'user', entityId: id, action: 'update', before: auditView(toAccount(before, now)), after: auditView(account) });
    return account;
  });
}

export async function resetPassword(db: Kysely<Database>, id: number, password: string, options: { now: Date; cost?: PasswordCost }): Promise<UserAccount> {
  const before = await userRow(db, id);
  const passwordHash = await hashPassword(password, options.cost ?? DEFAULT_COST);
  return db.transaction().execute(async (trx) => {
    const row = await trx.updateTable('app_user').set({ password_hash: passwordHash, failed_attempts: 0, locked_until: null }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
    await trx.deleteFrom('user_session').where('user_id', '=', id).execute();
    await audit(trx, { entity: 'user', entityId: id, action: 'update', before: { login: before.login }, after: { login: row.login, passwordReset: true } });
    return toAccount(row, options.now);
  });
}

export function callerOf(row: UserRow): Caller {
  return { userId: row.id, login: row.login, displayName: row.display_name, role: row.role, specialistId: row.specialist_id };
}

export type SignIn = { ok: true; token: string; caller: Caller; expiresAt: string } | { ok: false; error: AsuhanError };

const WRONG = () => new AsuhanError('UNAUTHORIZED', 'Nama pengguna atau kata sandi salah.', 'Wrong login name or password.');

function lockedError(until: string, now: Date): AsuhanError {
  const minutes = Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 60_000));
  return new AsuhanError(
    'UNAUTHORIZED',
    `Akun dikunci sementara setelah ${MAX_FAILED_ATTEMPTS} kali gagal masuk; coba lagi dalam ${minutes} menit, atau minta admin mengatur ulang kata sandi.`,
    `The account is locked for a while after ${MAX_FAILED_ATTEMPTS} failed sign-ins; try again in ${minutes} minutes, or ask an admin to reset the password.`,
  );
}

/**
 * Checks a login name and password. Five wrong passwords in a row lock the account for fifteen
 * minutes; while locked not even the right password opens it. An unknown name costs the same
 * time as a known one and gets the same answer.
 */
export async function signIn(db: Kysely<Database>, login: string, password: string, now: Date): Promise<SignIn> {
  const row = await findUserByLogin(db, login);
  if (!row) {
    await verifyPassword(password, await decoyHash());
    return { ok: false, error: WRONG() };
  }
  const at = now.toISOString();
  if (row.locked_until !== null && row.locked_until > at) return { ok: false, error: lockedError(row.locked_until, now) };
  if (!(await verifyPassword(password, row.password_hash))) {
    const updated = await db
      .updateTable('app_user')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('id', '=', row.id)
      .returning(['failed_attempts'])
      .executeTakeFirstOrThrow();
    if (updated.failed_attempts >= MAX_FAILED_ATTEMPTS) {
      const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString();
      await db.updateTable('app_user').set({ failed_attempts: 0, locked_until: until }).where('id', '=', row.id).execute();
      return { ok: false, error: lockedError(until, now) };
    }
    return { ok: false, error: WRONG() };
  }
  if (row.disabled === 1) return { ok: false, error: new AsuhanError('UNAUTHORIZED', 'Akun ini dinonaktifkan; hubungi admin.', 'This account is disabled; contact an admin.') };
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('app_user').set({ failed_attempts: 0, locked_until: null }).where('id', '=', row.id).execute();
    await trx.deleteFrom('user_session').where('expires_at', '<=', at).execute();
    await trx.insertInto('user_session').values({ token_hash: tokenHash(token), user_id: row.id, created_at: at, expires_at: expiresAt, last_seen_at: at }).execute();
  });
  return { ok: true, token, caller: callerOf(row), expiresAt };
}

/** The user a session cookie belongs to, or null (unknown, expired, or the user is disabled). */
export async function sessionCaller(db: Kysely<Database>, token: string, now: Date): Promise<Caller | null> {
  if (!looksLikeToken(token)) return null;
  const at = now.toISOString();
  const found = await db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .selectAll('app_user')
    .select(['user_session.token_hash', 'user_session.last_seen_at'])
    .where('user_session.token_hash', '=', tokenHash(token))
    .where('user_session.expires_at', '>', at)
    .where('app_user.disabled', '=', 0)
    .executeTakeFirst();
  if (!found) return null;
  if (now.getTime() - Date.parse(found.last_seen_at) > TOUCH_EVERY_MS) {
    await db.updateTable('user_session').set({ last_seen_at: at }).where('token_hash', '=', found.token_hash).execute();
  }
  return callerOf(found);
}

export async function signOut(db: Kysely<Database>, token: string): Promise<void> {
  if (!looksLikeToken(token)) return;
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash(token)).execute();
}

/** What the web shell needs of accounts; bound to one database and clock. */
export interface ShellAccounts {
  signIn(login: string, password: string): Promise<SignIn>;
  session(token: string): Promise<Caller | null>;
  signOut(token: string): Promise<void>;
}

/** Password checks running at once (each holds 19 MiB for tens of milliseconds), so a flood waits its turn at the door. */
export const MAX_CONCURRENT_SIGN_INS = 4;

export function shellAccounts(db: Kysely<Database>, now: () => Date): ShellAccounts {
  let running = 0;
  return {
    async signIn(login, password) {
      if (running >= MAX_CONCURRENT_SIGN_INS) {
        return { ok: false, error: new AsuhanError('UNAUTHORIZED', 'Terlalu banyak percobaan masuk sekaligus; coba lagi sebentar lagi.', 'Too many sign-in attempts at once; try again in a moment.') };
      }
      running++;
      try {
        return await signIn(db, login, password, now());
      } finally {
        running--;
      }
    },
    session: (token) => sessionCaller(db, token, now()),
    signOut: (token) => signOut(db, token),
  };
}
