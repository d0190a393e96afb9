// Undo from the audit log: a move, a cancellation, a pin and a deactivation are taken back,
// a record changed since is left alone, and nothing is undone twice.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { insertVisit, primaryPairs } from './builders';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb({ demo: true }); // today is 2026-02-18
});
afterEach(async () => t.close());

async function aVisit(date = '2026-03-03') {
  const pair = (await primaryPairs(t.db.kysely)).find((p) => p.specialtyCode === 'obgyn')!;
  return insertVisit(t.db.kysely, { ...pair, date });
}

describe('changes:list and changes:undo', () => {
  it('takes a move back and names the visit in plain words', async () => {
    const api = t.api.client;
    const id = await aVisit();
    const moved = await api['visits:move']({ id, date: '2026-03-04' });
    const [change] = await api['changes:list']({});
    expect(change).toMatchObject({ kind: 'move', entity: 'visit', entityId: id, undone: false });
    expect(change!.description).toMatch(/^Kunjungan dr\. .+ ke Puskesmas .+ dipindah dari Selasa, 3 Maret 2026 ke Rabu, 4 Maret 2026$/);
    const undone = await api['changes:undo']({ auditId: change!.auditId });
    expect(undone.undone).toBe(true);
    const [visit] = await api['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    expect(visit).toMatchObject({ id, date: '2026-03-03', manual: false, sequence: moved.sequence + 1 });
    await expect(api['changes:undo']({ auditId: change!.auditId })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await api['changes:list']({})).find((c) => c.auditId === change!.auditId)?.undone).toBe(true);
  });

  it('brings a cancelled visit back and unpins a pin', async () => {
    const api = t.api.client;
    const id = await aVisit();
    await api['visits:delete']({ id });
    await api['changes:undo']({ auditId: (await api['changes:list']({}))[0]!.auditId });
    await api['visits:pin']({ id, pinned: true });
    const [pin] = await api['changes:list']({});
    expect(pin!.kind).toBe('pin');
    await api['changes:undo']({ auditId: pin!.auditId });
    const [visit] = await api['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    expect(visit).toMatchObject({ status: 'planned', pinned: false });
  });

  it('refuses when the visit changed since', async () => {
    const api = t.api.client;
    const id = await aVisit();
    await api['visits:move']({ id, date: '2026-03-04' });
    const [first] = await api['changes:list']({});
    await api['visits:move']({ id, date: '2026-03-05' });
    await expect(api['changes:undo']({ auditId: first!.auditId })).rejects.toThrow(/sudah berubah lagi sejak itu/);
    const [visit] = await api['visits:list']({ from: '2026-03-01', to: '2026-03-31' });
    expect(visit!.date).toBe('2026-03-05');
  });

  it('reactivates a deactivated specialist', async () => {
    const api = t.api.client;
    const [specialist] = await api['specialists:list']({});
    await api['specialists:update']({ id: specialist!.id, changes: { active: false } });
    const [change] = await api['changes:list']({});
    expect(change).toMatchObject({ kind: 'deactivate', description: `Dokter spesialis ${specialist!.name} dinonaktifkan` });
    await api['changes:undo']({ auditId: change!.auditId });
    expect((await api['specialists:get']({ id: specialist!.id })).active).toBe(true);
  });
});
