// The scheduler bench's demo-district cases (src/seed/demo.ts seeded as `asuhan init --demo` does,
// today 2026-02-18), each run by scheduler.ts in a fresh process of its own:
// - suggest: March planned and saved, then plans:suggest for 20 different planned visits and for
//   the requirements left uncovered once specialists are away (every fourth on leave all March,
//   every maximum lowered to 3, March planned again); each asked twice, the first pass cold.
// - year: twelve months planned and saved one after another through the API, as
//   `asuhan plan --from 2026-03 --to 2027-02` does (plans:run, then plans:apply, per month).
// Times are the API call's wall clock (validation, database reads, the work) in this process.
import os from 'node:os';
import { addMonths, monthRange } from '../../../src/domain/dates';
import { createTestDb } from '../../../tests/fixtures/temp-db';

export const DEMO_MONTH = '2026-03';
const SUGGEST_VISITS = 20;
const AWAY_EVERY = 4;
const LOWERED_MAX = 3;

export interface Timings {
  /** The process's first call of this kind (JIT and caches cold). */
  first: number;
  /** Each target asked once (the first of them is `first`). */
  median: number;
  max: number;
  /** The same targets asked again. */
  warmMedian: number;
  warmMax: number;
  count: number;
}

export interface DemoSuggestResult {
  puskesmas: number;
  specialists: number;
  visits: Timings & { suggestions: number };
  uncovered: Timings & { requirements: number; remedies: number; suggestions: number };
  load: [number, number];
}

export interface DemoYearResult {
  puskesmas: number;
  months: number;
  ms: number;
  planMs: number;
  firstMonthMs: number;
  visits: number;
  uncovered: number;
  statuses: string[];
  peakMb: number;
  load: [number, number];
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  return sorted.length % 2 ? (sorted[Math.floor(mid)] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

async function timed<T>(run: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await run();
  return { ms: performance.now() - started, value };
}

async function twoPasses<T>(targets: T[], ask: (target: T) => Promise<unknown>): Promise<Timings> {
  const once: number[] = [];
  const again: number[] = [];
  for (const t of targets) once.push((await timed(() => ask(t))).ms);
  for (const t of targets) again.push((await timed(() => ask(t))).ms);
  return { first: once[0] ?? 0, median: median(once), max: Math.max(...once), warmMedian: median(again), warmMax: Math.max(...again), count: targets.length };
}

export async function runDemoSuggest(): Promise<DemoSuggestResult> {
  const t = await createTestDb({ demo: true });
  try {
    const c = t.api.client;
    const plan = await c['plans:run']({ month: DEMO_MONTH });
    await c['plans:apply']({ planId: plan.planId });
    const [from, to] = [`${DEMO_MONTH}-01`, `${DEMO_MONTH}-31`];
    const planned = (await c['visits:list']({ from, to })).filter((v) => v.status === 'planned');
    const step = Math.max(1, Math.floor(planned.length / SUGGEST_VISITS));
    const chosen = planned.filter((_, i) => i % step === 0).slice(0, SUGGEST_VISITS);
    const loadBefore = os.loadavg()[0] as number;
    let suggestions = 0;
    const visits = await twoPasses(chosen, async (v) => {
      const list = await c['plans:suggest']({ visitId: v.id });
      suggestions += list.suggestions.length;
    });

    const specialists = await c['specialists:list']({});
    for (const [i, s] of specialists.entries()) {
      if (i % AWAY_EVERY === 0) await c['unavailability:create']({ specialistId: s.id, startDate: from, endDate: to, kind: 'leave', reason: 'bench' });
      if (s.maxVisitsPerMonth > LOWERED_MAX) await c['specialists:update']({ id: s.id, version: s.version, changes: { maxVisitsPerMonth: LOWERED_MAX } });
    }
    const again = await c['plans:run']({ month: DEMO_MONTH });
    await c['plans:apply']({ planId: again.planId });
    const open = (await c['plans:uncovered']({ month: DEMO_MONTH })).slice(0, SUGGEST_VISITS);
    if (open.length === 0) throw new Error('demo bench: no requirement left uncovered; lower the maximum further');
    let remedies = 0;
    let found = 0;
    const uncovered = await twoPasses(open, async (u) => {
      const list = await c['plans:suggest']({ puskesmasId: u.puskesmasId, specialtyId: u.specialtyId, month: DEMO_MONTH });
      remedies += list.remedies.length;
      found += list.suggestions.length;
    });
    return {
      puskesmas: (await c['puskesmas:list']({})).length,
      specialists: specialists.length,
      visits: { ...visits, suggestions: suggestions / (2 * chosen.length) },
      uncovered: { ...uncovered, requirements: open.length, remedies: remedies / (2 * open.length), suggestions: found / (2 * open.length) },
      load: [loadBefore, os.loadavg()[0] as number],
    };
  } finally {
    await t.close();
  }
}

export async function runDemoYear(): Promise<DemoYearResult> {
  const t = await createTestDb({ demo: true });
  try {
    const c = t.api.client;
    const months = monthRange(DEMO_MONTH, addMonths(DEMO_MONTH, 11));
    const loadBefore = os.loadavg()[0] as number;
    const started = performance.now();
    let planMs = 0;
    let firstMonthMs = 0;
    let visits = 0;
    let uncovered = 0;
    const statuses = new Set<string>();
    for (const month of months) {
      const monthStarted = performance.now();
      const preview = await c['plans:run']({ month });
      planMs += performance.now() - monthStarted;
      await c['plans:apply']({ planId: preview.planId });
      if (month === DEMO_MONTH) firstMonthMs = performance.now() - monthStarted;
      visits += preview.visits.length;
      uncovered += preview.coverage.required - preview.coverage.covered;
      statuses.add(preview.solverStatus);
    }
    const ms = performance.now() - started;
    return {
      puskesmas: (await c['puskesmas:list']({})).length,
      months: months.length,
      ms,
      planMs,
      firstMonthMs,
      visits,
      uncovered,
      statuses: [...statuses],
      peakMb: process.resourceUsage().maxRSS / 1024,
      load: [loadBefore, os.loadavg()[0] as number],
    };
  } finally {
    await t.close();
  }
}
