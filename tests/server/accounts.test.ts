// Accounts (issue 15): password hashing, lockout after five failures for fifteen minutes (on the
// app's clock, not the wall clock), sessions that end, and the audit log naming who did what.
import { afterEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { LOCAL_CALLER, type Caller } from '../../src/app/caller';
import { createUser, LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS, resetPassword, SESSION_HOURS, sessionCaller, signIn, signOut, updateUser } from '../../src/server/accounts';
import { hashPassword, verifyPassword } from '../../src/server/passwords';
import { tokenHash } from '../../src/server/tokens';
import { createTestDb, TEST_TODAY, type TestDb } from '../fixtures/temp-db';
import { TEST_COST } from './fixtures';

const PASSWORD = 'kopi-tubruk-2026';

const open: TestDb[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await t.close();
});

async function fresh(): Promise<TestDb> {
  const t = await createTestDb();
  open.push(t);
  return t;
}

const at = (minutes: number) => new Date(TEST_TODAY.getTime() + minutes * 60_000);

describe('password hashing', () => {
  it('stores a salted argon2id hash that verifies only the same password', async () => {
    const one = await hashPassword(PASSWORD, TEST_COST);
    const two = await hashPassword(PASSWORD, TEST_COST);
    expect(one).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(one).not.toBe(two); // a new salt each time
    expect(one).not.toContain(PASSWORD);
    expect(await verifyPassword(PASSWORD, one)).toBe(true);
    expect(await verifyPassword(`${PASSWORD} `, one)).toBe(false);
    expect(await verifyPassword('', one)).toBe(false);
  });

  it('the default cost is OWASP argon2id (m = 19 MiB, t = 2), and a tampered cost is refused, not computed', async () => {
    const real = await hashPassword(PASSWORD);
    expect(real.startsWith('$argon2id$v=19$m=19456,t=2,p=1$')).toBe(true);
    expect(await verifyPassword(PASSWORD, real)).toBe(true);
    expect(await verifyPassword(PASSWORD, real.replace('m=19456', 'm=9999999'))).toBe(false);
    expect(await verifyPassword(PASSWORD, 'plain-text-password')).toBe(false);
  });
});

describe('sign-in and lockout', () => {
  it('locks an account for 15 minutes after 5 wrong passwords; even the right one waits', async () => {
    const t = await fresh();
    const db = t.db.kysely;
    await createUser(db, { login: 'sari', displayName: 'Sari', role: 'coordinator', specialistId: null, password: PASSWORD }, { now: TEST_TODAY, cost: TEST_COST });
    for (let i = 1; i < MAX_FAILED_ATTEMPTS; i++) {
      const wrong = await signIn(db, 'sari', 'salah-sekali-lagi', at(i));
      expect(wrong.ok).toBe(false);
      if (!wrong.ok) expect(wrong.error.messageId).toBe('Nama pengguna atau kata sandi salah.');
    }
    const fifth = await signIn(db, 'sari', 'salah-sekali-lagi', at(5));
    expect(fifth.ok).toBe(false);
    if (!fifth.ok) expect(fifth.error.messageId).toMatch(/dikunci sementara.*coba lagi dalam 15 menit/);
    const row = await db.selectFrom('app_user').selectAll().where('login', '=', 'sari').executeTakeFirstOrThrow();
    expect(row.locked_until).toBe(at(5 + LOCKOUT_MINUTES).toISOString());

    const stillLocked = await signIn(db, 'sari', PASSWORD, at(5 + LOCKOUT_MINUTES - 1));
    expect(stillLocked.ok).toBe(false);
    if (!stillLocked.ok) expect(stillLocked.error.messageEn).toMatch(/locked.*try again in 1 minutes/);
    expect(await db.selectFrom('user_session').selectAll().execute()).toEqual([]);

    const afterwards = await signIn(db, 'sari', PASSWORD, at(5 + LOCKOUT_MINUTES));
    expect(afterwards.ok).toBe(true);
    const cleared = await db.selectFrom('app_user').select(['failed_attempts', 'locked_until']).where('login', '=', 'sari').executeTakeFirstOrThrow();
    expect(cleared).toEqual({ failed_attempts: 0, locked_until: null });
  });

  it('a success resets the count; an unknown login gets the same answer as a wrong password', async () => {
    const t = await fresh();
    const db = t.db.kysely;
    await createUser(db, { login: 'budi', displayName: 'Budi', role: 'viewer', specialistId: null, password: PASSWORD }, { now: TEST_TODAY, cost: TEST_COST });
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) await signIn(db, 'budi', 'bukan-ini-ya', at(i));
    expect((await signIn(db, 'BUDI', PASSWORD, at(5))).ok).toBe(true); // login names ignore case
    for (let i = 0; i < MAX_FAILED_ATTEMPTS - 1; i++) expect((await signIn(db, 'budi', 'bukan-ini-ya', at(10 + i))).ok).toBe(false);
    expect((await signIn(db, 'budi', PASSWORD, at(20))).ok).toBe(true); // four more failures did not lock it
    const unknown = await signIn(db, 'tidak-ada', PASSWORD, at(21));
    const wrong = await signIn(db, 'budi', 'salah-lagi-nih', at(22));
    expect(unknown.ok || wrong.ok).toBe(false);
    if (!unknown.ok && !wrong.ok) expect(unknown.error.toPayload()).toEqual(wrong.error.toPayload());
  });
});

