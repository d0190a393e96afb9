// Parsing a big spreadsheet takes seconds of CPU; on the main thread it would freeze the web
// shell and the desktop app for everyone. Big files are parsed in a worker thread of their own,
// with a memory cap and a time limit, and the app keeps answering meanwhile. Under tsx
// (development, CLI, tests) the worker registers tsx before loading the TypeScript entry; a
// compiled build loads its .js entry beside this one.
import { Worker } from 'node:worker_threads';
import { AsuhanError, type ErrorCode } from '../contract/errors';
import type { RawSheet } from './read-file';

/** Enough for a 50 MB workbook's cells as text; a file that needs more is refused, not the app's memory. */
export const PARSE_MEMORY_MB = 512;
export const PARSE_TIME_LIMIT_MS = 60_000;

type Reply = { ok: true; sheet: RawSheet } | { ok: false; code: ErrorCode; message: string; messageEn?: string };

function tooHeavy(reason: 'memory' | 'time'): AsuhanError {
  return reason === 'memory'
    ? new AsuhanError('IMPORT', `Berkas terlalu berat untuk dibaca (memerlukan lebih dari ${PARSE_MEMORY_MB} MB memori). Bagi berkas menjadi beberapa bagian; tidak ada yang diubah.`, `The file is too heavy to read (needs more than ${PARSE_MEMORY_MB} MB of memory). Split it into smaller files; nothing was changed.`)
    : new AsuhanError('IMPORT', `Berkas terlalu lama dibaca (lebih dari ${PARSE_TIME_LIMIT_MS / 1000} detik). Bagi berkas menjadi beberapa bagian; tidak ada yang diubah.`, `The file takes too long to read (more than ${PARSE_TIME_LIMIT_MS / 1000} s). Split it into smaller files; nothing was changed.`);
}

function startWorker(): Worker {
  const entry = new URL(`./parse-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  const bootstrap = entry.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`
    : `import(${JSON.stringify(entry)})`;
  return new Worker(bootstrap, { eval: true, resourceLimits: { maxOldGenerationSizeMb: PARSE_MEMORY_MB, maxYoungGenerationSizeMb: 64 } });
}

/**
 * Parses in a worker; `inline` is the fallback for a build that does not ship the worker's entry
 * beside this module (a bundle without it): the file is still checked, only not off the thread.
 */
export function parseOffThread(fileName: string, bytes: Buffer, inline: (fileName: string, bytes: Buffer) => Promise<RawSheet>): Promise<RawSheet> {
  return new Promise<RawSheet>((resolve, reject) => {
    const worker = startWorker();
    let settled = false;
    const finish = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      outcome();
    };
    const timer = setTimeout(() => finish(() => reject(tooHeavy('time'))), PARSE_TIME_LIMIT_MS);
    worker.once('message', (reply: Reply) =>
      finish(() => (reply.ok ? resolve(reply.sheet) : reject(new AsuhanError(reply.code, reply.message, reply.messageEn ?? reply.message)))),
    );
    worker.once('error', (error: Error & { code?: string }) =>
      finish(() => {
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(tooHeavy('memory'));
        else if (error.code === 'ERR_MODULE_NOT_FOUND') {
          process.emitWarning(`Asuhan: spreadsheet worker entry missing (${error.message}); parsing on the main thread.`);
          inline(fileName, bytes).then(resolve, reject);
        } else reject(error);
      }),
    );
    worker.once('exit', (code) => finish(() => reject(new Error(`parse worker stopped (exit ${code})`))));
    const copy = new Uint8Array(bytes); // the worker gets its own copy, moved, not cloned
    worker.postMessage({ fileName, bytes: copy }, [copy.buffer]);
  });
}
