// Planning on a served database (issue 15): the solve runs on the server's solver thread, so over
// real HTTP another user's call is answered while the plan is still being made; a second plan
// meanwhile is refused, saying whose plan of which month runs; closing the server during a plan
// ends it cleanly, with nothing saved and the worker stopped.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApi } from '../../src/app/api';
import { createContext } from '../../src/app/context';
import { SolverThread } from '../../src/scheduler/worker';
import { startWebShell, type WebShell } from '../../src/server/web-shell';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { shellRequest, type Reply } from '../reliability/support/shell-request';

let t: TestDb;
let solver: SolverThread;
let shell: WebShell;

beforeEach(async () => {
  t = await createTestDb({ demo: true });
  solver = new SolverThread();
  const staticDir = path.join(t.dir, 'renderer');
  fs.mkdirSync(staticDir, { recursive: true });
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Asuhan</title>');
  shell = await startWebShell({ api: createApi(createContext(t.db, t.ctx.now, solver)), staticDir, port: 0 });
});
afterEach(async () => {
  await shell.close();
  await solver.close();
  await t.close();
});

const call = (method: string, input: unknown) => shellRequest(shell, 'POST', `/api/${method}`, JSON.stringify(input));
const json = (reply: Reply) => JSON.parse(reply.body) as { ok: boolean; data?: any; error?: { code: string; message: string; messageEn: string } };

/** Resolves once the solver thread has the plan (the database reads before it are done). */
async function solving(): Promise<void> {
  while (!solver.busy()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('planning on the web shell', () => {
  it('answers another call while a plan is being solved, and refuses a second plan meanwhile', async () => {
    const order: string[] = [];
    const plan = call('plans:run', { month: '2026-03' }).then((reply) => {
      order.push('plans:run');
      return reply;
    });
    await solving();
    const list = await call('visits:list', { from: '2026-03-01', to: '2026-03-31' });
    order.push('visits:list');
    expect(list.status, list.body).toBe(200);
    // Answered while the solve was still under way: the server's event loop was not held by it.
    const stillSolving = solver.busy() !== null;
    const second = json(await call('plans:run', { month: '2026-04' }));
    const planned = await plan;
    expect(order).toEqual(['visits:list', 'plans:run']);
    expect(stillSolving).toBe(true);
    expect(planned.status, planned.body).toBe(200);
    expect(json(planned).data.visits.length).toBeGreaterThan(0);
    if (!second.ok) {
      // Refused while March was being solved (it may also have come after March was done: then planned).
      expect(second.error).toMatchObject({ code: 'CONFLICT' });
      expect(second.error!.message).toContain('Rencana Maret 2026 sedang disusun oleh Koordinator');
      expect(second.error!.messageEn).toContain('The plan for March 2026 is being made by Koordinator');
    }
    const plans = await t.all<{ month: string }>('SELECT month FROM plan ORDER BY id');
    expect(plans.map((p) => p.month)).toEqual(second.ok ? ['2026-03', '2026-04'] : ['2026-03']);
  });

  it('ends cleanly when the server closes during a plan: no answer, nothing saved, the worker stopped', async () => {
    const plan = call('plans:run', { month: '2026-03' }).then(
      (reply) => ({ reply }),
      (error: unknown) => ({ error }),
    );
    await solving();
    await shell.close();
    await solver.close();
    const outcome = await plan;
    // The connection went with the server: the caller sees it closed, not a plan.
    expect('error' in outcome ? String(outcome.error) : outcome.reply.status).toMatch(/socket hang up|ECONNRESET/);
    expect(solver.busy()).toBeNull();
    // Let the handler's rejection run its course: it writes nothing.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await t.all('SELECT id FROM plan')).toEqual([]);
  });
});
