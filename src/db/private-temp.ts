// Temporary copies of a database (a restore's checked copy, an uploaded backup) live in a
// private folder beside it, never in a shared temp folder: the folder is 0700 and the files
// 0600, so other users of the PC cannot read a district's data. Each job gets a subfolder named
// after its process; a job killed half-way leaves it behind, and the next start removes it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A job older than this is garbage even if its process id was reused. */
const STALE_JOB_MS = 6 * 60 * 60 * 1000;
/** Leftovers of versions that used the shared temp folder. */
const LEGACY_PREFIXES = ['asuhan-restore-', 'asuhan-upload-'];
const LEGACY_STALE_MS = 24 * 60 * 60 * 1000;

export function privateTempRoot(dbPath: string): string {
  const resolved = path.resolve(dbPath);
  return path.join(path.dirname(resolved), `.${path.basename(resolved)}.tmp`);
}

export interface PrivateTemp {
  dir: string;
  /** A path inside the job's folder. */
  file(name: string): string;
  /** Writes `bytes` as a file only this user can read. */
  write(name: string, bytes: Buffer | Uint8Array): string;
  /** Copies `source` into the folder, readable only by this user. */
  copy(source: string, name: string): string;
  dispose(): void;
}

export function makePrivateTemp(dbPath: string, purpose: string): PrivateTemp {
  const root = privateTempRoot(dbPath);
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  fs.chmodSync(root, 0o700); // mkdir's mode is masked by the umask
  const dir = fs.mkdtempSync(path.join(root, `${purpose}-${process.pid}-`));
  fs.chmodSync(dir, 0o700);
  const file = (name: string) => path.join(dir, path.basename(name));
  return {
    dir,
    file,
    write(name, bytes) {
      const target = file(name);
      fs.writeFileSync(target, bytes, { mode: 0o600, flag: 'wx' });
      return target;
    },
    copy(source, name) {
      const target = file(name);
      fs.copyFileSync(source, target, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(target, 0o600);
      return target;
    },
    dispose() {
      fs.rmSync(dir, { recursive: true, force: true });
      try {
        fs.rmdirSync(root); // only when empty: another job may be running
      } catch {
        // not empty, or already gone
      }
    },
  };
}

function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
}

/**
 * Removes what killed jobs left: subfolders whose process is gone (or that are hours old), and
 * the copies older versions left in the shared temp folder. Only removes; never creates.
 */
export function cleanStaleTemp(dbPath: string, now: number = Date.now()): string[] {
  const removed: string[] = [];
  const root = privateTempRoot(dbPath);
  const remove = (target: string) => {
    try {
      fs.rmSync(target, { recursive: true, force: true });
      removed.push(target);
    } catch {
      // in use (Windows) or not ours: try again next start
    }
  };
  let entries: string[] = [];
  try {
    entries = fs.readdirSync(root);
  } catch {
    // no folder: nothing left behind
  }
  for (const name of entries) {
    const target = path.join(root, name);
    const pid = Number(/^[a-z]+-(\d+)-/.exec(name)?.[1]);
    let age = Infinity;
    try {
      age = now - fs.statSync(target).mtimeMs;
    } catch {
      continue;
    }
    if (!processAlive(pid) || age > STALE_JOB_MS) remove(target);
  }
  // Also when it was empty: a job killed between creating the folder and its own subfolder
  // leaves just the folder.
  try {
    fs.rmdirSync(root);
  } catch {
    // still in use, or no folder
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  let shared: string[] = [];
  try {
    shared = fs.readdirSync(os.tmpdir()).filter((name) => LEGACY_PREFIXES.some((prefix) => name.startsWith(prefix)));
  } catch {
    // no temp folder
  }
  for (const name of shared) {
    const target = path.join(os.tmpdir(), name);
    try {
      const stat = fs.statSync(target);
      if (uid !== undefined && stat.uid !== uid) continue;
      if (now - stat.mtimeMs > LEGACY_STALE_MS) remove(target);
    } catch {
      // gone already
    }
  }
  return removed;
}
