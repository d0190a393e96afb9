// `asuhan users`: the accounts of a shared server (issue 15), first of all its first admin, made
// on the server's own console before anyone can sign in. A password is never an option (it would
// sit in the shell history and the process list): it is typed at a prompt that does not echo, or
// piped in with --password-stdin.
import { loginName, newPassword, USER_ROLES, type UserAccount, type UserRole } from '../../contract/accounts';
import { ROLE_LABELS } from '../../contract/access';
import { parseInput } from '../../contract/validate';
import { createUser, findUserByLogin, listUsers, resetPassword, updateUser } from '../../server/accounts';
import type { CliCommand, CliIo } from '../command';
import { formatTable, printJson, stringOption, usageError } from '../command';
import { setGrants } from '../../db/districts';
import { openDistrict, withApi } from '../session';

const ACTIONS = ['add', 'list', 'disable', 'enable', 'reset-password', 'grant'] as const;

/** `--districts 1,3`: district numbers (see asuhan districts list). */
function districtList(text: string | undefined): number[] | undefined {
  if (text === undefined) return undefined;
  const ids = text.split(',').map((part) => part.trim()).filter(Boolean);
  if (ids.length === 0 || ids.some((part) => !/^[1-9]\d{0,8}$/.test(part))) {
    throw usageError(`--districts harus nomor kabupaten/kota dipisah koma (mis. 1,3), bukan "${text}".`, `--districts must be district numbers separated by commas (e.g. 1,3), not "${text}".`);
  }
  return ids.map(Number);
}

