// The one clock of the app. `ASUHAN_TODAY=YYYY-MM-DD` fixes the date for tests, training and
// demos, the same way in the CLI, the web shell and the desktop app; without it, the real time.
import { AsuhanError } from '../contract/errors';
import { isCalendarDate } from './dates';

/** 03:00 UTC is the same calendar date in every Indonesian zone (10:00 WIB ... 12:00 WIT). */
const FIXED_HOUR_UTC = 3;
/** The fixed day's clock still runs (timestamps stay in order) but never reaches the next date in WIT. */
const MAX_RUN_MS = 11 * 60 * 60 * 1000;

export function todayOverride(env: NodeJS.ProcessEnv): string | null {
  const value = env.ASUHAN_TODAY?.trim();
  if (value === undefined || value === '') return null;
  if (!isCalendarDate(value)) {
    throw new AsuhanError(
      'VALIDATION',
      `ASUHAN_TODAY harus tanggal dengan format YYYY-MM-DD (mis. 2026-03-16), bukan "${value}".`,
      `ASUHAN_TODAY must be a date written YYYY-MM-DD (e.g. 2026-03-16), not "${value}".`,
    );
  }
  return value;
}

/** A clock for this environment; a bad ASUHAN_TODAY is refused here, before anything runs. */
export function clockFrom(env: NodeJS.ProcessEnv = process.env): () => Date {
  const today = todayOverride(env);
  if (today === null) return () => new Date();
  const start = Date.parse(`${today}T0${FIXED_HOUR_UTC}:00:00Z`);
  const startedAt = Date.now();
  return () => new Date(start + Math.min(MAX_RUN_MS, Math.max(0, Date.now() - startedAt)));
}

let processClock: (() => Date) | null = null;

/** Now, by the process's clock (ASUHAN_TODAY read once). */
export function now(): Date {
  processClock ??= clockFrom(process.env);
  return processClock();
}
