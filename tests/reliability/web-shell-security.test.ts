// The web shell answers only this machine and only its user: bound to 127.0.0.1, Host and Origin
// checked (DNS rebinding, cross-site requests), every API call carrying the secret made at start
// (issue 13, point 9), only the API and the built files, nothing outside them.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES, startWebShell, type WebShell } from '../../src/server/web-shell';
import { createSqliteTestDb, type SqliteTestDb } from '../fixtures/temp-db';
import { contentDigest } from './db-digest';
import { rawRequest, type RawRequest } from './support/shell-request';

const SECRET = 'RAHASIA-jangan-bocor';
let t: SqliteTestDb;
let shell: WebShell;
let staticDir: string;

beforeAll(async () => {
  t = await createSqliteTestDb({ demo: true });
  staticDir = path.join(t.dir, 'site', 'renderer');
  fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Asuhan</title>');
  fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(t.dir, 'site', 'secret.txt'), SECRET); // beside the static folder
  fs.writeFileSync(path.join(t.dir, 'secret.txt'), SECRET);
  shell = await startWebShell({ api: t.api, staticDir, port: 0 });
});
afterAll(async () => {
  await shell.close();
  await t.close();
});

const request = (options: RawRequest) => rawRequest(shell, options);

const post = (method: string, input: unknown, headers: Record<string, string> = {}) =>
  request({ method: 'POST', path: `/api/${method}`, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(input) });