/** Everything piped in, first line only (a trailing newline is not part of the password). */
async function readStdinLine(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Reads one line from a terminal without showing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let typed = '';
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    const done = (error?: Error) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (data: string) => {
      for (const ch of data) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(usageError('Dibatalkan.', 'Cancelled.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readNewPassword(values: Record<string, unknown>, io: CliIo): Promise<string> {
  let password: string;
  if (values['password-stdin'] === true) password = await readStdinLine(io.stdin ?? process.stdin);
  else if (process.stdin.isTTY) {
    password = await promptHidden('Kata sandi baru: ');
    const again = await promptHidden('Ulangi kata sandi: ');
    if (again !== password) throw usageError('Kedua kata sandi tidak sama; tidak ada yang berubah.', 'The two passwords differ; nothing was changed.');
  } else {
    throw usageError('Tanpa terminal, kirim kata sandi lewat --password-stdin.', 'Without a terminal, pipe the password in with --password-stdin.');
  }
  return parseInput(newPassword, password);
}

function oneLogin(positionals: string[], action: string): string {
  if (positionals.length !== 1) throw usageError(`Sebutkan satu nama pengguna: asuhan users ${action} LOGIN`, `Name one login: asuhan users ${action} LOGIN`);
  return parseInput(loginName, positionals[0]);
}

function describe(user: UserAccount): string[] {
  return [
    user.login,
    user.displayName,
    ROLE_LABELS[user.role].id + (user.specialistId !== null ? ` #${user.specialistId}` : ''),
    user.disabled ? 'nonaktif' : user.lockedUntil ? 'terkunci sementara' : 'aktif',
    user.role === 'admin' ? 'semua' : (user.districtIds ?? []).join(', ') || '-',
  ];
}

function printUser(io: CliIo, json: boolean, user: UserAccount, what: string): void {
  if (json) printJson(io, user);
  else {
    const fields = describe(user);
    io.out(`${what}: ${fields.slice(0, -1).join(', ')}${user.districtIds ? `; kabupaten/kota: ${fields.at(-1)}` : ''}`);
  }
}

export const usersCommand: CliCommand = {
  name: 'users',
  summary: 'Akun pengguna server bersama: tambah, daftar, nonaktifkan, atur ulang kata sandi',
  usage:
    'asuhan users add LOGIN --role admin|coordinator|viewer|specialist [--name "Nama"] [--specialist ID] [--password-stdin]\n' +
    '       asuhan users list\n' +
    '       asuhan users disable|enable LOGIN\n' +
    '       asuhan users reset-password LOGIN [--password-stdin]\n' +
    '       asuhan users grant LOGIN --districts 1,3',
  details:
    'Akun dipakai oleh "asuhan serve --accounts". Peran: admin (pengguna), coordinator (mengubah data), viewer (hanya melihat), specialist (kunjungan sendiri).\n' +
    'Kata sandi (minimal 10 karakter) diketik tanpa tampil di layar, atau dikirim lewat --password-stdin; tidak pernah sebagai opsi.\n' +
    'Atur ulang kata sandi juga membuka kunci akun dan mengakhiri sesinya.\n' +
    'Di server dengan beberapa kabupaten/kota: --districts memberi pengguna kabupaten/kota tempat ia bekerja (tanpa itu: nomor 1); admin bekerja di semuanya; grant mengganti daftarnya.',
  options: { role: { type: 'string' }, name: { type: 'string' }, specialist: { type: 'string' }, districts: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  allowPositionals: true,
  async run({ values, positionals }, flags, io) {
    const [action, ...rest] = positionals;
    if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
      throw usageError(`Sebutkan tindakan: ${ACTIONS.join(', ')}. Contoh: asuhan users add admin --role admin`, `Name an action: ${ACTIONS.join(', ')}. Example: asuhan users add admin --role admin`);
    }
    const districtIds = districtList(stringOption(values, 'districts'));
    // Accounts are the server's, kept in its first district whatever --district says.
    return withApi({ ...flags, district: undefined }, io, async (_api, ctx) => {
      const db = ctx.db.kysely;
      if (action === 'list') {
        const users = await listUsers(db, ctx.now());
        if (flags.json) printJson(io, users);
        else if (users.length === 0) io.out('Belum ada pengguna. Buat admin pertama: asuhan users add LOGIN --role admin');
        else io.out(formatTable(['Login', 'Nama', 'Peran', 'Status', 'Kabupaten/kota'], users.map(describe)));
        return 0;
      }
      const login = oneLogin(rest, action!);
      if (action === 'add') {
        const role = stringOption(values, 'role');
        if (!role || !USER_ROLES.includes(role as UserRole)) throw usageError(`--role harus salah satu dari ${USER_ROLES.join(', ')}.`, `--role must be one of ${USER_ROLES.join(', ')}.`);
        const specialistText = stringOption(values, 'specialist');
        const specialistId = specialistText === undefined ? null : Number(specialistText);
        if (specialistId !== null && !(Number.isInteger(specialistId) && specialistId > 0)) throw usageError('--specialist harus nomor ID dokter spesialis.', '--specialist must be a specialist ID number.');
        if ((role === 'specialist') !== (specialistId !== null)) throw usageError('Peran specialist memerlukan --specialist ID; peran lain tidak.', 'The specialist role needs --specialist ID; other roles do not.');
        const password = await readNewPassword(values, io);
        // A specialist of another district is one of that district's doctors.
        const specialistDistrict = role === 'specialist' && districtIds?.length === 1 && districtIds[0] !== 1 ? await openDistrict(ctx.db, districtIds[0]!) : null;
        try {
          const user = await createUser(
            db,
            { login, displayName: stringOption(values, 'name')?.trim() || login, role: role as UserRole, specialistId, password },
            { now: ctx.now(), ...(districtIds ? { districtIds } : {}), ...(specialistDistrict ? { specialistDb: specialistDistrict.kysely } : {}) },
          );
          printUser(io, flags.json, user, 'Pengguna dibuat');
        } finally {
          await specialistDistrict?.close();
        }
        return 0;
      }
      const found = await findUserByLogin(db, login);
      if (!found) throw usageError(`Pengguna "${login}" tidak ada.`, `There is no user "${login}".`);
      if (action === 'grant') {
        if (!districtIds) throw usageError('Sebutkan kabupaten/kotanya: asuhan users grant LOGIN --districts 1,3', 'Name the districts: asuhan users grant LOGIN --districts 1,3');
        const granted = await setGrants(db, found.id, districtIds);
        if (flags.json) printJson(io, { login, districtIds: granted });
        else io.out(`${login} bekerja di kabupaten/kota nomor ${granted.join(', ')}${found.role === 'admin' ? ' (sebagai admin ia tetap melihat semuanya)' : ''}.`);
        return 0;
      }
      if (action === 'reset-password') {
        const user = await resetPassword(db, found.id, await readNewPassword(values, io), { now: ctx.now() });
        printUser(io, flags.json, user, 'Kata sandi diganti, kunci dibuka, sesi diakhiri');
        return 0;
      }
      const user = await updateUser(db, found.id, { disabled: action === 'disable' }, ctx.now());
      printUser(io, flags.json, user, action === 'disable' ? 'Dinonaktifkan (sesinya diakhiri)' : 'Diaktifkan lagi');
      return 0;
    });
  },
};
