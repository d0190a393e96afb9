// `asuhan users` and `asuhan feeds`: the first admin is made on the console, the password comes
// from stdin (or a prompt), never from an option and never printed back.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { openDatabase } from '../../src/db/connect';
import { signIn } from '../../src/server/accounts';
import { TEST_TODAY, tempDir } from '../fixtures/temp-db';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: {}, now: () => TEST_TODAY, stdin: Readable.from([Buffer.from(stdin)]) };
  const code = await main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('asuhan users', () => {
  it('adds the first admin from --password-stdin, lists, disables, enables and resets, never printing the password', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = path.join(dir, 'server.db');
    expect((await cli(['init', '--db', db])).code).toBe(0);
    expect((await cli(['users', 'list', '--db', db])).out).toMatch(/Belum ada pengguna/);

    const added = await cli(['users', 'add', 'Admin.Dinkes', '--role', 'admin', '--name', 'Admin Dinkes', '--password-stdin', '--db', db], 'gado-gado-pedas\n');
    expect(added.code, added.err).toBe(0);
    expect(added.out).toBe('Pengguna dibuat: admin.dinkes, Admin Dinkes, admin, aktif; kabupaten/kota: semua');
    expect(added.out + added.err).not.toContain('gado-gado-pedas');

    const short = await cli(['users', 'add', 'pendek', '--role', 'viewer', '--password-stdin', '--db', db], 'pendek\n');
    expect(short.code).toBe(2);
    expect(short.err).toMatch(/minimal 10 karakter/);
    const noRole = await cli(['users', 'add', 'tanpa', '--password-stdin', '--db', db], 'cukup-panjang-kok\n');
    expect(noRole.code).toBe(2);
    const twice = await cli(['users', 'add', 'admin.dinkes', '--role', 'viewer', '--password-stdin', '--db', db], 'cukup-panjang-kok\n');
    expect(twice.code).toBe(2);
    expect(twice.err).toMatch(/sudah dipakai/);

    expect((await cli(['users', 'add', 'lihat', '--role', 'viewer', '--password-stdin', '--db', db], 'cukup-panjang-kok')).code).toBe(0);
    const listed = await cli(['users', 'list', '--db', db, '--json']);
    expect((JSON.parse(listed.out) as { login: string; role: string }[]).map((u) => `${u.login}:${u.role}`)).toEqual(['admin.dinkes:admin', 'lihat:viewer']);
    expect(listed.out).not.toMatch(/argon2/);

    expect((await cli(['users', 'disable', 'lihat', '--db', db])).out).toMatch(/Dinonaktifkan/);
    const lastAdmin = await cli(['users', 'disable', 'admin.dinkes', '--db', db]);
    expect(lastAdmin.code).toBe(2);
    expect(lastAdmin.err).toMatch(/admin aktif terakhir/);
    expect((await cli(['users', 'enable', 'lihat', '--db', db])).code).toBe(0);
    const reset = await cli(['users', 'reset-password', 'lihat', '--password-stdin', '--db', db], 'soto-ayam-lamongan\n');
    expect(reset.code, reset.err).toBe(0);
    expect(reset.out).toMatch(/Kata sandi diganti/);

    const opened = await openDatabase(db);
    try {
      expect((await signIn(opened.kysely, 'lihat', 'cukup-panjang-kok', TEST_TODAY)).ok).toBe(false);
      expect((await signIn(opened.kysely, 'lihat', 'soto-ayam-lamongan', TEST_TODAY)).ok).toBe(true);
      const log = await opened.kysely.selectFrom('audit_log').select(['entity', 'action']).where('entity', '=', 'user').execute();
      expect(log.length).toBe(5); // two made, disabled, enabled, reset
    } finally {
      await opened.close();
    }
  });
});

describe('asuhan feeds', () => {
  it('makes a link shown once, lists it without the token, and revokes it', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = path.join(dir, 'server.db');
    expect((await cli(['init', '--db', db])).code).toBe(0);
    const added = await cli(['feeds', 'add', '--base-url', 'https://jadwal.dinkes.example/', '--db', db, '--json']);
    expect(added.code, added.err).toBe(0);
    const feed = JSON.parse(added.out) as { id: number; url: string };
    expect(feed.url).toMatch(/^https:\/\/jadwal\.dinkes\.example\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
    const token = /feeds\/(.+)\.ics/.exec(feed.url)![1]!;
    const listed = await cli(['feeds', 'list', '--db', db]);
    expect(listed.out).toMatch(/seluruh kabupaten/);
    expect(listed.out).not.toContain(token);
    expect((await cli(['feeds', 'revoke', String(feed.id), '--db', db])).out).toMatch(/dicabut/);
    expect((await cli(['feeds', 'revoke', String(feed.id), '--db', db])).err).toMatch(/sudah dicabut/);
    expect((await cli(['feeds', 'list', '--db', db])).out).toMatch(/Belum ada tautan/);
  });
});
