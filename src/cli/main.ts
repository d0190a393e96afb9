// `asuhan`: parses the subcommand and its options strictly; every failure ends with one line
// on stderr and exit code 2 (bad usage, bad data, missing or corrupt database), never a stack.
import { parseArgs } from 'node:util';
import { defaultDatabasePath } from '../app/paths';
import { databaseUrlFrom } from '../db/database-url';
import { APP_VERSION } from '../app/version';
import { AsuhanError, toErrorPayload } from '../contract/errors';
import type { CliCommand, CliIo, OptionSpec } from './command';
import { COMMANDS } from './commands/index';
import { describeParseError } from './parse-errors';
import { now, todayOverride } from '../domain/clock';

const GLOBAL_OPTIONS: OptionSpec = {
  db: { type: 'string' },
  'database-url': { type: 'string' },
  district: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
};

const defaultIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  now: () => now(),
};

function english(io: CliIo): boolean {
  return (io.env.ASUHAN_LANG ?? '').toLowerCase().startsWith('en');
}

function mainHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    `asuhan ${APP_VERSION}: jadwal kunjungan dokter spesialis ke puskesmas`,
    '',
    'Pemakaian: asuhan <perintah> [opsi]',
    '',
    'Perintah:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Opsi umum:',
    '  --db PATH   berkas database (bawaan: folder data pengguna, atau $ASUHAN_DB)',
    '  --database-url postgres://...  database server PostgreSQL sebagai ganti berkas (atau $ASUHAN_DATABASE_URL)',
    '  --district N                   kabupaten/kota nomor N di server itu (lihat "asuhan districts list"); tanpa ini: nomor 1',
    '  --json      keluaran JSON',
    '  --help      bantuan perintah',
    '',
    'Contoh: asuhan init --demo, asuhan status --json, asuhan <perintah> --help',
  ].join('\n');
}

function commandHelp(command: CliCommand): string {
  return [`Pemakaian: ${command.usage}`, '', command.summary, ...(command.details ? ['', command.details] : [])].join('\n');
}

/**
 * The command's name is the first word that is not a global option (or its value), so
 * `asuhan --db X init` and `asuhan init --db X` mean the same; the globals stay for parseArgs.
 */
export function splitCommand(argv: string[]): { name: string | undefined; rest: string[] } {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--db' || arg === '--database-url' || arg === '--district') {
      i++;
      continue;
    }
    if (arg.startsWith('--db=') || arg.startsWith('--database-url=') || arg.startsWith('--district=') || arg === '--json' || arg === '--help' || arg === '-h') continue;
    return { name: arg, rest: [...argv.slice(0, i), ...argv.slice(i + 1)] };
  }
  return { name: undefined, rest: argv };
}

function parseDistrictNumber(value: string): number {
  if (!/^[1-9]\d{0,8}$/.test(value)) {
    throw new AsuhanError('VALIDATION', `--district harus nomor kabupaten/kota (lihat "asuhan districts list"), bukan "${value}".`, `--district must be a district number (see "asuhan districts list"), not "${value}".`);
  }
  return Number(value);
}

export async function main(argv: string[], io: CliIo = defaultIo): Promise<number> {
  const { name, rest } = splitCommand(argv);
  const askedHelp = rest.includes('--help') || rest.includes('-h');
  try {
    // A bad ASUHAN_TODAY stops every command before it reads or writes anything.
    todayOverride(io.env);
    if (!name || name === 'help' || (name.startsWith('-') && askedHelp)) {
      io.out(mainHelp());
      return name || askedHelp ? 0 : 2;
    }
    if (name === '--version' || name === '-v') {
      io.out(APP_VERSION);
      return 0;
    }
    const entry = COMMANDS.find((c) => c.name === name);
    if (!entry) {
      throw new AsuhanError('VALIDATION', `Perintah tidak dikenal: ${name}. Lihat "asuhan --help".`, `Unknown command: ${name}. See "asuhan --help".`);
    }
    const command = await entry.load();
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: command.allowPositionals ?? false, strict: true });
    } catch (error) {
      const detail = describeParseError(error);
      throw new AsuhanError('VALIDATION', `Opsi tidak valid untuk "${name}": ${detail.id}. Lihat "asuhan ${name} --help".`, `Invalid option for "${name}": ${detail.en}. See "asuhan ${name} --help".`);
    }
    const values = parsed.values as Record<string, string | boolean | string[] | undefined>;
    if (values.help) {
      io.out(commandHelp(command));
      return 0;
    }
    const db = typeof values.db === 'string' && values.db.length > 0 ? values.db : defaultDatabasePath(io.env);
    const databaseUrl = databaseUrlFrom(typeof values['database-url'] === 'string' ? values['database-url'] : undefined, io.env);
    const district = typeof values.district === 'string' ? parseDistrictNumber(values.district) : undefined;
    return await command.run({ values, positionals: parsed.positionals }, { db, databaseUrl, json: values.json === true, ...(district !== undefined ? { district } : {}) }, io);
  } catch (error) {
    const payload = toErrorPayload(error);
    io.err(`asuhan: ${(english(io) ? payload.messageEn : payload.message).replace(/\s*\n\s*/g, ' ')}`);
    return 2;
  }
}
