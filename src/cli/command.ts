// A CLI subcommand: its options (parsed strictly by node:util parseArgs) and its run function.
import type { ParseArgsConfig } from 'node:util';
import { AsuhanError } from '../contract/errors';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  now: () => Date;
  /** Where --password-stdin reads from (tests pass their own); process.stdin by default. */
  stdin?: NodeJS.ReadableStream;
}

export interface GlobalFlags {
  db: string;
  /** The server database (--database-url or ASUHAN_DATABASE_URL); when given, it is used instead of the file. */
  databaseUrl?: string | undefined;
  /** The district of a server with several (--district); the first when absent. */
  district?: number | undefined;
  json: boolean;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Lines after "Usage:", e.g. `asuhan init [--demo]`. */
  usage: string;
  details?: string;
  options: OptionSpec;
  allowPositionals?: boolean;
  run(args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] }, flags: GlobalFlags, io: CliIo): Promise<number>;
}

/** A bad option or value: exit code 2 with one line. */
export function usageError(messageId: string, messageEn: string): AsuhanError {
  return new AsuhanError('VALIDATION', messageId, messageEn);
}

export function stringOption(values: Record<string, unknown>, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function printJson(io: CliIo, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** Fixed-width table for terminals. */
export function formatTable(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, col) => Math.max(...cells.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) => row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((row) => line(row.map(String)))].join('\n');
}
