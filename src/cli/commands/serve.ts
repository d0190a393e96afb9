import fs from 'node:fs';
import path from 'node:path';
import { accountsRequired, shellAccounts } from '../../server/accounts';
import { feedByToken } from '../../server/feeds';
import { DEFAULT_STATIC_DIR, startWebShell } from '../../server/web-shell';
import type { CliCommand } from '../command';
import { stringOption, usageError } from '../command';
import { databaseLocation } from '../../db/connect';
import { withApi } from '../session';

function parsePort(value: string | undefined): number {
  if (value === undefined) return 5174;
  const port = Number(value);
  if (!/^\d+$/.test(value) || port < 0 || port > 65535) {
    throw usageError(`--port harus angka 0-65535, bukan "${value}".`, `--port must be a number 0-65535, not "${value}".`);
  }
  return port;
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
  summary: 'Jalankan aplikasi di peramban (http://127.0.0.1:PORT, hanya komputer ini)',
  usage: 'asuhan serve [--db PATH | --database-url postgres://...] [--port N] [--accounts]',
  details:
    'Menyajikan tampilan yang sudah dibangun (npm run build:renderer) dan API yang sama dengan aplikasi desktop, hanya di 127.0.0.1.\n' +
    'Alamat yang dicetak memuat kunci rahasia (?token=...) yang baru setiap kali dijalankan: hanya yang membukanya yang bisa memakai API.\n' +
    '--accounts: setiap orang masuk dengan nama pengguna dan kata sandi (buat admin pertama dengan "asuhan users add"); perannya menentukan apa yang boleh diubah.\n' +
    'Kalender langganan (/feeds/<token>.ics, lihat "asuhan feeds") tersedia tanpa masuk: tokennya adalah rahasianya.\n' +
    '--port 0 memilih port bebas. Hentikan dengan Ctrl+C.',
  options: { port: { type: 'string' }, accounts: { type: 'boolean' } },
  async run({ values }, flags, io) {
    const port = parsePort(stringOption(values, 'port'));
    return withApi(flags, io, async (api, ctx) => {
      if (!fs.existsSync(path.join(DEFAULT_STATIC_DIR, 'index.html'))) {
        io.err('Tampilan belum dibangun: jalankan "npm run build:renderer" (atau "npm run serve"). Hanya API yang tersedia.');
      }
      const db = ctx.db.kysely;
      const withAccounts = accountsRequired({ accounts: values.accounts === true, databaseUrl: ctx.db.engine === 'postgres' ? databaseLocation(ctx.db) : undefined });
      if (withAccounts && !(await db.selectFrom('app_user').select('id').where('role', '=', 'admin').where('disabled', '=', 0).executeTakeFirst())) {
        io.err('Belum ada admin aktif: buat dengan "asuhan users add LOGIN --role admin" (boleh sambil server berjalan).');
      }
      const shell = await startWebShell({
        api,
        staticDir: DEFAULT_STATIC_DIR,
        port,
        ...(withAccounts ? { accounts: shellAccounts(db, ctx.now) } : {}),
        feeds: (token) => feedByToken(db, token, ctx.now()),
      });
      if (flags.json) io.out(JSON.stringify({ url: shell.url, port: shell.port, database: databaseLocation(ctx.db), accounts: shell.accounts }));
      else if (shell.accounts) {
        io.out(`Asuhan berjalan di ${shell.url}  (database: ${databaseLocation(ctx.db)}, masuk dengan akun)`);
        io.out('Buka alamat itu di peramban dan masuk dengan nama pengguna dan kata sandi. Hentikan dengan Ctrl+C.');
      } else {
        io.out(`Asuhan berjalan di ${shell.url}  (database: ${databaseLocation(ctx.db)})`);
        io.out('Buka alamat itu di peramban; alamat memuat kunci rahasia, jangan dibagikan. Hentikan dengan Ctrl+C.');
      }
      await untilStopped();
      await shell.close();
      return 0;
    });
  },
};
