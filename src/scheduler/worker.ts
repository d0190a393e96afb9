// Solving off the main thread: HiGHS's run() is synchronous and a large month takes minutes, so
// a process that solved on its own thread would answer nothing meanwhile. A SolverThread owns one
// worker and runs one solve at a time: another asked while one runs is refused (SolverBusyError),
// not queued behind it. A solve that fails ends its worker (HiGHS that aborted, e.g. on its 2 GB
// WebAssembly heap, cannot be used again); the next solve starts a fresh one. close() terminates
// the worker and rejects the solve under way (SolverStoppedError).
// Under tsx (development, tests) the worker registers tsx before loading the TypeScript entry; a
// bundled build (dist/cli/, the desktop's main/) loads its compiled solve-worker.js beside the chunk.
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Problem } from './problem';
import type { SolveOptions, SolveResult } from './solve';

export type SolverReply = { ok: true; result: SolveResult } | { ok: false; error: string; heapBytes: number | null };

/** The solve under way: its months, since when, for whom (the caller's name). */
export interface SolverWork {
  months: string[];
  since: Date;
  owner: string;
}

export class SolverBusyError extends Error {
  constructor(readonly work: SolverWork) {
    super(`solver busy with ${work.months.join(', ')} since ${work.since.toISOString()}`);
    this.name = 'SolverBusyError';
  }
}

export class SolverStoppedError extends Error {
  constructor() {
    super('solver stopped before the plan was done');
    this.name = 'SolverStoppedError';
  }
}

/** The solve failed in the worker; heapBytes is HiGHS's WebAssembly memory then, when known. */
export class SolverFailedError extends Error {
  constructor(
    message: string,
    readonly heapBytes: number | null,
  ) {
    super(message);
    this.name = 'SolverFailedError';
  }
}

/** solve-worker beside this module: .ts under tsx, .js in a bundle. */
export function defaultSolverEntry(): string {
  return new URL(`./solve-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
}

export class SolverThread {
  private worker: Worker | null = null;
  private current: (SolverWork & { worker: Worker; settle: (reply: SolverReply | Error) => void }) | null = null;
  private readonly entry: string;

  constructor(options: { entry?: string } = {}) {
    this.entry = options.entry ?? defaultSolverEntry();
  }

  /** False when the build has no worker entry (then the caller solves in place). */
  available(): boolean {
    return fs.existsSync(fileURLToPath(this.entry));
  }

  /** The solve under way, or null. */
  busy(): SolverWork | null {
    return this.current ? { months: this.current.months, since: this.current.since, owner: this.current.owner } : null;
  }

  solve(problem: Problem, options: SolveOptions = {}, owner = ''): Promise<SolveResult> {
    if (this.current) return Promise.reject(new SolverBusyError(this.busy()!));
    const worker = (this.worker ??= this.start());
    return new Promise<SolveResult>((resolve, reject) => {
      this.current = {
        months: [...problem.months],
        since: new Date(),
        owner,
        worker,
        settle: (reply) => {
          this.current = null;
          this.worker?.unref();
          if (reply instanceof Error) reject(reply);
          else if (reply.ok) resolve(reply.result);
          else {
            // HiGHS may be unusable after a failure: the next solve gets a fresh worker.
            void this.stopWorker();
            reject(new SolverFailedError(reply.error, reply.heapBytes));
          }
        },
      };
      // Solving, the worker keeps the process alive (its answer is awaited); idle, it never does.
      worker.ref();
      worker.postMessage({ problem, options });
    });
  }

  /** Terminates the worker; a solve under way is rejected with SolverStoppedError. */
  async close(): Promise<void> {
    this.current?.settle(new SolverStoppedError());
    await this.stopWorker();
  }

  private async stopWorker(): Promise<void> {
    const running = this.worker;
    this.worker = null;
    if (running) await running.terminate();
  }

  private start(): Worker {
    // Resolved here, not in the worker, whose eval'd code would resolve from the working directory.
    const bootstrap = this.entry.endsWith('.ts')
      ? `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(this.entry)}); })`
      : `import(${JSON.stringify(this.entry)})`;
    const worker = new Worker(bootstrap, { eval: true });
    // Only this worker's solve is settled by it: a worker ending after a failure may still report its exit.
    const settle = (reply: SolverReply | Error) => {
      if (this.current?.worker === worker) this.current.settle(reply);
    };
    worker.on('message', settle);
    const gone = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      settle(error);
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new SolverFailedError(`solver worker stopped (exit ${code})`, null)));
    return worker;
  }
}

let shared: SolverThread | null = null;

/** The process's one solver thread for callers without their own (the desktop app, the CLI's plans:run). */
export function sharedSolverThread(): SolverThread {
  shared ??= new SolverThread();
  return shared;
}

/** Stops the shared thread (tests, shutdown). */
export async function stopSolverWorker(): Promise<void> {
  await shared?.close();
  shared = null;
}
