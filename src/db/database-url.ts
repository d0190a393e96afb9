// Which database a command or server opens: a postgres:// URL from --database-url or
// ASUHAN_DATABASE_URL, else the SQLite file. Kept apart from postgres.ts so that reading the
// option does not load the pg driver (start-up of every command stays fast).
import { AsuhanError } from '../contract/errors';

export const DATABASE_URL_ENV = 'ASUHAN_DATABASE_URL';

export function isPostgresUrl(value: string): boolean {
  return /^postgres(ql)?:\/\//i.test(value);
}

/** The server URL given on the command line or in the environment, if any; a non-postgres URL is refused. */
export function databaseUrlFrom(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = option ?? (env[DATABASE_URL_ENV] || undefined);
  if (url === undefined) return undefined;
  if (!isPostgresUrl(url)) {
    throw new AsuhanError(
      'VALIDATION',
      `--database-url harus berupa alamat postgres://pengguna@host/database (diterima: ${redact(url)}).`,
      `--database-url must be a postgres://user@host/database URL (got: ${redact(url)}).`,
    );
  }
  return url;
}

export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
