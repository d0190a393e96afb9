// `asuhan serve --host`: a shared server listens on the office network, but only with accounts.
// A real process (the CLI from source) on 0.0.0.0 with --accounts is reached on this computer's
// network address (or 127.0.0.1 when it has none), by a name that is not this computer's, signs
// in, and still refuses another site's Origin; without accounts --host is refused before the
// database is even created.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import type { CliIo } from '../../src/cli/command';
import { openDatabase } from '../../src/db/connect';
import { createUser } from '../../src/server/accounts';
import { startWebShell } from '../../src/server/web-shell';
import { createSqliteTestDb, TEST_TODAY, type SqliteTestDb } from '../fixtures/temp-db';
import { ROOT } from '../e2e/support/renderer-build';
import { TEST_COST } from './fixtures';

interface Started {
  url: string;
  networkUrls: string[];
  host: string;
  accounts: boolean;
}

let testDb: SqliteTestDb;
let child: ChildProcess;
let started: Started;
let stderr = '';

beforeAll(async () => {
  testDb = await createSqliteTestDb({ demo: true });
  await createUser(testDb.db.kysely, { login: 'koordinator.a', displayName: 'Koordinator A', role: 'coordinator', specialistId: null, password: 'rawon-setan-pedas' }, { now: TEST_TODAY, cost: TEST_COST });
  await testDb.db.close(); // the server opens the file itself
  const script = `import { register } from 'tsx/esm/api'; register(); const { main } = await import(${JSON.stringify(path.join(ROOT, 'src/cli/main.ts'))});
    process.exitCode = await main(['serve', '--accounts', '--host', '0.0.0.0', '--db', ${JSON.stringify(testDb.file)}, '--port', '0', '--json']);`;
  child = spawn(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  started = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line) as Started);
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    setTimeout(() => reject(new Error(`serve did not start: ${stderr}`)), 60_000);
  });
}, 90_000);

afterAll(() => {
  if (child.exitCode === null) child.kill('SIGTERM');
  fs.rmSync(testDb.dir, { recursive: true, force: true });
});

function ipv4Addresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && a.family === 'IPv4')
    .map((a) => a.address);
}

async function runCli(args: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const io: CliIo = { out: () => {}, err: (l) => err.push(l), env: {}, now: () => TEST_TODAY };
  return { code: await main(args, io), err };
}

describe('asuhan serve --host 0.0.0.0 --accounts', () => {
  it('prints every network address of this computer, and 127.0.0.1 for this one', () => {
    expect(started.host).toBe('0.0.0.0');
    expect(started.accounts).toBe(true);
    expect(started.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const port = new URL(started.url).port;
    expect(started.networkUrls).toEqual(ipv4Addresses().map((a) => `http://${a}:${port}/`));
  });

  it('is reached on the network address under any name, signs in and answers the API', async () => {
    const port = Number(new URL(started.url).port);
    const address = ipv4Addresses()[0] ?? '127.0.0.1';
    // An office name such as jadwal.dinkes.local; fetch cannot set Host, so a raw request does.
    const http = await import('node:http');
    const request = (pathName: string, body: unknown, headers: Record<string, string>) =>
      new Promise<{ status: number; cookie: string; body: string }>((resolve, reject) => {
        const req = http.request({ host: address, port, path: pathName, method: 'POST', headers: { 'Content-Type': 'application/json', Host: `jadwal.dinkes.local:${port}`, ...headers } }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: String(res.headers['set-cookie']?.[0] ?? '').split(';')[0]!, body: text }));
        });
        req.on('error', reject);
        req.end(JSON.stringify(body));
      });
    expect((await request('/api/app:info', {}, {})).status).toBe(401);
    const signIn = await request('/auth/login', { login: 'koordinator.a', password: 'rawon-setan-pedas' }, { Origin: `http://jadwal.dinkes.local:${port}` });
    expect(signIn.status).toBe(200);
    const list = await request('/api/puskesmas:list', {}, { Cookie: signIn.cookie });
    expect(list.status).toBe(200);
    expect((JSON.parse(list.body) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    // Another site's page, with the user's cookie, is still refused before anything runs.
    const foreign = await request('/api/puskesmas:list', {}, { Cookie: signIn.cookie, Origin: 'http://contoh-jahat.example' });
    expect(foreign.status).toBe(403);
  });
});

describe('asuhan serve --host without accounts', () => {
  it('is refused in both languages with exit 2, and no database is created', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'asuhan-serve-host-'));
    try {
      const file = path.join(dir, 'asuhan.db');
      const refused = await runCli(['serve', '--db', file, '--host', '0.0.0.0', '--port', '0']);
      expect(refused.code).toBe(2);
      expect(refused.err.join('\n')).toContain('--host 0.0.0.0 hanya bisa bersama akun');
      expect(fs.existsSync(file)).toBe(false);
      const err: string[] = [];
      const code = await main(['serve', '--db', file, '--host', '192.168.1.10'], { out: () => {}, err: (l) => err.push(l), env: { ASUHAN_LANG: 'en' }, now: () => TEST_TODAY });
      expect(code).toBe(2);
      expect(err.join('\n')).toContain('--host 192.168.1.10 needs accounts (--accounts, or --database-url)');
      const notAnAddress = await runCli(['serve', '--accounts', '--db', file, '--host', 'jadwal.dinkes.local']);
      expect(notAnAddress.code).toBe(2);
      expect(notAnAddress.err.join('\n')).toContain('--host harus alamat IP');
      expect(fs.existsSync(file)).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the web shell itself will not listen beyond loopback without accounts', async () => {
    const t = await createSqliteTestDb();
    try {
      await expect(startWebShell({ api: t.api, staticDir: t.dir, port: 0, host: '0.0.0.0' })).rejects.toThrow(/needs accounts/);
    } finally {
      await t.close();
    }
  });
});
