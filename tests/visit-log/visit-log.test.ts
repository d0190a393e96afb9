import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AsuhanError } from '../../src/contract/errors';
import type { ApiClient } from '../../src/contract/index';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { insertVisit, primaryPairs } from './builders';

const DONE = { outcome: 'done' as const, attendees: [{ role: 'bidan' as const, headcount: 3 }], topics: ['anc'] };

let t: TestDb;
let api: ApiClient;
let pair: { puskesmasId: number; specialistId: number };

beforeEach(async () => {
  t = await createTestDb({ demo: true });
  api = t.api.client;
  const pairs = await primaryPairs(t.db.kysely);
  pair = pairs.find((p) => p.specialtyCode === 'obgyn')!;
});
afterEach(async () => t.close());

const visitOn = (date: string, extra: { startTime?: string; endTime?: string } = {}) => insertVisit(t.db.kysely, { ...pair, date, ...extra });

async function failure(run: Promise<unknown>): Promise<AsuhanError> {
  try {
    await run;
  } catch (error) {
    if (error instanceof AsuhanError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

async function snapshot() {
  const db = t.db.kysely;
  const count = async (table: 'audit_log' | 'visit_log' | 'visit_attendee' | 'visit_topic' | 'case_consult' | 'followup' | 'visit') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return {
    audit: await count('audit_log'),
    logs: await count('visit_log'),
    attendees: await count('visit_attendee'),
    topics: await count('visit_topic'),
    cases: await count('case_consult'),
    followups: await count('followup'),
    visits: await count('visit'),
    statuses: await db.selectFrom('visit').select(['id', 'status']).orderBy('id').execute(),
  };
}

describe('visit-log:save, done', () => {
  it('records attendance, topics, cases, follow-ups and notes, marks the visit done and audits it', async () => {
    const visitId = await visitOn('2026-02-10');
    const hospital = (await api['hospitals:list']({}))[0]!;
    const saved = await api['visit-log:save']({
      visitId,
      outcome: 'done',
      startTime: '09:15',
      endTime: '12:40',
      attendees: [
        { role: 'dokter_umum', name: 'dr. Rina Wulandari' },
        { role: 'bidan', headcount: 4 },
        { role: 'kader', headcount: 2 },
      ],
      topics: ['anc', 'pre-eclampsia', 'anc'],
      cases: [
        { ageGroup: 'adult_35_plus', condition: 'G3P2 32 minggu, TD 160/110', decision: 'referred', hospitalId: hospital.id },
        { ageGroup: 'adult', condition: 'Anemia ringan trimester 2', decision: 'managed' },
      ],
      followups: [{ action: 'Lengkapi MgSO4 di ruang bersalin', owner: 'Kepala puskesmas', dueDate: '2026-03-10' }],
      notes: 'Diskusi kasus berjalan baik.',
    });
    expect(saved.visit.status).toBe('done');
    expect(saved.log).toMatchObject({ outcome: 'done', actualDate: '2026-02-10', startTime: '09:15', endTime: '12:40', attendance: 7 });
    expect(saved.log!.topics.map((x) => x.code)).toEqual(['anc', 'pre-eclampsia']);
    expect(saved.log!.cases[0]).toMatchObject({ decision: 'referred', hospitalName: hospital.name });
    expect(saved.log!.followupsOpened).toHaveLength(1);
    const audit = await api['audit:list']({ entity: 'visit_log', entityId: String(visitId) });
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(await api['visit-log:get']({ visitId })).toEqual(saved);
  });

  it('needs at least one attendee and one topic, and writes nothing otherwise', async () => {
    const visitId = await visitOn('2026-02-10');
    const before = await snapshot();
    const error = await failure(api['visit-log:save']({ visitId, outcome: 'done', attendees: [], topics: [] }));
    expect(error.code).toBe('VALIDATION');
    expect(error.fields!.map((f) => f.path).sort()).toEqual(['attendees', 'topics']);
    expect(error.message).toMatch(/minimal satu/);
    expect(error.messageEn).toMatch(/at least one/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a future date, judged by today in the district zone', async () => {
    const visitId = await visitOn('2026-02-19');
    const error = await failure(api['visit-log:save']({ visitId, ...DONE }));
    expect(error.fields?.[0]?.path).toBe('actualDate');
    expect(error.message).toMatch(/19 Februari 2026/);
    // 18:00 UTC on the 18th is already 01:00 WIB on the 19th.
    const late = await createTestDb({ demo: true, now: new Date('2026-02-18T18:00:00Z') });
    try {
      const id = await insertVisit(late.db.kysely, { ...pair, date: '2026-02-19' });
      await expect(late.api.client['visit-log:save']({ visitId: id, ...DONE })).resolves.toMatchObject({ log: { outcome: 'done' } });
    } finally {
      await late.close();
    }
  });

  it('refuses unknown topics, patient names and referrals without a hospital', async () => {
    const visitId = await visitOn('2026-02-10');
    const before = await snapshot();
    const unknown = await failure(api['visit-log:save']({ visitId, ...DONE, topics: ['anc', 'astrology'] }));
    expect(unknown.message).toMatch(/astrology/);
    const named = await failure(
      api['visit-log:save']({ visitId, ...DONE, cases: [{ ageGroup: 'adult', condition: 'Ny. Sari, perdarahan', decision: 'managed' }] }),
    );
    expect(named.fields?.[0]?.path).toBe('cases.0.condition');
    expect(named.messageEn).toMatch(/patient name/);
    const label = await failure(
      api['visit-log:save']({ visitId, ...DONE, cases: [{ ageGroup: 'adult', condition: 'hipertensi', notes: 'nama pasien: Sari', decision: 'managed' }] }),
    );
    expect(label.fields?.[0]?.path).toBe('cases.0.notes');
    const referral = await failure(api['visit-log:save']({ visitId, ...DONE, cases: [{ ageGroup: 'neonate', condition: 'BBLR 1800 g', decision: 'referred' }] }));
    expect(referral.fields?.[0]?.path).toBe('cases.0.hospitalId');
    expect(await snapshot()).toEqual(before);
  });
});

describe('visit-log:save, logging twice', () => {
  it('refuses a second log, and replace corrects it with both versions in the audit log', async () => {
    const visitId = await visitOn('2026-02-10');
    await api['visit-log:save']({ visitId, ...DONE, followups: [{ action: 'Cek stok oksitosin', owner: 'Bidan koordinator', dueDate: '2026-03-01' }] });
    const error = await failure(api['visit-log:save']({ visitId, ...DONE }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/sudah dicatat/);
    const corrected = await api['visit-log:save']({ visitId, ...DONE, topics: ['pph'], replace: true });
    expect(corrected.log!.topics.map((x) => x.code)).toEqual(['pph']);
    expect(corrected.log!.followupsOpened).toHaveLength(0);
    const audit = await api['audit:list']({ entity: 'visit_log', entityId: String(visitId) });
    expect(audit.map((a) => a.action)).toEqual(['update', 'create']);
    expect(audit[0]!.before).toMatchObject({ topics: [{ code: 'anc' }], followupsOpened: [{ action: 'Cek stok oksitosin' }] });
    expect(audit[0]!.after).toMatchObject({ topics: [{ code: 'pph' }] });
  });
});

describe('visit-log:save, other outcomes', () => {
  it('cancelled needs a reason and takes no attendance', async () => {
    const visitId = await visitOn('2026-03-03');
    const noReason = await failure(api['visit-log:save']({ visitId, outcome: 'cancelled' }));
    expect(noReason.fields?.[0]?.path).toBe('reason');
    const withTopics = await failure(api['visit-log:save']({ visitId, outcome: 'cancelled', reason: 'Banjir', topics: ['anc'] }));
    expect(withTopics.fields?.[0]?.path).toBe('outcome');
    const saved = await api['visit-log:save']({ visitId, outcome: 'cancelled', reason: 'Banjir di jalan desa' });
    expect(saved.visit.status).toBe('cancelled');
    expect(saved.visit.sequence).toBe(1);
  });

  it('missed only once the day has come', async () => {
    const future = await visitOn('2026-03-03');
    expect((await failure(api['visit-log:save']({ visitId: future, outcome: 'missed' }))).code).toBe('VALIDATION');
    const past = await visitOn('2026-02-03');
    expect((await api['visit-log:save']({ visitId: past, outcome: 'missed', reason: 'Dokter dipanggil operasi cito' })).visit.status).toBe('missed');
  });

  it('moved creates the new visit linked both ways, and is final', async () => {
    const visitId = await visitOn('2026-02-12');
    const saved = await api['visit-log:save']({ visitId, outcome: 'moved', reason: 'Puskesmas akreditasi', movedTo: { date: '2026-02-26', startTime: '10:00', endTime: '13:00' } });
    expect(saved.visit.status).toBe('cancelled');
    const newId = saved.visit.movedToVisitId!;
    const moved = await api['visit-log:get']({ visitId: newId });
    expect(moved.visit).toMatchObject({ date: '2026-02-26', startTime: '10:00', status: 'planned', movedFromVisitId: visitId, manual: true });
    expect(moved.log).toBeNull();
    const again = await failure(api['visit-log:save']({ visitId, outcome: 'missed', replace: true }));
    expect(again.code).toBe('CONFLICT');
    expect(again.messageEn).toMatch(new RegExp(`#${newId}`));
  });

  it('moved refuses a day the specialist already has a visit', async () => {
    const visitId = await visitOn('2026-02-12');
    await visitOn('2026-02-26');
    const before = await snapshot();
    const error = await failure(api['visit-log:save']({ visitId, outcome: 'moved', movedTo: { date: '2026-02-26' } }));
    expect(error.code).toBe('RULE');
    expect(await snapshot()).toEqual(before);
  });

  it('moved is judged by the scheduler\'s hard rules: no move onto a public holiday', async () => {
    const visitId = await visitOn('2026-03-10');
    const before = await snapshot();
    const error = await failure(api['visit-log:save']({ visitId, outcome: 'moved', movedTo: { date: '2026-03-19' } }));
    expect(error.code).toBe('RULE');
    expect(error.message).toMatch(/19 Maret 2026/);
    expect(await snapshot()).toEqual(before);
  });

  it('an unknown visit is NOT_FOUND', async () => {
    expect((await failure(api['visit-log:save']({ visitId: 999999, ...DONE }))).code).toBe('NOT_FOUND');
  });
});

describe('follow-ups', () => {
  it('are closed at a later done visit to the same puskesmas, and listed as open until then', async () => {
    const first = await visitOn('2026-01-13');
    const saved = await api['visit-log:save']({
      visitId: first,
      ...DONE,
      followups: [
        { action: 'Latih ulang resusitasi', owner: 'Bidan koordinator', dueDate: '2026-02-01' },
        { action: 'Perbaiki alur rujukan', owner: 'Kepala puskesmas', dueDate: '2026-03-31' },
      ],
    });
    const [late, later] = saved.log!.followupsOpened;
    const report = await api['reports:followups']({});
    expect(report.counts).toEqual({ open: 2, overdue: 1, closed: 0 });
    expect(report.rows.find((r) => r.id === late!.id)).toMatchObject({ overdue: true, daysOverdue: 17 });

    const second = await visitOn('2026-02-10');
    const sameVisit = await failure(api['visit-log:save']({ visitId: first, ...DONE, replace: true, closeFollowups: [{ id: later!.id }] }));
    expect(sameVisit.fields?.[0]).toMatchObject({ path: 'closeFollowups.0', messageEn: expect.stringMatching(/later visit/) });
    const detail = await api['visit-log:get']({ visitId: second });
    expect(detail.openFollowups.map((f) => f.id)).toEqual([late!.id, later!.id]);
    const closing = await api['visit-log:save']({ visitId: second, ...DONE, closeFollowups: [{ id: late!.id, note: 'Sudah dilatih' }] });
    expect(closing.log!.followupsClosed).toMatchObject([{ id: late!.id, status: 'closed', closedOn: '2026-02-10', closedVisitId: second }]);
    expect((await api['followups:list']({})).map((f) => f.id)).toEqual([later!.id]);
    expect((await failure(api['followups:close']({ id: late!.id }))).code).toBe('CONFLICT');
    const byHand = await api['followups:close']({ id: later!.id, note: 'Dikonfirmasi lewat telepon' });
    expect(byHand).toMatchObject({ status: 'closed', closedOn: '2026-02-18', closedVisitId: null });
  });
});

describe('topics', () => {
  it('lists the seeded PAS and ILP catalogue and takes new topics', async () => {
    const topics = await api['topics:list']({});
    expect(topics.length).toBeGreaterThanOrEqual(30);
    expect(topics.find((x) => x.code === 'neonatal-resuscitation')).toMatchObject({ nameId: 'Resusitasi neonatus', specialtyCode: 'pediatric', required: true });
    const created = await api['topics:create']({ code: 'thalassaemia', nameId: 'Talasemia', nameEn: 'Thalassaemia', specialtyCode: 'pediatric' });
    expect(created).toMatchObject({ required: false, active: true, programme: 'other' });
    expect((await failure(api['topics:create']({ code: 'thalassaemia', nameId: 'x', nameEn: 'x' }))).code).toBe('CONFLICT');
    expect((await failure(api['topics:create']({ code: 'x-ray', nameId: 'x', nameEn: 'x', specialtyCode: 'dermatology' }))).code).toBe('VALIDATION');
    const retired = await api['topics:update']({ id: created.id, changes: { active: false } });
    expect(retired.active).toBe(false);
    expect((await api['topics:list']({})).some((x) => x.code === 'thalassaemia')).toBe(false);
  });
});
