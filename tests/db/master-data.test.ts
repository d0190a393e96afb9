import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../fixtures/temp-db';

let t: TestDb;
beforeEach(async () => {
  t = await createTestDb();
});
afterEach(async () => {
  await t.close();
});

async function auditCount(): Promise<number> {
  return (await t.all<{ n: number }>('SELECT count(*) AS n FROM audit_log'))[0]!.n;
}

async function specialtyId(code: string): Promise<number> {
  const found = (await t.api.client['specialties:list']()).find((s) => s.code === code);
  if (!found) throw new Error(`no specialty ${code}`);
  return found.id;
}

describe('specialties', () => {
  it('are seeded with obgyn and pediatric and can grow (cardiology)', async () => {
    const codes = (await t.api.client['specialties:list']()).map((s) => s.code);
    expect(codes).toEqual(['obgyn', 'pediatric']);
    const cardio = await t.api.client['specialties:create']({ code: 'cardiology', name: 'Jantung dan Pembuluh Darah', title: 'Sp.JP' });
    expect(cardio).toMatchObject({ code: 'cardiology', title: 'Sp.JP', active: true, color: '#607d8b' });
    const renamed = await t.api.client['specialties:update']({ id: cardio.id, changes: { active: false } });
    expect(renamed.active).toBe(false);
    expect((await t.api.client['specialties:list']({ includeInactive: false })).map((s) => s.code)).not.toContain('cardiology');
  });

  it('refuses a duplicate code as a conflict', async () => {
    const result = await t.api.invoke('specialties:create', { code: 'obgyn', name: 'Lagi' });
    expect(result).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });
});

