// "Who can cover?": plans:suggest and asuhan suggest on the demo district. Every suggestion
// passes the hard rules (judged again by visits:check), the list is ranked by the change in the
// plan's cost, and where nobody can go the remedies say what would make it coverable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../src/cli/command';
import { main } from '../../src/cli/main';
import { createTestDb, TEST_TODAY, type TestDb } from '../fixtures/temp-db';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb({ demo: true });
  const preview = await t.api.client['plans:run']({ month: '2026-03' });
  await t.api.client['plans:apply']({ planId: preview.planId });
}, 120_000);
afterAll(async () => t.close());

describe('plans:suggest', () => {
  it('for a planned visit: alternatives that pass the hard rules, cheapest first', async () => {
    const [visit] = await t.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const list = await t.api.client['plans:suggest']({ visitId: visit!.id, limit: 50 });
    expect(list.suggestions.length).toBeGreaterThan(0);
    const costs = list.suggestions.map((s) => s.costChange);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
    expect(new Set(list.suggestions.map((s) => s.specialistId)).size).toBeGreaterThan(1);
    for (const s of list.suggestions) {
      expect(s.movesVisitId).toBe(visit!.id);
      expect(s.date > '2026-02-18').toBe(true);
      expect(s.specialistId === visit!.specialistId && s.date === visit!.date).toBe(false);
      const check = await t.api.client['visits:check']({ specialistId: s.specialistId, puskesmasId: visit!.puskesmasId, date: s.date, startTime: s.startTime, excludeVisitId: visit!.id });
      expect(check, s.message).toEqual({ ok: true, violations: [] });
      expect(s.message).toContain(`biaya rencana ${s.costChange > 0 ? '+' : ''}${s.costChange.toFixed(2)}`);
    }
    expect(list.remedies).toEqual([]);
  });

  it('names the rules behind each change, and keeps to a few per specialist', async () => {
    const [visit] = await t.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const list = await t.api.client['plans:suggest']({ visitId: visit!.id, limit: 50, perSpecialist: 2 });
    const perSpecialist = new Map<number, number>();
    for (const s of list.suggestions) perSpecialist.set(s.specialistId, (perSpecialist.get(s.specialistId) ?? 0) + 1);
    expect(Math.max(...perSpecialist.values())).toBeLessThanOrEqual(2);
    expect(perSpecialist.size).toBeGreaterThan(1);
    for (const s of list.suggestions) {
      const parts = /\(([^)]*)\)\.$/.exec(s.message)?.[1]?.split(', ') ?? [];
      const sum = parts.reduce((total, part) => total + Number(part.slice(part.lastIndexOf(' ') + 1)), 0);
      expect(Math.abs(sum - s.costChange), s.message).toBeLessThanOrEqual(0.01 * parts.length);
    }
  });

  it('for a requirement nobody can cover: what would make it coverable, and its cost', async () => {
    const [place] = await t.api.client['puskesmas:list']({});
    const obgyn = (await t.api.client['specialties:list']({})).find((s) => s.code === 'obgyn')!;
    const adoptions = (await t.api.client['adoptions:list']({})).filter((a) => a.puskesmasId === place!.id);
    for (const a of adoptions) await t.api.client['adoptions:delete']({ id: a.id });
    await t.api.client['puskesmas:update']({ id: place!.id, changes: { lat: null, lon: null } });
    const list = await t.api.client['plans:suggest']({ puskesmasId: place!.id, specialtyId: obgyn.id, month: '2026-04' });
    expect(list.suggestions).toEqual([]);
    expect(list.remedies.length).toBeGreaterThan(0);
    expect(list.remedies.every((r) => r.kind === 'enter-distance')).toBe(true);
    expect(list.remedies[0]!.message).toContain(`posisi ${place!.name} belum diisi`);
    const costs = list.remedies.map((r) => r.suggestion.costChange);
    expect(costs).toEqual([...costs].sort((a, b) => a - b));
  });

  it('refuses a visit that is not planned, and input without a target', async () => {
    await expect(t.api.client['plans:suggest']({ visitId: 999_999 })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(t.api.client['plans:suggest']({ month: '2026-03' } as never)).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('asuhan suggest', () => {
  async function run(args: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: t.cliEnv, now: () => TEST_TODAY };
    const code = await main(args, io);
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('lists the alternatives for a visit, and says how to ask', async () => {
    const [visit] = await t.api.client['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    const listed = await run(['suggest', '--visit', String(visit!.id), '--limit', '3', ...t.cliArgs]);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^Alternatif \(3, terbaik dulu\):\n {2}1\. .*biaya rencana/);
    const bad = await run(['suggest', '--visit', '3', '--month', '2026-03', ...t.cliArgs]);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe('asuhan: Pakai --visit, atau --puskesmas, --specialty dan --month, bukan keduanya.');
  });
});
