// The solver thread (worker.ts): answers { problem, options } with { ok, result } or
// { ok: false, error, heapBytes } (HiGHS's WebAssembly memory at the failure, when loaded).
import { parentPort } from 'node:worker_threads';
import { highsRuntime } from './highs';
import type { Problem } from './problem';
import { solveProblem, type SolveOptions } from './solve';
import type { SolverReply } from './worker';

async function heapBytes(): Promise<number | null> {
  try {
    return (await highsRuntime()).memoryBytes;
  } catch {
    return null;
  }
}

parentPort?.on('message', (request: { problem: Problem; options: SolveOptions }) => {
  solveProblem(request.problem, request.options).then(
    (result) => parentPort?.postMessage({ ok: true, result } satisfies SolverReply),
    async (error: unknown) => parentPort?.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error), heapBytes: await heapBytes() } satisfies SolverReply),
  );
});
