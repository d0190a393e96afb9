import fs from 'node:fs';
import { isIP } from 'node:net';
import path from 'node:path';
import { accountsRequired, shellAccounts } from '../../server/accounts';
import { serverDistrictRouter } from '../../server/district-router';
import { feedByToken } from '../../server/feeds';
import { DEFAULT_STATIC_DIR, isLoopbackAddress, startWebShell } from '../../server/web-shell';
import type { CliCommand } from '../command';
import { stringOption, usageError } from '../command';
import { databaseLocation } from '../../db/connect';
import { SolverThread } from '../../scheduler/worker';
import { withApi } from '../session';

function parsePort(value: string | undefined): number {
  if (value === undefined) return 5174;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535) {
    throw usageError(`--port harus angka 0-65535, bukan "${value}".`, `--port must be a number 0-65535, not "${value}".`);
  }
  return port;
}

/** `--host`: an IP address to listen on; beyond loopback only a server where everyone signs in. */
function parseHost(value: string | undefined, withAccounts: boolean): string {
  if (value === undefined) return '127.0.0.1';
  if (isIP(value) === 0) {
    throw usageError(`--host harus alamat IP komputer ini (mis. 0.0.0.0 untuk semua jaringan, atau 192.168.1.10), bukan "${value}".`, `--host must be an IP address of this computer (e.g. 0.0.0.0 for every network, or 192.168.1.10), not "${value}".`);
  }
  if (!isLoopbackAddress(value) && !withAccounts) {
    throw usageError(
      `--host ${value} hanya bisa bersama akun (--accounts, atau --database-url): tanpa akun, aplikasi hanya untuk komputer ini (127.0.0.1).`,
      `--host ${value} needs accounts (--accounts, or --database-url): without accounts the app is for this computer only (127.0.0.1).`,
    );
  }
  return value;
}

/** Resolves on Ctrl+C or a termination signal. */
function untilStopped(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'Jalankan aplikasi di peramban (http://127.0.0.1:PORT; dengan akun juga di jaringan kantor: --host)',
  usage: 'asuhan serve [--db PATH | --database-url postgres://...] [--port N] [--accounts] [--host ADDR]',
  details:
    'Menyajikan tampilan yang sudah dibangun (npm run build:renderer) dan API yang sama dengan aplikasi desktop, hanya di 127.0.0.1.\n' +
    'Alamat yang dicetak memuat kunci rahasia (?token=...) yang baru setiap kali dijalankan: hanya yang membukanya yang bisa memakai API.\n' +
    '--accounts: setiap orang masuk dengan nama pengguna dan kata sandi (buat admin pertama dengan "asuhan users add"); perannya menentukan apa yang boleh diubah.\n' +
    'Kalender langganan (/feeds/<token>.ics, lihat "asuhan feeds") tersedia tanpa masuk: tokennya adalah rahasianya.\n' +
    '--host ADDR: alamat IP yang didengar (bawaan 127.0.0.1; 0.0.0.0 = semua jaringan), hanya bersama akun (--accounts atau --database-url).\n' +
    '--port 0 memilih port bebas. Hentikan dengan Ctrl+C.',
  options: { port: { type: 'string' }, accounts: { type: 'boolean' }, host: { type: 'string' } },
  async run({ values }, flags, io) {
    const port = parsePort(stringOption(values, 'port'));
    // Checked before the database opens: the single-PC mode never leaves loopback.
    const host = parseHost(stringOption(values, 'host'), accountsRequired({ accounts: values.accounts === true, databaseUrl: flags.databaseUrl }));
    // Every plan is solved on this thread, so one coordinator planning never stalls the others' calls.
    const planner = new SolverThread();
    return withApi(flags, io, async (api, ctx) => {
      if (!fs.existsSync(path.join(DEFAULT_STATIC_DIR, 'index.html'))) {
        io.err('Tampilan belum dibangun: jalankan "npm run build:renderer" (atau "npm run serve"). Hanya API yang tersedia.');
      }
      const db = ctx.db.kysely;
      const withAccounts = accountsRequired({ accounts: values.accounts === true, databaseUrl: ctx.db.engine === 'postgres' ? databaseLocation(ctx.db) : undefined });
      if (withAccounts && !(await db.selectFrom('app_user').select('id').where('role', '=', 'admin').where('disabled', '=', 0).executeTakeFirst())) {
        io.err('Belum ada admin aktif: buat dengan "asuhan users add LOGIN --role admin" (boleh sambil server berjalan).');
      }
      // Every district of this database, each call in the one it names (issue 15, point 2).
      const router = serverDistrictRouter(ctx.db, ctx.now, planner);
      const shell = await startWebShell({
        api,
        router,
        staticDir: DEFAULT_STATIC_DIR,
        port,
        host,
        ...(withAccounts ? { accounts: shellAccounts(db, ctx.now) } : {}),
        feeds: (token) => router.feed(token, (district) => feedByToken(district.kysely, token, ctx.now())),
      });
      if (flags.json) io.out(JSON.stringify({ url: shell.url, networkUrls: shell.networkUrls, port: shell.port, host, database: databaseLocation(ctx.db), accounts: shell.accounts }));
      else if (shell.accounts) {
        io.out(`Asuhan berjalan di ${shell.url}  (database: ${databaseLocation(ctx.db)}, masuk dengan akun)`);
        for (const url of shell.networkUrls) io.out(`Dari komputer lain di jaringan: ${url}`);
        if (shell.networkUrls.length === 0 && (host === '0.0.0.0' || host === '::')) io.out('Komputer ini belum punya alamat jaringan; pakai alamat IP-nya setelah tersambung.');
        io.out('Buka alamat itu di peramban dan masuk dengan nama pengguna dan kata sandi. Hentikan dengan Ctrl+C.');
      } else {
        io.out(`Asuhan berjalan di ${shell.url}  (database: ${databaseLocation(ctx.db)})`);
        io.out('Buka alamat itu di peramban; alamat memuat kunci rahasia, jangan dibagikan. Hentikan dengan Ctrl+C.');
      }
      await untilStopped();
      await shell.close();
      await router.close();
      // A plan under way ends here (its caller left with the connections); nothing of it is saved.
      await planner.close();
      return 0;
    }, { solver: planner });
  },
};
