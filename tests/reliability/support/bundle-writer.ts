// Bundles crash-writer.ts once: started through tsx a writer spends seconds compiling; bundled it
// starts in well under one. The bundle lives two folders below the project (tmp/ is ignored) so
// its package.json and node_modules resolve as they do from src/.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const WRITER = path.join(HERE, '..', '..', '..', 'tmp', 'reliability', 'crash-writer.mjs');

export async function bundleWriter(): Promise<string> {
  await build({ entryPoints: [path.join(HERE, 'crash-writer.ts')], bundle: true, platform: 'node', format: 'esm', packages: 'external', outfile: WRITER, logLevel: 'warning' });
  return WRITER;
}

export interface WriterRun {
  child: ChildProcess;
  /** Operations it finished, one per line it printed ('edit', 'batch', 'log-skipped'...). */
  lines: string[];
  stderr: () => string;
  ready: Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startWriter(file: string, seed: number, iterations: number | 'Infinity', ops: string): WriterRun {
  const child = spawn(process.execPath, [WRITER, file, String(seed), String(iterations), ops], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  let buffered = '';
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      if (line === 'ready') markReady();
      else lines.push(line);
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  return { child, lines, stderr: () => stderr, ready, exited };
}
