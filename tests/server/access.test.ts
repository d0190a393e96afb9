// Roles in the contract (issue 15): every API method names the role it needs, a refused call
// returns FORBIDDEN in both languages and writes nothing, a specialist sees only their own.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Caller } from '../../src/app/caller';
import { METHOD_ACCESS, roleAllows } from '../../src/contract/access';
import { contract, METHOD_NAMES, type MethodName } from '../../src/contract/index';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { databaseDigest } from '../fixtures/database-digest';
import { seedVisits, type SeededVisits } from './fixtures';

const viewer: Caller = { userId: 10, login: 'pemantau', displayName: 'Pemantau', role: 'viewer', specialistId: null };
const coordinator: Caller = { userId: 11, login: 'koor', displayName: 'Koor', role: 'coordinator', specialistId: null };

let t: TestDb;
let seeded: SeededVisits;
beforeAll(async () => {
  t = await createTestDb({ demo: true });
  seeded = await seedVisits(t.db.kysely);
});
afterAll(async () => {
  await t.close();
});

const mutating = METHOD_NAMES.filter((name) => contract[name].mutates);
const reading = METHOD_NAMES.filter((name) => !contract[name].mutates);
/** Queries that are not for everyone: the user list, and feed links (each is a key to a roster). */
const GUARDED_QUERIES = ['feeds:list', 'users:list'];

describe('every API method states the role it needs', () => {
  it('lists every method of the contract, and no method that is not in it', () => {
    expect(Object.keys(METHOD_ACCESS).sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(['viewer', 'coordinator', 'admin'], name).toContain(METHOD_ACCESS[name].role);
  });

  it('no writing method is open to a viewer or a specialist', () => {
    expect(mutating.length).toBeGreaterThan(30);
    for (const name of mutating) {
      expect(METHOD_ACCESS[name].role, name).not.toBe('viewer');
      expect(METHOD_ACCESS[name].specialist, name).toBeUndefined();
    }
  });

  it('users are the admin\'s, feed links the coordinator\'s', () => {
    for (const name of METHOD_NAMES.filter((n) => n.startsWith('users:'))) {
      expect(roleAllows('admin', name)).toBe(true);
      expect(roleAllows('coordinator', name), name).toBe(false);
    }
    for (const name of ['feeds:create', 'feeds:revoke', 'feeds:list'] as MethodName[]) {
      expect(roleAllows('coordinator', name)).toBe(true);
      expect(roleAllows('viewer', name), name).toBe(false);
    }
  });
});

describe('the dispatcher checks the role before the handler runs', () => {
  it.each(mutating)('a viewer is refused %s with FORBIDDEN, and nothing is written', async (method) => {
    const before = await databaseDigest(t.db);
    const result = await t.api.invoke(method, {}, viewer);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('FORBIDDEN');
    expect(result.error.message).toBe('Tidak diizinkan: peran Anda (pemantau) tidak boleh melakukan ini; tidak ada yang berubah.');
    expect(result.error.messageEn).toBe('Not allowed: your role (viewer) may not do this; nothing was changed.');
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('refuses a viewer even with input that a coordinator\'s call carries out', async () => {
    const visit = await t.db.kysely.selectFrom('visit').select('id').where('status', '=', 'planned').executeTakeFirstOrThrow();
    const before = await databaseDigest(t.db);
    for (const [method, input] of [
      ['hospitals:create', { name: 'RS Pemantau' }],
      ['visits:delete', { id: visit.id }],
      ['visits:pin', { id: visit.id, pinned: true }],
      ['backups:create', {}],
    ] as const) {
      const refused = await t.api.invoke(method, input, viewer);
      expect(refused.ok ? 'ok' : refused.error.code, method).toBe('FORBIDDEN');
    }
    expect(await databaseDigest(t.db)).toBe(before);
    const done = await t.api.invoke('visits:pin', { id: visit.id, pinned: true }, coordinator);
    expect(done.ok).toBe(true);
    const log = await t.db.kysely.selectFrom('audit_log').select('actor').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log.actor).toBe('koor');
  });

  it('every query but the guarded ones is open to a viewer', () => {
    expect(reading.filter((name) => METHOD_ACCESS[name].role !== 'viewer')).toEqual(GUARDED_QUERIES);
  });

  it.each(reading.filter((name) => !GUARDED_QUERIES.includes(name)))('a viewer may call %s', async (method) => {
    const result = await t.api.invoke(method, {}, viewer);
    if (!result.ok) expect(result.error.code, result.error.message).not.toBe('FORBIDDEN');
  });

  it('a coordinator is refused the admin\'s methods', async () => {
    const result = await t.api.invoke('users:create', { login: 'x1', displayName: 'X', role: 'admin', password: 'panjang-sekali-ya' }, coordinator);
    expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN');
    expect(await t.db.kysely.selectFrom('app_user').selectAll().execute()).toEqual([]);
  });
});

describe('a specialist sees only their own visits', () => {
  it('visits:list is narrowed to their own specialist, whatever the input asks; other methods are refused', async () => {
    const visits = await t.db.kysely.selectFrom('visit').select(['specialist_id', 'date']).orderBy('date').execute();
    const own = seeded.specialistA;
    const other = seeded.specialistB;
    const specialist: Caller = { userId: 12, login: 'dr-a', displayName: 'dr. A', role: 'specialist', specialistId: own };
    const range = { from: visits[0]!.date, to: visits.at(-1)!.date };
    const all = await t.api.invoke('visits:list', range, specialist);
    const asked = await t.api.invoke('visits:list', { ...range, specialistId: other }, specialist);
    if (!all.ok || !asked.ok) throw new Error('visits:list refused');
    const mine = visits.filter((v) => v.specialist_id === own).length;
    expect((all.data as { specialistId: number }[]).length).toBe(mine);
    expect((asked.data as { specialistId: number }[]).every((v) => v.specialistId === own)).toBe(true);
    expect((asked.data as unknown[]).length).toBe(mine);
    for (const method of ['specialists:list', 'reports:dashboard', 'visit-log:save', 'exports:pdf'] as MethodName[]) {
      const refused = await t.api.invoke(method, {}, specialist);
      expect(refused.ok ? 'ok' : refused.error.code, method).toBe('FORBIDDEN');
    }
    expect((await t.api.invoke('app:info', {}, specialist)).ok).toBe(true);

    const { createFeed } = await import('../../src/server/feeds');
    await createFeed(t.db.kysely, own, new Date());
    await createFeed(t.db.kysely, other, new Date());
    await createFeed(t.db.kysely, null, new Date());
    const feeds = await t.api.invoke('feeds:list', { specialistId: other }, specialist);
    if (!feeds.ok) throw new Error(feeds.error.message);
    expect((feeds.data as { specialistId: number | null }[]).map((f) => f.specialistId)).toEqual([own]);
  });
});
