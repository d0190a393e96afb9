// Solving off the main thread, so the app stays responsive while HiGHS works (its run() is
// synchronous). One worker is started on first use and kept (unref'd, so it never keeps the
// process alive); requests queue on it. Under tsx (development, CLI, tests) the worker registers
// tsx before loading the TypeScript entry; a bundled build loads its compiled .js entry.
import { Worker } from 'node:worker_threads';
import type { Problem } from './problem';
import type { SolveOptions, SolveResult } from './solve';

type Reply = { id: number; ok: true; result: SolveResult } | { id: number; ok: false; error: string };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (r: SolveResult) => void; reject: (e: Error) => void }>();

function failAll(error: Error): void {
  for (const p of pending.values()) p.reject(error);
  pending.clear();
  worker = null;
}

function startWorker(): Worker {
  const entry = new URL(`./solve-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  // Resolved here, not in the worker, whose eval'd code would resolve from the working directory.
  const bootstrap = entry.endsWith('.ts')
    ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); })`
    : `import(${JSON.stringify(entry)})`;
  const started = new Worker(bootstrap, { eval: true });
  started.unref();
  started.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if (reply.ok) waiting.resolve(reply.result);
    else waiting.reject(new Error(reply.error));
  });
  started.on('error', (error) => failAll(error));
  started.on('exit', (code) => failAll(new Error(`solver worker stopped (exit ${code})`)));
  return started;
}

export function solveInWorker(problem: Problem, options: SolveOptions = {}): Promise<SolveResult> {
  worker ??= startWorker();
  const id = nextId++;
  const target = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    target.postMessage({ id, problem, options });
  });
}

/** Stops the worker (tests, shutdown). */
export async function stopSolverWorker(): Promise<void> {
  const running = worker;
  worker = null;
  if (running) await running.terminate();
}