describe('sessions', () => {
  it('store only the token hash, last 12 hours, end at sign-out, on disabling and on a password reset', async () => {
    const t = await fresh();
    const db = t.db.kysely;
    const admin = await createUser(db, { login: 'admin', displayName: 'Admin', role: 'admin', specialistId: null, password: PASSWORD }, { now: TEST_TODAY, cost: TEST_COST });
    const user = await createUser(db, { login: 'dewi', displayName: 'Dewi', role: 'coordinator', specialistId: null, password: PASSWORD }, { now: TEST_TODAY, cost: TEST_COST });
    const first = await signIn(db, 'dewi', PASSWORD, TEST_TODAY);
    if (!first.ok) throw first.error;
    const rows = await db.selectFrom('user_session').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.token_hash).toBe(tokenHash(first.token));
    expect(JSON.stringify(rows)).not.toContain(first.token);
    expect((await sessionCaller(db, first.token, at(60)))?.login).toBe('dewi');
    expect(await sessionCaller(db, first.token, at(SESSION_HOURS * 60))).toBeNull();
    expect(await sessionCaller(db, 'x'.repeat(43), at(1))).toBeNull();

    const second = await signIn(db, 'dewi', PASSWORD, at(1));
    if (!second.ok) throw second.error;
    await signOut(db, second.token);
    expect(await sessionCaller(db, second.token, at(2))).toBeNull();

    const third = await signIn(db, 'dewi', PASSWORD, at(3));
    if (!third.ok) throw third.error;
    await updateUser(db, user.id, { disabled: true }, at(4));
    expect(await sessionCaller(db, third.token, at(5))).toBeNull();
    const refused = await signIn(db, 'dewi', PASSWORD, at(6));
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.messageId).toMatch(/dinonaktifkan/);

    await updateUser(db, user.id, { disabled: false }, at(7));
    const fourth = await signIn(db, 'dewi', PASSWORD, at(8));
    if (!fourth.ok) throw fourth.error;
    await resetPassword(db, user.id, 'teh-manis-hangat', { now: at(9), cost: TEST_COST });
    expect(await sessionCaller(db, fourth.token, at(10))).toBeNull();
    expect((await signIn(db, 'dewi', PASSWORD, at(11))).ok).toBe(false);
    expect((await signIn(db, 'dewi', 'teh-manis-hangat', at(12))).ok).toBe(true);

    // The last active admin cannot lock everyone out.
    await expect(updateUser(db, admin.id, { disabled: true }, at(13))).rejects.toThrow(/admin aktif terakhir/);
    await expect(updateUser(db, admin.id, { role: 'viewer' }, at(13))).rejects.toThrow(/admin aktif terakhir/);
  });
});

describe('the audit log names the signed-in user', () => {
  it('records the caller of each call, also when calls interleave; without accounts "koordinator"', async () => {
    const t = await fresh();
    const api = createApi(createContext(t.db, () => TEST_TODAY));
    const sari: Caller = { userId: 1, login: 'sari', displayName: 'Sari', role: 'coordinator', specialistId: null };
    const budi: Caller = { userId: 2, login: 'budi', displayName: 'Budi', role: 'coordinator', specialistId: null };
    const results = await Promise.all([
      api.invoke('hospitals:create', { name: 'RS Sari' }, sari),
      api.invoke('hospitals:create', { name: 'RS Budi' }, budi),
      api.invoke('hospitals:create', { name: 'RS Lokal' }),
      api.invoke('hospitals:create', { name: 'RS Lokal Juga' }, LOCAL_CALLER),
    ]);
    expect(results.every((r) => r.ok)).toBe(true);
    const log = await t.db.kysely.selectFrom('audit_log').select(['actor', 'after']).where('entity', '=', 'hospital').orderBy('id').execute();
    const actorOf = (name: string) => log.find((row) => JSON.parse(row.after ?? '{}').name === name)?.actor;
    expect(actorOf('RS Sari')).toBe('sari');
    expect(actorOf('RS Budi')).toBe('budi');
    expect(actorOf('RS Lokal')).toBe('koordinator');
    expect(actorOf('RS Lokal Juga')).toBe('koordinator');
  });

  it('never writes a password or its hash into the audit log', async () => {
    const t = await fresh();
    await t.api.client['users:create']({ login: 'rahasia', displayName: 'Rahasia', role: 'viewer', password: 'sangat-rahasia-sekali' });
    const user = await t.db.kysely.selectFrom('app_user').select('password_hash').executeTakeFirstOrThrow();
    const log = JSON.stringify(await t.db.kysely.selectFrom('audit_log').selectAll().execute());
    expect(log).toContain('rahasia');
    expect(log).not.toContain('sangat-rahasia-sekali');
    expect(log).not.toContain(user.password_hash.split('$')[3]);
  });
});

describe('the web shell\'s sign-in door', () => {
  it('runs at most four password checks at once; the rest are told to try again, and nothing locks', async () => {
    const { shellAccounts, MAX_CONCURRENT_SIGN_INS } = await import('../../src/server/accounts');
    const t = await fresh();
    await createUser(t.db.kysely, { login: 'ramai', displayName: 'Ramai', role: 'viewer', specialistId: null, password: PASSWORD }, { now: TEST_TODAY, cost: TEST_COST });
    const door = shellAccounts(t.db.kysely, () => TEST_TODAY);
    const answers = await Promise.all(Array.from({ length: 10 }, () => door.signIn('ramai', PASSWORD)));
    expect(answers.filter((a) => a.ok)).toHaveLength(MAX_CONCURRENT_SIGN_INS);
    for (const refused of answers.filter((a) => !a.ok)) if (!refused.ok) expect(refused.error.messageEn).toBe('Too many sign-in attempts at once; try again in a moment.');
    expect((await door.signIn('ramai', PASSWORD)).ok).toBe(true);
  });
});
