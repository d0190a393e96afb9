// `asuhan serve` as a user starts it: a real process on a free port against a demo database,
// answering the API over HTTP and stopping cleanly on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { ROOT } from './support/renderer-build';

let testDb: TestDb;
let child: ChildProcess;
let url: string;
let origin: string;
let token: string;

beforeAll(async () => {
  testDb = await createTestDb({ demo: true });
  await testDb.db.close(); // the server opens the file itself
  child = spawn(process.execPath, [path.join(ROOT, 'bin', 'asuhan.mjs'), 'serve', '--db', testDb.file, '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
    setTimeout(() => reject(new Error('serve did not start')), 30_000);
  });
  origin = new URL(url).origin;
  token = new URL(url).searchParams.get('token') ?? '';
}, 60_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGTERM');
  const fs = await import('node:fs');
  fs.rmSync(testDb.dir, { recursive: true, force: true });
});

describe('asuhan serve', () => {
  it('binds to 127.0.0.1 and answers the API', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43}$/);
    const response = await fetch(`${origin}/api/puskesmas:list`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' });
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
    const result = (await response.json()) as { ok: boolean; data: unknown[] };
    expect(result.ok).toBe(true);
    expect(result.data).toHaveLength(45);
  });

  it('opens for the printed link (the secret goes into a cookie) and for nobody else', async () => {
    const link = await fetch(url, { redirect: 'manual' });
    expect(link.status).toBe(303);
    const cookie = (link.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect(cookie).toBe(`asuhan-${new URL(url).port}=${token}`);
    const withCookie = await fetch(`${origin}/api/app:info`, { method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie }, body: '{}' });
    expect(withCookie.status).toBe(200);
    const without = await fetch(`${origin}/api/app:info`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(without.status).toBe(401);
  });

  it('returns bilingual validation errors with the field', async () => {
    const response = await fetch(`${origin}/api/hospitals:create`, { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: JSON.stringify({ name: '' }) });
    expect(response.status).toBe(422);
    const result = (await response.json()) as { ok: false; error: { code: string; fields: { path: string; message: string; messageEn: string }[] } };
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.fields[0]).toMatchObject({ path: 'name' });
  });

  it('stops on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
