// The web shell with accounts (issue 15), over real HTTP: sign-in sets an HttpOnly, SameSite=Strict
// session cookie; without it there is no API; a viewer's write is refused with 403 and writes
// nothing; sign-out ends the session. Calendar feeds answer without a session, only to their
// token, until revoked, and read back with ical.js and python3-icalendar.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, shellAccounts } from '../../src/server/accounts';
import { createFeed, feedByToken, revokeFeed } from '../../src/server/feeds';
import { startWebShell, type WebShell } from '../../src/server/web-shell';
import { parseWithIcalJs, parseWithPython } from '../exports/ics-check';
import { rfc5545Problems } from '../exports/ics-rfc5545';
import { createTestDb, TEST_TODAY, type TestDb } from '../fixtures/temp-db';
import { databaseDigest } from '../fixtures/database-digest';
import { rawRequest, type Reply } from '../reliability/support/shell-request';
import { seedVisits, TEST_COST, type SeededVisits } from './fixtures';

const PASSWORD = 'sate-lilit-enak';
let t: TestDb;
let shell: WebShell;
let seeded: SeededVisits;

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  seeded = await seedVisits(t.db.kysely);
  const db = t.db.kysely;
  for (const [login, role] of [['admin', 'admin'], ['koor', 'coordinator'], ['lihat', 'viewer']] as const) {
    await createUser(db, { login, displayName: login, role, specialistId: null, password: PASSWORD }, { now: TEST_TODAY, cost: TEST_COST });
  }
  const staticDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Asuhan</title>');
  shell = await startWebShell({ api: t.api, staticDir, port: 0, accounts: shellAccounts(db, t.ctx.now), feeds: (token) => feedByToken(db, token, t.ctx.now()) });
});
afterAll(async () => {
  await shell.close();
  await t.close();
});

const json = (reply: Reply) => JSON.parse(reply.body) as { ok: boolean; data?: any; error?: { code: string; message: string; messageEn: string } };

function post(pathName: string, body: unknown, cookie?: string): Promise<Reply> {
  return rawRequest(shell, { method: 'POST', path: pathName, withSecret: false, headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) }, body: JSON.stringify(body) });
}

async function signIn(login: string, password = PASSWORD): Promise<string> {
  const reply = await post('/auth/login', { login, password });
  expect(reply.status, reply.body).toBe(200);
  return String(reply.headers['set-cookie']?.[0]).split(';')[0]!;
}

