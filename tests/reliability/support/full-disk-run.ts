// Runs CLI commands against a real full or read-only file system: started by disk-full.test.ts
// inside `unshare -m` with a small tmpfs mounted at MOUNT (private to this process, so nothing
// else on the machine sees it). Prints one JSON object: each command's exit code and message,
// and what the mount holds afterwards (files, the database's content digest).
// Usage: node --import tsx full-disk-run.ts MOUNT STEPS_JSON
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CliIo } from '../../../src/cli/command';
import { main } from '../../../src/cli/main';
import { fileDigest } from '../db-digest';

type Step = { run: string[] } | { copy: [string, string] } | { fill: string; leaveKb: number } | { symlink: [string, string] } | { remountReadOnly: true } | { digest: string; as: string } | { list: string; as: string };

const [mount, stepsJson] = process.argv.slice(2);
if (!mount || !stepsJson) throw new Error('usage: full-disk-run.ts MOUNT STEPS_JSON');
const steps = JSON.parse(stepsJson) as Step[];
const results: { args: string[]; code: number; err: string; out: string }[] = [];
const facts: Record<string, unknown> = {};

function listAll(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true }).map(String).sort();
}

for (const step of steps) {
  if ('run' in step) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: { ASUHAN_LANG: 'id' }, now: () => new Date() };
    const code = await main(step.run, io);
    results.push({ args: step.run, code, err: err.join('\n'), out: out.join('\n') });
  } else if ('copy' in step) {
    fs.copyFileSync(step.copy[0], step.copy[1]);
  } else if ('symlink' in step) {
    fs.mkdirSync(path.dirname(step.symlink[1]), { recursive: true });
    fs.symlinkSync(step.symlink[0], step.symlink[1]);
  } else if ('fill' in step) {
    // Fill the disk, then free `leaveKb`: the next writes run out of space.
    const filler = path.join(mount, step.fill);
    try {
      execFileSync('dd', ['if=/dev/zero', `of=${filler}`, 'bs=4k'], { stdio: 'ignore' });
    } catch {
      // dd ends with "No space left on device": the point
    }
    const size = fs.statSync(filler).size;
    fs.truncateSync(filler, Math.max(0, size - step.leaveKb * 1024));
  } else if ('remountReadOnly' in step) {
    execFileSync('mount', ['-o', 'remount,ro', mount]);
  } else if ('digest' in step) {
    // Read from a copy: SQLite cannot open a WAL database on a read-only mount.
    const copy = path.join(os.tmpdir(), `asuhan-digest-${process.pid}.db`);
    fs.copyFileSync(step.digest, copy);
    if (fs.existsSync(`${step.digest}-wal`)) fs.copyFileSync(`${step.digest}-wal`, `${copy}-wal`);
    try {
      facts[step.as] = fileDigest(copy);
    } finally {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(copy + suffix, { force: true });
    }
  } else if ('list' in step) {
    facts[step.as] = listAll(step.list);
  }
}
process.stdout.write(`${JSON.stringify({ results, facts })}\n`);
