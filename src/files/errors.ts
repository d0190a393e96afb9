// What went wrong with a file or folder, in words a coordinator can act on: a full disk, a file
// another program holds open (Excel on Windows), a read-only or forbidden place, a special file.
// Every message says what was not saved and that no data was lost.
import { AsuhanError } from '../contract/errors';

export type FileRole = 'file' | 'folder';

function codeOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof (error as { code: unknown }).code === 'string') return (error as { code: string }).code;
  return '';
}

const DISK_FULL = /database or disk is full|SQLITE_FULL|ENOSPC|no space left/i;

export function isDiskFull(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL' || DISK_FULL.test(error instanceof Error ? error.message : String(error));
}

export function diskFull(what: string, whatEn: string): AsuhanError {
  return new AsuhanError(
    'IMPORT',
    `Disk penuh: ${what} tidak disimpan; tidak ada data yang hilang. Kosongkan ruang disk lalu coba lagi.`,
    `Disk full: ${whatEn} was not saved; no data was lost. Free some disk space and try again.`,
  );
}

/** Turns a Node file-system error about `target` into a clear refusal; other errors pass through. */
export function fileSystemError(error: unknown, target: string, role: FileRole): unknown {
  if (error instanceof AsuhanError) return error;
  const code = codeOf(error);
  const what = role === 'folder' ? `folder ${target}` : `berkas ${target}`;
  const whatEn = role === 'folder' ? `folder ${target}` : `file ${target}`;
  if (isDiskFull(error)) {
    return role === 'folder'
      ? new AsuhanError('IMPORT', `Disk penuh di ${target}: berkas tidak disimpan; tidak ada data yang hilang. Kosongkan ruang disk lalu coba lagi.`, `Disk full at ${target}: the file was not saved; no data was lost. Free some disk space and try again.`)
      : diskFull(what, whatEn);
  }
  if (role === 'folder' && (code === 'ENOTDIR' || code === 'EEXIST')) {
    return new AsuhanError('IMPORT', `${target} bukan folder (sudah ada berkas dengan nama itu); pilih folder lain. Tidak ada data yang hilang.`, `${target} is not a folder (a file has that name); choose another folder. No data was lost.`);
  }
  switch (code) {
    case 'EBUSY':
    case 'ETXTBSY':
      return new AsuhanError(
        'CONFLICT',
        `Berkas ${target} sedang dibuka program lain (mis. Excel); tutup dulu lalu coba lagi. Tidak disimpan; tidak ada data yang hilang.`,
        `File ${target} is open in another program (e.g. Excel); close it and try again. Not saved; no data was lost.`,
      );
    case 'EROFS':
      return new AsuhanError('IMPORT', `${cap(what)} hanya bisa dibaca (read-only); pilih tempat lain. Tidak disimpan; tidak ada data yang hilang.`, `The ${whatEn} is read-only; choose another place. Not saved; no data was lost.`);
    case 'EACCES':
    case 'EPERM':
      return new AsuhanError(
        'IMPORT',
        `Tidak ada izin menulis ke ${what} (hanya-baca, milik pengguna lain, atau sedang dibuka program lain); pilih tempat lain. Tidak disimpan; tidak ada data yang hilang.`,
        `No permission to write to ${whatEn} (read-only, another user's, or open in another program); choose another place. Not saved; no data was lost.`,
      );
    case 'ENOTDIR':
    case 'EEXIST':
    case 'EISDIR':
    case 'ENOENT':
    case 'EINVAL':
    case 'ELOOP':
    case 'ENAMETOOLONG':
      return role === 'folder'
        ? new AsuhanError('IMPORT', `Tidak bisa menulis ke ${what}: tempat itu tidak menerima berkas (mis. /proc atau folder sistem); pilih folder biasa yang bisa ditulisi. Tidak ada data yang hilang.`, `Cannot write to ${whatEn}: it does not take files (e.g. /proc or a system folder; ${code}); choose an ordinary folder you can write to. No data was lost.`)
        : new AsuhanError('IMPORT', `Tidak bisa menulis ${what}: nama atau tempatnya tidak bisa dipakai; pilih nama atau folder lain. Tidak ada data yang hilang.`, `Cannot write ${whatEn}: the name or place cannot be used (${code}); choose another name or folder. No data was lost.`);
    default:
      return error;
  }
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