describe('web shell with accounts', () => {
  it('answers through a TLS reverse proxy (X-Forwarded-Proto: https, the office name as Host), still refusing other sites', async () => {
    const proxied = (extra: Record<string, string>, pathName = '/auth/login', body: unknown = { login: 'koor', password: PASSWORD }) =>
      rawRequest(shell, { method: 'POST', path: pathName, withSecret: false, headers: { 'Content-Type': 'application/json', Host: 'jadwal.dinkes.example', ...extra }, body: JSON.stringify(body) });
    // Without the proxy's word, another name on loopback is refused (DNS rebinding).
    expect((await proxied({ Origin: 'https://jadwal.dinkes.example' })).status).toBe(421);
    const signedIn = await proxied({ 'X-Forwarded-Proto': 'https', Origin: 'https://jadwal.dinkes.example' });
    expect(signedIn.status, signedIn.body).toBe(200);
    expect(String(signedIn.headers['set-cookie']?.[0])).toMatch(/HttpOnly; SameSite=Strict; .*; Secure$/);
    const cookie = String(signedIn.headers['set-cookie']?.[0]).split(';')[0]!;
    expect((await proxied({ 'X-Forwarded-Proto': 'https', Origin: 'https://jadwal.dinkes.example', Cookie: cookie }, '/api/app:info', {})).status).toBe(200);
    // A page of another site, or the same name over plain http, is refused before anything runs.
    expect((await proxied({ 'X-Forwarded-Proto': 'https', Origin: 'https://contoh-jahat.example', Cookie: cookie }, '/api/app:info', {})).status).toBe(403);
    expect((await proxied({ 'X-Forwarded-Proto': 'https', Origin: 'http://evil.example', Cookie: cookie }, '/api/app:info', {})).status).toBe(403);
  });

  it('says sign-in is required, prints no secret, and refuses the API without a session', async () => {
    expect(shell.accounts).toBe(true);
    expect(shell.url).not.toContain('token=');
    const session = await rawRequest(shell, { path: '/auth/session', withSecret: false });
    expect(json(session)).toEqual({ ok: true, data: { accountsRequired: true, user: null } });
    const refused = await post('/api/app:info', {});
    expect(refused.status).toBe(401);
    expect(json(refused).error?.code).toBe('UNAUTHORIZED');
    // The per-run secret of the single-PC mode opens nothing here.
    const withSecret = await rawRequest(shell, { method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(withSecret.status).toBe(401);
  });

  it('a wrong password is refused with 401 in both languages, and sets no cookie', async () => {
    const reply = await post('/auth/login', { login: 'koor', password: 'bukan-kata-sandinya' });
    expect(reply.status).toBe(401);
    expect(reply.headers['set-cookie']).toBeUndefined();
    expect(json(reply).error).toMatchObject({ code: 'UNAUTHORIZED', message: 'Nama pengguna atau kata sandi salah.', messageEn: 'Wrong login name or password.' });
    const malformed = await post('/auth/login', { login: 'koor' });
    expect(malformed.status).toBe(422);
    const form = await rawRequest(shell, { method: 'POST', path: '/auth/login', withSecret: false, headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'login=koor&password=x' });
    expect(form.status).toBe(415); // a cross-site form cannot sign anyone in
  });

  it('signs in with an HttpOnly, SameSite=Strict cookie that opens the API as that user', async () => {
    const reply = await post('/auth/login', { login: 'koor', password: PASSWORD });
    expect(reply.status).toBe(200);
    expect(json(reply).data).toEqual({ user: { login: 'koor', displayName: 'koor', role: 'coordinator', specialistId: null } });
    const cookie = String(reply.headers['set-cookie']?.[0]);
    expect(cookie).toMatch(new RegExp(`^asuhan-session-${shell.port}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=/; Max-Age=43200$`));
    const session = cookie.split(';')[0]!;
    expect(json(await rawRequest(shell, { path: '/auth/session', withSecret: false, headers: { Cookie: session } })).data.user.login).toBe('koor');
    const created = await post('/api/hospitals:create', { name: 'RS Koordinator' }, session);
    expect(created.status, created.body).toBe(200);
    const log = await t.db.kysely.selectFrom('audit_log').select('actor').where('entity', '=', 'hospital').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(log.actor).toBe('koor');
  });

  it('a viewer reads, but every write is refused with 403 FORBIDDEN and nothing is written', async () => {
    const session = await signIn('lihat');
    expect((await post('/api/specialists:list', {}, session)).status).toBe(200);
    const before = await databaseDigest(t.db);
    for (const [method, input] of [
      ['hospitals:create', { name: 'RS Pemantau' }],
      ['settings:update', { changes: { districtName: 'Bukan' } }],
      ['backups:create', {}],
      ['users:create', { login: 'baru', displayName: 'Baru', role: 'admin', password: 'panjang-sekali-ya' }],
    ] as const) {
      const reply = await post(`/api/${method}`, input, session);
      expect(reply.status, method).toBe(403);
      expect(json(reply).error).toMatchObject({ code: 'FORBIDDEN', messageEn: 'Not allowed: your role (viewer) may not do this; nothing was changed.' });
    }
    expect(await databaseDigest(t.db)).toBe(before);
  });

  it('signing out ends the session on the server and clears the cookie', async () => {
    const session = await signIn('admin');
    expect((await post('/api/users:list', {}, session)).status).toBe(200);
    const out = await post('/auth/logout', {}, session);
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie']?.[0])).toMatch(/^asuhan-session-\d+=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0$/);
    expect((await post('/api/users:list', {}, session)).status).toBe(401);
  });
});

describe('calendar feeds', () => {
  it('serve a specialist\'s own visits without a session, cancellations as STATUS:CANCELLED; revoked, they are gone', async () => {
    const db = t.db.kysely;
    const feed = await createFeed(db, seeded.specialistA, TEST_TODAY);
    expect(feed.path).toMatch(/^\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const stored = await db.selectFrom('calendar_feed').selectAll().where('id', '=', feed.id).executeTakeFirstOrThrow();
    expect(feed.path).not.toContain(stored.token_hash);

    const reply = await rawRequest(shell, { path: feed.path, withSecret: false });
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(reply.headers['referrer-policy']).toBe('no-referrer');
    expect(rfc5545Problems(reply.body)).toEqual([]);
    const parsed = parseWithIcalJs(reply.body);
    expect(parsed.events.map((e) => e.uid).sort()).toEqual(['uji-a-1@asuhan', 'uji-a-2@asuhan', 'uji-a-3@asuhan']);
    expect(parsed.events.find((e) => e.uid === 'uji-a-3@asuhan')?.status).toBe('CANCELLED');
    expect(parsed.events.find((e) => e.uid === 'uji-a-2@asuhan')?.status).toBe('TENTATIVE');
    const python = parseWithPython(t.dir, [{ fileName: 'feed.ics', base64: Buffer.from(reply.body).toString('base64') }]);
    expect(python[0]!.events.map((e) => `${e.uid} ${e.status}`).sort()).toEqual(['uji-a-1@asuhan CONFIRMED', 'uji-a-2@asuhan TENTATIVE', 'uji-a-3@asuhan CANCELLED']);

    // Fetched again after a change, the same UIDs come back: the calendar updates, never duplicates.
    await db.updateTable('visit').set({ status: 'cancelled', sequence: 1 }).where('uid', '=', 'uji-a-2').execute();
    const again = parseWithIcalJs((await rawRequest(shell, { path: feed.path, withSecret: false })).body);
    expect(again.events.find((e) => e.uid === 'uji-a-2@asuhan')).toMatchObject({ status: 'CANCELLED', sequence: 1 });
    expect(again.events).toHaveLength(3);

    await revokeFeed(db, feed.id, TEST_TODAY);
    const gone = await rawRequest(shell, { path: feed.path, withSecret: false });
    expect(gone.status).toBe(404);
    expect(gone.body).not.toContain('BEGIN:VCALENDAR');
  });

  it('the district link carries every specialist\'s visits; an unknown token gets 404', async () => {
    const feed = await createFeed(t.db.kysely, null, TEST_TODAY);
    const parsed = parseWithIcalJs((await rawRequest(shell, { path: feed.path, withSecret: false })).body);
    expect(parsed.events.map((e) => e.uid).sort()).toEqual(['uji-a-1@asuhan', 'uji-a-2@asuhan', 'uji-a-3@asuhan', 'uji-b-1@asuhan', 'uji-b-2@asuhan']);
    expect((await rawRequest(shell, { path: `/feeds/${'A'.repeat(43)}.ics`, withSecret: false })).status).toBe(404);
    expect((await rawRequest(shell, { path: '/feeds/kurang.ics', withSecret: false })).status).toBe(404);
  });

  it('feed links are made, listed and revoked by a coordinator through the API; a viewer may not see them', async () => {
    const koor = await signIn('koor');
    const made = json(await post('/api/feeds:create', { specialistId: seeded.specialistB }, koor));
    expect(made.ok).toBe(true);
    const listed = json(await post('/api/feeds:list', {}, koor)).data as { id: number; specialistId: number | null }[];
    expect(listed.some((f) => f.id === made.data.id && f.specialistId === seeded.specialistB)).toBe(true);
    expect(JSON.stringify(listed)).not.toMatch(/[A-Za-z0-9_-]{43}/); // no token is ever listed
    const viewer = await signIn('lihat');
    expect((await post('/api/feeds:list', {}, viewer)).status).toBe(403);
    expect((await post('/api/feeds:revoke', { id: made.data.id }, viewer)).status).toBe(403);
    expect((await rawRequest(shell, { path: made.data.path, withSecret: false })).status).toBe(200);
    expect((await post('/api/feeds:revoke', { id: made.data.id }, koor)).status).toBe(200);
    expect((await rawRequest(shell, { path: made.data.path, withSecret: false })).status).toBe(404);
  });
});

describe('without accounts the single-PC mode is unchanged', () => {
  it('the per-run secret opens the API, and /auth/session says no sign-in is needed', async () => {
    const local = await startWebShell({ api: t.api, staticDir: t.dir, port: 0 });
    try {
      expect(local.url).toContain('?token=');
      const session = await rawRequest(local, { path: '/auth/session' });
      expect(json(session).data).toEqual({ accountsRequired: false, user: { login: 'koordinator', displayName: 'Koordinator', role: 'admin', specialistId: null } });
      expect(json(await rawRequest(local, { path: '/auth/session', withSecret: false })).data.user).toBeNull();
      expect((await rawRequest(local, { method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(200);
      expect((await rawRequest(local, { method: 'POST', path: '/auth/login', withSecret: false, headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(404);
    } finally {
      await local.close();
    }
  });
});
