// Every file read by path is checked first (it exists, is an ordinary file, not a folder, a
// device such as /dev/zero, a pipe or a socket, and is not larger than its limit), and read no
// further than the limit even if it grows meanwhile. Every output folder is checked before any
// work starts (it is a folder, it can be written), and every file is written whole or not at all,
// with clear words for a full disk, a read-only place or a file held open by another program.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AsuhanError } from '../contract/errors';
import { fileSystemError } from './errors';

function refuse(messageId: string, messageEn: string): AsuhanError {
  return new AsuhanError('VALIDATION', messageId, messageEn);
}

function megabytes(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(bytes < 1024 * 1024 ? 2 : 1);
}

export interface ReadLimits {
  maxBytes: number;
}

/** The bytes of an ordinary file no larger than `maxBytes`; anything else is refused clearly. */
export function readInputFile(file: string, limits: ReadLimits): Buffer {
  const resolved = path.resolve(file);
  let fd: number;
  try {
    fd = fs.openSync(resolved, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw refuse(`Berkas ${resolved} tidak ada.`, `File ${resolved} does not exist.`);
    if (code === 'EISDIR') throw refuse(`${resolved} adalah folder, bukan berkas.`, `${resolved} is a folder, not a file.`);
    if (code === 'EACCES' || code === 'EPERM') throw refuse(`Berkas ${resolved} tidak boleh dibaca (izin).`, `File ${resolved} cannot be read (permission).`);
    throw refuse(`Berkas ${resolved} tidak bisa dibuka (${code ?? String(error)}).`, `File ${resolved} cannot be opened (${code ?? String(error)}).`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (stat.isDirectory()) throw refuse(`${resolved} adalah folder, bukan berkas.`, `${resolved} is a folder, not a file.`);
    if (!stat.isFile()) {
      throw refuse(`${resolved} bukan berkas biasa (perangkat, pipa atau soket); tidak dibaca.`, `${resolved} is not an ordinary file (a device, pipe or socket); it was not read.`);
    }
    if (stat.size > limits.maxBytes) {
      throw refuse(
        `Berkas ${resolved} terlalu besar (${megabytes(stat.size)} MB; maksimal ${megabytes(limits.maxBytes)} MB). Tidak ada yang diubah.`,
        `File ${resolved} is too large (${megabytes(stat.size)} MB; at most ${megabytes(limits.maxBytes)} MB). Nothing was changed.`,
      );
    }
    // Read until the end, but never past the limit: a file that grows while it is read, or
    // one that says it is empty and is not (/proc), is still bounded.
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, limits.maxBytes + 1 - length));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
      if (length > limits.maxBytes) {
        throw refuse(`Berkas ${resolved} terlalu besar (maksimal ${megabytes(limits.maxBytes)} MB). Tidak ada yang diubah.`, `File ${resolved} is too large (at most ${megabytes(limits.maxBytes)} MB). Nothing was changed.`);
      }
    }
    const buffer = Buffer.concat(chunks, length);
    return buffer.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/** The file as UTF-8 text (see readInputFile). */
export function readInputText(file: string, limits: ReadLimits): string {
  return readInputFile(file, limits).toString('utf8');
}

function nearestExisting(target: string): { existing: string; missing: string[] } {
  const missing: string[] = [];
  let current = target;
  for (;;) {
    try {
      fs.statSync(current);
      return { existing: current, missing };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTDIR') {
        // Some part of the path is a file: fall back to that part, refused below.
        missing.unshift(path.basename(current));
        current = path.dirname(current);
        continue;
      }
      if (code !== 'ENOENT') throw fileSystemError(error, current, 'folder');
      const parent = path.dirname(current);
      if (parent === current) return { existing: current, missing };
      missing.unshift(path.basename(current));
      current = parent;
    }
  }
}

function notAFolder(target: string): AsuhanError {
  return refuse(`${target} bukan folder (berkas biasa atau perangkat); pilih folder tujuan yang benar.`, `${target} is not a folder (a file or a device); choose a real destination folder.`);
}

/** Writes and removes a small file in `dir`: the only sure test that files can be made there. */
function probeWritable(dir: string): void {
  const probe = path.join(dir, `.asuhan-write-test-${process.pid}-${crypto.randomBytes(4).toString('hex')}`);
  try {
    fs.writeFileSync(probe, 'x', { flag: 'wx' });
  } catch (error) {
    throw fileSystemError(error, dir, 'folder');
  } finally {
    fs.rmSync(probe, { force: true });
  }
}

/**
 * Checks that `dir` is a folder files can be written to, creating it (one level at a time, never
 * recursively into /proc and the like) when `create` is set; before any work starts.
 */
export function checkOutputFolder(dir: string, options: { create?: boolean } = { create: true }): string {
  const resolved = path.resolve(dir);
  const { existing, missing } = nearestExisting(resolved);
  if (!fs.statSync(existing).isDirectory()) throw notAFolder(missing.length > 0 ? existing : resolved);
  if (missing.length > 0 && !options.create) throw refuse(`Folder ${resolved} tidak ada.`, `Folder ${resolved} does not exist.`);
  const created: string[] = [];
  // Folders made for a job that cannot start are taken away again.
  const undo = () => {
    for (const folder of created.reverse()) fs.rmdirSync(folder);
  };
  let current = existing;
  for (const part of missing) {
    current = path.join(current, part);
    try {
      fs.mkdirSync(current);
      created.push(current);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST' && fs.statSync(current).isDirectory()) continue;
      undo();
      throw fileSystemError(error, current, 'folder');
    }
  }
  try {
    probeWritable(resolved);
  } catch (error) {
    undo();
    throw error;
  }
  return resolved;
}

/** A new file to be written: it must not exist yet, and its folder must exist and be writable. */
export function checkOutputFile(file: string): string {
  const resolved = path.resolve(file);
  if (fs.existsSync(resolved)) throw refuse(`Berkas ${resolved} sudah ada; pilih nama lain.`, `File ${resolved} already exists; choose another name.`);
  checkOutputFolder(path.dirname(resolved), { create: false });
  return resolved;
}

/**
 * Writes `bytes` to `target` through a temporary file beside it, then renames it into place:
 * the target is whole or untouched, never half-written (a full disk, a killed process).
 */
export function writeFileSafely(target: string, bytes: Buffer | Uint8Array | string): void {
  const resolved = path.resolve(target);
  // Never replace what is not an ordinary file (a device such as /dev/full, a folder, a pipe).
  let existing: fs.Stats | null = null;
  try {
    existing = fs.statSync(resolved);
  } catch {
    // a new file
  }
  if (existing && !existing.isFile()) {
    throw refuse(`${resolved} bukan berkas biasa (folder atau perangkat); tidak ditimpa. Pilih nama lain.`, `${resolved} is not an ordinary file (a folder or a device); it was not replaced. Choose another name.`);
  }
  const partial = `${resolved}.${process.pid}-${crypto.randomBytes(4).toString('hex')}.partial`;
  try {
    const fd = fs.openSync(partial, 'wx');
    try {
      fs.writeFileSync(fd, bytes);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(partial, resolved);
  } catch (error) {
    fs.rmSync(partial, { force: true });
    throw fileSystemError(error, resolved, 'file');
  }
}
