// The solver thread: answers { id, problem, options } with { id, ok, result | error }.
import { parentPort } from 'node:worker_threads';
import type { Problem } from './problem';
import { solveProblem, type SolveOptions } from './solve';

parentPort?.on('message', (request: { id: number; problem: Problem; options: SolveOptions }) => {
  solveProblem(request.problem, request.options).then(
    (result) => parentPort?.postMessage({ id: request.id, ok: true, result }),
    (error: unknown) => parentPort?.postMessage({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