describe('hospitals and specialists', () => {
  it('create, read, update and audit every change', async () => {
    const before = await auditCount();
    const hospital = await t.api.client['hospitals:create']({ name: 'RSUD Blambangan', kind: 'RSUD (kelas B)', town: 'Banyuwangi', lat: -8.2191, lon: 114.3691 });
    const specialist = await t.api.client['specialists:create']({
      name: 'dr. Ayu Kartika Sari, Sp.OG',
      specialtyId: await specialtyId('obgyn'),
      hospitalId: hospital.id,
      phone: '0812-3300-1000',
      email: 'ayu@contoh.id',
      usualWeekdays: [5, 1, 3, 1],
    });
    expect(specialist.usualWeekdays).toEqual([1, 3, 5]);
    expect(specialist.maxVisitsPerMonth).toBe(4);
    const updated = await t.api.client['specialists:update']({ id: specialist.id, changes: { maxVisitsPerMonth: 6, name: '  dr. Ayu K. Sari, Sp.OG  ' } });
    expect(updated).toMatchObject({ maxVisitsPerMonth: 6, name: 'dr. Ayu K. Sari, Sp.OG', email: 'ayu@contoh.id' });
    expect(await t.api.client['specialists:get']({ id: specialist.id })).toEqual(updated);
    expect(await auditCount()).toBe(before + 3);
    const [last] = await t.api.client['audit:list']({ entity: 'specialist', limit: 1 });
    expect(last).toMatchObject({ action: 'update', entityId: String(specialist.id) });
    expect((last?.before as { maxVisitsPerMonth: number }).maxVisitsPerMonth).toBe(4);
    expect((last?.after as { maxVisitsPerMonth: number }).maxVisitsPerMonth).toBe(6);
  });

  it('explains bad input in Indonesian and English, per field, and writes nothing', async () => {
    const before = await auditCount();
    const result = await t.api.invoke('specialists:create', {
      name: '',
      specialtyId: 'obgyn',
      email: 'not-an-email',
      usualWeekdays: [0, 8],
      maxVisitsPerMonth: -1,
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('VALIDATION');
    expect(result.error.message).toMatch(/^Data tidak valid/);
    expect(result.error.messageEn).toMatch(/^Invalid input/);
    const paths = result.error.fields?.map((f) => f.path) ?? [];
    expect(paths).toEqual(expect.arrayContaining(['name', 'specialtyId', 'email', 'usualWeekdays.0', 'usualWeekdays.1', 'maxVisitsPerMonth']));
    const name = result.error.fields?.find((f) => f.path === 'name');
    expect(name?.message).toBe('Nama: wajib diisi');
    expect(name?.messageEn).toBe('Name: is required');
    const email = result.error.fields?.find((f) => f.path === 'email');
    expect(email?.message).toContain('bukan alamat email yang benar');
    expect(await auditCount()).toBe(before);
    expect(await t.api.client['specialists:list']()).toHaveLength(0);
  });

  it('refuses a specialist whose specialty or hospital does not exist', async () => {
    const missingSpecialty = await t.api.invoke('specialists:create', { name: 'dr. X', specialtyId: 999 });
    expect(missingSpecialty).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', message: 'Spesialisasi #999 tidak ditemukan.' } });
    const missingHospital = await t.api.invoke('specialists:create', { name: 'dr. X', specialtyId: await specialtyId('pediatric'), hospitalId: 42 });
    expect(missingHospital).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('says which record is missing on update', async () => {
    const result = await t.api.invoke('hospitals:update', { id: 77, changes: { name: 'RS Baru' } });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND', messageEn: 'Hospital #77 not found.' } });
  });

  it('rejects control characters and over-long text', async () => {
    const control = await t.api.invoke('hospitals:create', { name: 'RS\u0000Nul' });
    expect(control).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const long = await t.api.invoke('hospitals:create', { name: 'x'.repeat(201) });
    expect(long).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('puskesmas', () => {
  it('keeps opening hours per weekday and refuses closing before opening', async () => {
    const created = await t.api.client['puskesmas:create']({
      name: 'Puskesmas Sempu',
      kecamatan: 'Sempu',
      openingHours: { '1': { open: '08:00', close: '15:00' }, '5': { open: '08:00', close: '11:00' } },
      poned: true,
    });
    expect(created.openingHours).toEqual({ '1': { open: '08:00', close: '15:00' }, '5': { open: '08:00', close: '11:00' } });
    expect(created.poned).toBe(true);
    const bad = await t.api.invoke('puskesmas:update', { id: created.id, changes: { openingHours: { '2': { open: '14:00', close: '08:00' } } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const badTime = await t.api.invoke('puskesmas:update', { id: created.id, changes: { openingHours: { '2': { open: '25:00', close: '26:00' } } } });
    expect(badTime).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await t.api.client['puskesmas:get']({ id: created.id })).openingHours).toEqual(created.openingHours);
  });

  it('uses district-typical hours by default (Friday shorter, Saturday half day)', async () => {
    const created = await t.api.client['puskesmas:create']({ name: 'Puskesmas Licin' });
    expect(created.openingHours['5']).toEqual({ open: '07:30', close: '11:00' });
    expect(created.openingHours['7']).toBeUndefined();
  });
});

describe('adoptions, leave, holidays and requirements', () => {
  it('sets an adoption once and changes its role in place', async () => {
    const specialist = await t.api.client['specialists:create']({ name: 'dr. Agus, Sp.A', specialtyId: await specialtyId('pediatric') });
    const puskesmas = await t.api.client['puskesmas:create']({ name: 'Puskesmas Kabat' });
    const first = await t.api.client['adoptions:set']({ specialistId: specialist.id, puskesmasId: puskesmas.id });
    const second = await t.api.client['adoptions:set']({ specialistId: specialist.id, puskesmasId: puskesmas.id, role: 'backup' });
    expect(second).toEqual({ ...first, role: 'backup', version: first.version + 1 });
    expect(await t.api.client['adoptions:list']({ puskesmasId: puskesmas.id })).toHaveLength(1);
    await t.api.client['adoptions:delete']({ id: first.id });
    expect(await t.api.client['adoptions:list']()).toHaveLength(0);
    expect(await t.api.invoke('adoptions:delete', { id: first.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('keeps leave in order and filters it by period', async () => {
    const specialist = await t.api.client['specialists:create']({ name: 'dr. Dewi, Sp.OG', specialtyId: await specialtyId('obgyn') });
    const reversed = await t.api.invoke('unavailability:create', { specialistId: specialist.id, startDate: '2026-03-13', endDate: '2026-03-02' });
    expect(reversed).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'endDate' }] } });
    const invalid = await t.api.invoke('unavailability:create', { specialistId: specialist.id, startDate: '2026-02-30', endDate: '2026-03-02' });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION', fields: [{ path: 'startDate' }] } });
    const leave = await t.api.client['unavailability:create']({ specialistId: specialist.id, startDate: '2026-03-02', endDate: '2026-03-13', reason: 'Cuti tahunan' });
    expect(leave.kind).toBe('leave');
    expect(await t.api.client['unavailability:list']({ from: '2026-03-10', to: '2026-03-31' })).toHaveLength(1);
    expect(await t.api.client['unavailability:list']({ from: '2026-03-14' })).toHaveLength(0);
    const moved = await t.api.invoke('unavailability:update', { id: leave.id, changes: { endDate: '2026-03-01' } });
    expect(moved).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await t.api.client['unavailability:list']())[0]?.endDate).toBe('2026-03-13');
  });

  it('are seeded with the official 2025-2027 holidays and refuse duplicates', async () => {
    const holidays2026 = await t.api.client['holidays:list']({ from: '2026-01-01', to: '2026-12-31' });
    expect(holidays2026).toHaveLength(25);
    expect(holidays2026.filter((h) => h.kind === 'cuti_bersama')).toHaveLength(8);
    expect((await t.api.client['holidays:list']({ from: '2025-01-01', to: '2025-12-31' })).length).toBeGreaterThanOrEqual(27);
    const duplicate = await t.api.invoke('holidays:create', { date: '2026-08-17', name: 'Proklamasi Kemerdekaan Republik Indonesia' });
    expect(duplicate).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const local = await t.api.client['holidays:create']({ date: '2026-12-18', name: 'Hari Jadi Banyuwangi', kind: 'libur' });
    expect(local.kind).toBe('libur');
  });

  it('keeps programme defaults and per-puskesmas requirements', async () => {
    const obgyn = await specialtyId('obgyn');
    expect(await t.api.client['requirements:list']()).toEqual([
      { specialtyId: obgyn, puskesmasId: null, visitsPerMonth: 1 },
      { specialtyId: await specialtyId('pediatric'), puskesmasId: null, visitsPerMonth: 1 },
    ]);
    const puskesmas = await t.api.client['puskesmas:create']({ name: 'Puskesmas Sobo' });
    await t.api.client['requirements:set']({ specialtyId: obgyn, puskesmasId: puskesmas.id, visitsPerMonth: 2 });
    await t.api.client['requirements:set']({ specialtyId: obgyn, puskesmasId: puskesmas.id, visitsPerMonth: 3 });
    const own = (await t.api.client['requirements:list']()).filter((r) => r.puskesmasId === puskesmas.id);
    expect(own).toEqual([{ specialtyId: obgyn, puskesmasId: puskesmas.id, visitsPerMonth: 3 }]);
  });
});

describe('settings', () => {
  it('have defaults and validate changes', async () => {
    const settings = await t.api.client['settings:get']();
    expect(settings).toMatchObject({ timeZone: 'Asia/Jakarta', visitStart: '09:00', weights: { continuity: 10 } });
    const updated = await t.api.client['settings:update']({ changes: { signatoryName: 'dr. Contoh, M.Kes', timeZone: 'Asia/Makassar' } });
    expect(updated).toMatchObject({ signatoryName: 'dr. Contoh, M.Kes', timeZone: 'Asia/Makassar', visitStart: '09:00' });
    const bad = await t.api.invoke('settings:update', { changes: { timeZone: 'Europe/Paris' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await t.api.client['settings:get']()).timeZone).toBe('Asia/Makassar');
  });

  it('change only what is given: other settings and weights keep their values', async () => {
    await t.api.client['settings:update']({ changes: { visitStart: '08:30', weights: { travel: 3 } } });
    const after = await t.api.client['settings:update']({ changes: { city: 'Mukomuko', weights: { fairness: 7 } } });
    expect(after).toMatchObject({ visitStart: '08:30', city: 'Mukomuko', weights: { travel: 3, fairness: 7, continuity: 10 } });
  });
});

describe('the dispatcher', () => {
  it('refuses unknown methods and non-object input', async () => {
    expect(await t.api.invoke('specialists:drop', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await t.api.invoke('__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await t.api.invoke('hospitals:create', 'RS')).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});

describe('settings messages', () => {
  it('name the field and explain the format in both languages', async () => {
    const result = await t.api.invoke('settings:update', { changes: { visitStart: '9 pagi' } });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        fields: [{ path: 'changes.visitStart', message: 'Jam mulai kunjungan: jam tidak dikenali; tulis mis. 9, 09.00 atau 13:30', messageEn: 'Visit start time: not a time; write e.g. 9, 09.00 or 13:30' }],
      },
    });
  });
});