describe('web shell security', () => {
  it('listens on 127.0.0.1 only', async () => {
    expect((shell.server.address() as net.AddressInfo).address).toBe('127.0.0.1');
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = net.connect({ host: external.address, port: shell.port }, () => {
          socket.destroy();
          resolve(true);
        });
        socket.on('error', () => resolve(false));
      });
      expect(reached, `reachable on ${external.address}`).toBe(false);
    }
  });

  it('answers the API and the built files to local callers, with security headers', async () => {
    const info = await post('app:info', {});
    expect(info.status).toBe(200);
    expect(JSON.parse(info.body)).toMatchObject({ ok: true, data: { databasePath: t.file } });
    const page = await request({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await request({ path: '/assets/app.js' })).body).toBe('console.log(1)');
    expect((await request({ path: '/', headers: { Host: `localhost:${shell.port}` } })).status).toBe(200);
  });

  it('refuses other Host names (DNS rebinding)', async () => {
    for (const host of ['evil.example', `evil.example:${shell.port}`, `127.0.0.1.evil.example:${shell.port}`, '127.0.0.1', `127.0.0.1:${shell.port + 1}`, `LOCALHOST.:${shell.port}`, '']) {
      const reply = await request({ path: '/api/app:info', method: 'POST', headers: { Host: host, 'Content-Type': 'application/json' }, body: '{}' });
      expect(reply.status, `Host: ${host}`).toBe(421);
      expect(reply.body).not.toContain(t.file);
    }
  });

  it('refuses cross-site writes: foreign Origin, form posts, wrong verbs, and writes nothing', async () => {
    const before = contentDigest(t.db.sqlite);
    const hospital = { name: 'RS Dari Situs Lain' };
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1.evil.example:${shell.port}`, `https://evil.example`, `http://localhost:${shell.port + 1}`]) {
      const reply = await post('hospitals:create', hospital, { Origin: origin });
      expect(reply.status, `Origin: ${origin}`).toBe(403);
    }
    // A plain HTML form can only send form or text bodies: refused before reading.
    for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
      const reply = await request({ method: 'POST', path: '/api/hospitals:create', headers: { 'Content-Type': type }, body: 'name=RS+Form' });
      expect(reply.status, type).toBe(415);
    }
    expect((await request({ path: '/api/hospitals:create' })).status).toBe(405);
    expect((await request({ method: 'PUT', path: '/index.html' })).status).toBe(405);
    expect((await request({ method: 'DELETE', path: '/' })).status).toBe(405);
    expect(contentDigest(t.db.sqlite)).toBe(before);
    // The same write from the app's own origin goes through.
    expect((await post('hospitals:create', hospital, { Origin: `http://127.0.0.1:${shell.port}` })).status).toBe(200);
  });

  it('refuses every API call without the secret with 401, before anything runs (point 9: any local process could call it)', async () => {
    const before = contentDigest(t.db.sqlite);
    const backups = fs.existsSync(path.join(t.dir, 'backups')) ? fs.readdirSync(path.join(t.dir, 'backups'), { recursive: true }).length : 0;
    const wrongCookies: Record<string, string>[] = [
      {},
      { Cookie: `asuhan-${shell.port}=` },
      { Cookie: `asuhan-${shell.port}=${shell.token.slice(0, -1)}x` },
      { Cookie: `asuhan-${shell.port + 1}=${shell.token}` },
      { Cookie: `asuhan=${shell.token}` },
      { Authorization: 'Bearer wrong' },
      { Authorization: `Basic ${Buffer.from(`x:${shell.token}`).toString('base64')}` },
    ];
    for (const method of ['backups:restore', 'backups:create', 'hospitals:create', 'app:info', 'settings:update', 'no:such']) {
      for (const headers of wrongCookies) {
        // No Origin header at all: a script, curl, another user's process.
        const reply = await request({ method: 'POST', path: `/api/${method}`, withSecret: false, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify({ name: 'RS Tanpa Kunci', file: 'asuhan-20260101-000000-manual.db' }) });
        expect(reply.status, `${method} ${JSON.stringify(headers)}`).toBe(401);
        expect(JSON.parse(reply.body)).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: expect.stringContaining('asuhan serve') } });
        expect(reply.body).not.toContain(t.file);
      }
    }
    // Even a body too large to read, or a GET, is refused for want of the secret first.
    expect((await request({ method: 'POST', path: '/api/app:info', withSecret: false, headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_BYTES + 1) }, body: '' }).catch(() => ({ status: 401 }))).status).toBe(401);
    expect((await request({ path: '/api/app:info', withSecret: false })).status).toBe(401);
    expect(contentDigest(t.db.sqlite)).toBe(before);
    expect(fs.existsSync(path.join(t.dir, 'backups')) ? fs.readdirSync(path.join(t.dir, 'backups'), { recursive: true }).length : 0).toBe(backups);
    // Scripts of the same user may send it as a bearer token.
    expect((await request({ method: 'POST', path: '/api/app:info', withSecret: false, headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${shell.token}` }, body: '{}' })).status).toBe(200);
  });

  it('the printed link stores the secret in an HttpOnly SameSite=Strict cookie and drops it from the address', async () => {
    expect(shell.url).toBe(`http://127.0.0.1:${shell.port}/?token=${shell.token}`);
    expect(shell.token.length).toBeGreaterThanOrEqual(43); // 32 random bytes
    const link = await request({ path: `/?token=${shell.token}`, withSecret: false });
    expect(link.status).toBe(303);
    expect(link.headers.location).toBe('/');
    expect(link.headers['set-cookie']).toEqual([`asuhan-${shell.port}=${shell.token}; HttpOnly; SameSite=Strict; Path=/`]);
    const wrong = await request({ path: '/?token=guess', withSecret: false });
    expect(wrong.status).toBe(401);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // A second shell has its own secret: one shell's cookie does not open another.
    const other = await startWebShell({ api: t.api, staticDir, port: 0 });
    try {
      expect(other.token).not.toBe(shell.token);
      const reply = await rawRequest(other, { method: 'POST', path: '/api/app:info', withSecret: false, headers: { 'Content-Type': 'application/json', Cookie: `asuhan-${other.port}=${shell.token}` }, body: '{}' });
      expect(reply.status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('serves nothing outside the built files (path traversal)', async () => {
    const attempts = [
      '/../secret.txt',
      '/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%2f..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/..%5c..%5csecret.txt',
      '/%252e%252e/secret.txt',
      `/${'..%2f'.repeat(12)}etc/passwd`,
      '/secret.txt%00.js',
      '//etc/passwd',
      `/${encodeURIComponent(path.join(t.dir, 'secret.txt'))}`,
    ];
    for (const attempt of attempts) {
      const reply = await request({ path: attempt });
      expect(reply.body, attempt).not.toContain(SECRET);
      expect(reply.body, attempt).not.toMatch(/root:.*:0:0:/);
      expect([200, 400, 403, 404], attempt).toContain(reply.status);
      if (reply.status === 200) expect(reply.body, attempt).toContain('<title>Asuhan</title>'); // the single page, nothing else
    }
  });

  it('serves the page for a doubled slash, as a pasted address may have ("//"), instead of failing', async () => {
    for (const attempt of ['//', '//data', '///']) {
      const reply = await request({ path: attempt });
      expect(reply.status, attempt).toBe(200);
      expect(reply.body, attempt).toContain('<title>Asuhan</title>');
    }
  });

  it('answers malformed requests with a client error, not a crash', async () => {
    expect((await request({ path: '/%E0%A4%A' })).status).toBeLessThan(500);
    const badJson = await request({ method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/json' }, body: '{"a":' });
    expect(badJson.status).toBe(422);
    expect(JSON.parse(badJson.body)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const unknown = await post('__proto__', {});
    expect(JSON.parse(unknown.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    const huge = await request({ method: 'POST', path: '/api/app:info', headers: { 'Content-Type': 'application/json', 'Content-Length': String(MAX_BODY_BYTES + 1) }, body: '' }).catch(() => ({ status: 413 }));
    expect(huge.status).toBe(413);
  });
});
