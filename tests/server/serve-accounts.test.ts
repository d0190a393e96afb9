// `asuhan serve --accounts` as an admin starts it (a real process, the CLI from source): it warns
// while no admin exists, prints an address without a secret, and only a signed-in session opens
// the API; a database URL alone would turn accounts on too (accountsRequired).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountsRequired, createUser } from '../../src/server/accounts';
import { openDatabase } from '../../src/db/connect';
import { createTestDb, TEST_TODAY, type TestDb } from '../fixtures/temp-db';
import { ROOT } from '../e2e/support/renderer-build';
import { TEST_COST } from './fixtures';

let testDb: TestDb;
let child: ChildProcess;
let started: { url: string; accounts: boolean };
let stderr = '';

beforeAll(async () => {
  testDb = await createTestDb({ demo: true });
  await testDb.db.close(); // the server opens the file itself
  const script = `import { register } from 'tsx/esm/api'; register(); const { main } = await import(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))});
    process.exitCode = await main(['serve', '--accounts', '--db', ${JSON.stringify(testDb.file)}, '--port', '0', '--json']);`;
  child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  started = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as { url: string; accounts: boolean });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
  });
}, 90_000);

afterAll(async () => {
  if (child.exitCode === null) child.kill('SIGTERM');
  const fs = await import('node:fs');
  fs.rmSync(testDb.dir, { recursive: true, force: true });
});

describe('asuhan serve --accounts', () => {
  it('a database URL or --accounts turns accounts on; neither keeps the single-PC mode', () => {
    expect(accountsRequired({ accounts: true })).toBe(true);
    expect(accountsRequired({ databaseUrl: 'postgres://asuhan@localhost/asuhan' })).toBe(true);
    expect(accountsRequired({ accounts: false, databaseUrl: 'postgres://asuhan@localhost/asuhan' })).toBe(true);
    expect(accountsRequired({})).toBe(false);
    expect(accountsRequired({ accounts: false, databaseUrl: '' })).toBe(false);
  });

  it('warns that no admin exists yet and prints an address with no secret in it', () => {
    expect(started.accounts).toBe(true);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(stderr).toContain('Belum ada admin aktif');
  });

  it('opens the API only to a signed-in session; an admin made while it runs can sign in', async () => {
    const origin = started.url.replace(/\/$/, '');
    const post = (pathName: string, body: unknown, cookie = '') =>
      fetch(`${origin}${pathName}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) }, body: JSON.stringify(body) });
    expect((await post('/api/app:info', {})).status).toBe(401);
    const db = await openDatabase(testDb.file);
    try {
      await createUser(db.kysely, { login: 'admin', displayName: 'Admin', role: 'admin', specialistId: null, password: 'pecel-madiun-enak' }, { now: TEST_TODAY, cost: TEST_COST });
    } finally {
      await db.close();
    }
    const signIn = await post('/auth/login', { login: 'admin', password: 'pecel-madiun-enak' });
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    const info = await post('/api/users:list', {}, cookie);
    expect(info.status).toBe(200);
    expect(((await info.json()) as { data: { login: string }[] }).data.map((u) => u.login)).toEqual(['admin']);
  });

  it('stops on SIGTERM', async () => {
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
