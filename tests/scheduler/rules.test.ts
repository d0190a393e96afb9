// Each rule on its own, on the tiny district: the hard rules refuse what they must with the
// sentence the coordinator reads; the soft rules cost what they should and say why.
import { describe, expect, it } from 'vitest';
import { checkOneVisit, checkPlan } from '../../src/scheduler/checker';
import { ProblemIndex } from '../../src/scheduler/context';
import type { PlannedVisit } from '../../src/scheduler/problem';
import { coverage } from '../../src/scheduler/rules/coverage';
import { fixedVisits } from '../../src/scheduler/rules/fixed-visits';
import { HARD_RULES, SOFT_RULES } from '../../src/scheduler/rules/index';
import { monthlyMaximum } from '../../src/scheduler/rules/monthly-maximum';
import { oneVisitPerDay } from '../../src/scheduler/rules/one-visit-per-day';
import { preference } from '../../src/scheduler/rules/preference';
import { fairness } from '../../src/scheduler/rules/fairness';
import { spread } from '../../src/scheduler/rules/spread';
import { stability } from '../../src/scheduler/rules/stability';
import { travel } from '../../src/scheduler/rules/travel';
import { solveProblem } from '../../src/scheduler/solve';
import { ANI, BUDI, LICIN, MARCH, OBGYN, SEMPU, tinyProblem, visit } from './tiny';

const MONDAY = '2026-03-02';
const SUNDAY = '2026-03-08';

function rulesBroken(problem = tinyProblem(), v = visit(MONDAY)) {
  return checkOneVisit(new ProblemIndex(problem), v);
}

const monthPlan = (visits: PlannedVisit[], extra: Partial<{ currentPlan: PlannedVisit[]; previous: Map<string, string> }> = {}) => ({
  month: MARCH,
  visits,
  currentPlan: extra.currentPlan ?? [],
  previous: extra.previous ?? new Map<string, string>(),
});

describe('rule list', () => {
  it('lists hard rules before soft ones, each soft rule with a weight from the settings', () => {
    expect(HARD_RULES.every((r) => r.kind === 'hard')).toBe(true);
    expect(SOFT_RULES.map((r) => r.weightKey).sort()).toEqual(['balance', 'continuity', 'fairness', 'preference', 'spread', 'stability', 'travel']);
  });
});

describe('hard rules, one at a time', () => {
  it('accepts a visit that keeps every rule', () => {
    expect(rulesBroken()).toEqual([]);
  });

  it('usual-weekday: refuses a day the specialist does not work', () => {
    const broken = rulesBroken(tinyProblem((p) => (p.puskesmas[0]!.openingHours['7'] = { open: '07:30', close: '14:00' })), visit(SUNDAY));
    expect(broken.map((v) => v.rule)).toEqual(['usual-weekday']);
    expect(broken[0]!.message).toContain('hari Minggu');
  });

  it('unavailability: refuses a day of leave and names it', () => {
    const problem = tinyProblem((p) => p.unavailability.push({ specialistId: ANI, startDate: '2026-03-02', endDate: '2026-03-13', kind: 'leave', reason: '' }));
    const broken = rulesBroken(problem);
    expect(broken.map((v) => v.rule)).toEqual(['unavailability']);
    expect(broken[0]!.message).toBe('dr. Ani, Sp.OG cuti 2-13 Maret 2026, jadi tidak bisa berkunjung Senin, 2 Maret 2026.');
    expect(broken[0]!.messageEn).toContain('on leave 2-13 March 2026');
  });

  it('holiday: refuses a holiday with its name', () => {
    const problem = tinyProblem((p) => {
      p.months = ['2026-08'];
      p.holidays.push({ date: '2026-08-17', name: 'Proklamasi Kemerdekaan', kind: 'libur' });
    });
    const broken = rulesBroken(problem, visit('2026-08-17'));
    expect(broken.map((v) => v.rule)).toEqual(['holiday']);
    expect(broken[0]!.message).toBe('Tanggal 17 Agustus 2026 adalah hari libur (Proklamasi Kemerdekaan).');
  });

  it('opening-hours: refuses a closed day and a visit that does not fit the hours', () => {
    const saturday = tinyProblem((p) => (p.specialists[0]!.usualWeekdays = [1, 2, 3, 4, 5, 6]));
    expect(rulesBroken(saturday, visit('2026-03-07')).map((v) => v.rule)).toEqual(['opening-hours']);
    const short = tinyProblem((p) => (p.puskesmas[0]!.openingHours['1'] = { open: '07:30', close: '11:00' }));
    const broken = rulesBroken(short, visit(MONDAY, ANI, SEMPU, '09:00', '12:00'));
    expect(broken.map((v) => v.rule)).toEqual(['opening-hours']);
    // The visit as given runs past closing; 07.30-10.30 would fit that day.
    expect(broken[0]!.message).toContain('di luar jam buka');
    expect(rulesBroken(short, visit(MONDAY, ANI, SEMPU, '07:30', '10:30'))).toEqual([]);
    const tooShort = tinyProblem((p) => (p.puskesmas[0]!.openingHours['1'] = { open: '07:30', close: '10:00' }));
    expect(rulesBroken(tooShort, visit(MONDAY, ANI, SEMPU, '07:30', '10:30'))[0]!.message).toContain('tidak muat');
  });

  it('reach: refuses a puskesmas beyond the travel limit, or any unadopted one without backup cover', () => {
    const far = tinyProblem((p) => p.distances.push({ hospitalId: 1, puskesmasId: LICIN, km: 95, minutes: null }));
    const broken = rulesBroken(far, visit(MONDAY, BUDI, LICIN));
    expect(broken.map((v) => v.rule)).toEqual(['reach']);
    expect(broken[0]!.message).toContain('95 km');
    const noCover = tinyProblem((p) => (p.settings.allowBackupCover = false));
    expect(rulesBroken(noCover, visit(MONDAY, BUDI, LICIN))[0]!.message).toContain('bukan puskesmas asuhan');
    expect(rulesBroken(noCover, visit(MONDAY, BUDI, SEMPU))).toEqual([]);
  });

  it('one-visit-per-day: refuses a second visit the same day', () => {
    const index = new ProblemIndex(tinyProblem());
    const found = oneVisitPerDay.checkMonth!(index, monthPlan([visit(MONDAY), visit(MONDAY, ANI, LICIN)]), []);
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toContain('sudah punya kunjungan');
  });

  it('monthly-maximum: refuses more visits than the maximum', () => {
    const index = new ProblemIndex(tinyProblem((p) => (p.specialists[0]!.maxVisitsPerMonth = 1)));
    const found = monthlyMaximum.checkMonth!(index, monthPlan([visit(MONDAY), visit('2026-03-03', ANI, LICIN)]), []);
    expect(found.map((v) => v.message)).toEqual(['dr. Ani, Sp.OG mendapat 2 kunjungan pada Maret 2026, melebihi batas 1.']);
  });

  it('fixed-visits: reports a fixed visit that moved', () => {
    const index = new ProblemIndex(tinyProblem());
    const fixed = { ...visit(MONDAY), fixed: true };
    expect(fixedVisits.checkMonth!(index, monthPlan([fixed]), [fixed])).toEqual([]);
    expect(fixedVisits.checkMonth!(index, monthPlan([visit('2026-03-03')]), [fixed])).toHaveLength(1);
  });

  it('coverage: reports each puskesmas short of its required visits', () => {
    const index = new ProblemIndex(tinyProblem());
    const found = coverage.checkMonth!(index, monthPlan([visit(MONDAY)]), []);
    expect(found.map((v) => v.message)).toEqual(['Puskesmas Licin baru mendapat 0 dari 1 kunjungan Obstetri dan Ginekologi pada Maret 2026.']);
  });
});

describe('soft rules, one at a time', () => {
  it('continuity: a replacement says why the adopter did not go', async () => {
    const problem = tinyProblem((p) => p.unavailability.push({ specialistId: ANI, startDate: '2026-03-01', endDate: '2026-03-31', kind: 'leave', reason: '' }));
    const result = await solveProblem(problem);
    const sentence = result.explanations.find((e) => e.rule === 'continuity');
    expect(sentence?.message).toBe(
      'Puskesmas Sempu dikunjungi dr. Budi, Sp.OG (dokter asuh cadangan), bukan dr. Ani, Sp.OG (dokter asuhnya), karena dr. Ani, Sp.OG cuti 1-31 Maret 2026.',
    );
    expect(sentence?.cost).toBe(problem.settings.weights.continuity / 2);
  });

  it('continuity: names partial leave beside the main reason', async () => {
    const problem = tinyProblem((p) => {
      p.specialists[0]!.maxVisitsPerMonth = 1;
      p.unavailability.push({ specialistId: ANI, startDate: '2026-03-02', endDate: '2026-03-13', kind: 'leave', reason: '' });
    });
    const result = await solveProblem(problem);
    expect(result.explanations.find((e) => e.rule === 'continuity')?.message).toBe(
      'Puskesmas Sempu dikunjungi dr. Budi, Sp.OG (dokter asuh cadangan), bukan dr. Ani, Sp.OG (dokter asuhnya), karena dr. Ani, Sp.OG sudah mencapai batas 1 kunjungan bulan ini (dan cuti 2-13 Maret 2026).',
    );
  });

  it('travel: costs one weight unit per 10 km and flags unknown distances as neutral', () => {
    const index = new ProblemIndex(tinyProblem((p) => p.distances.push({ hospitalId: 1, puskesmasId: SEMPU, km: 40, minutes: null })));
    const [cost] = travel.evaluate(index, monthPlan([visit(MONDAY)]));
    expect(cost!.cost).toBeCloseTo(4);
    expect(cost!.message).toContain('40 km');
    const unknown = new ProblemIndex(tinyProblem((p) => (p.hospitals[0]!.lat = null)));
    const [neutral] = travel.evaluate(unknown, monthPlan([visit(MONDAY)]));
    expect(neutral!.cost).toBeCloseTo(3);
    expect(neutral!.message).toContain('tidak diketahui');
  });

  it('fairness: costs each visit above the fair share', () => {
    const index = new ProblemIndex(tinyProblem());
    const costs = fairness.evaluate(index, monthPlan([visit(MONDAY), visit('2026-03-09', ANI, LICIN)]));
    expect(costs).toHaveLength(1);
    expect(costs[0]!.cost).toBe(4);
  });

  it('spread: costs two specialties on one day, a crowded week and a visit far from a month after the last', () => {
    const problem = tinyProblem((p) => {
      p.specialties.push({ id: 2, code: 'pediatric', name: 'Anak' });
      p.specialists.push({ id: 3, name: 'dr. Citra, Sp.A', specialtyId: 2, hospitalId: 1, maxVisitsPerMonth: 4, usualWeekdays: [1, 2, 3, 4, 5], preferredWeekdays: [] });
    });
    const index = new ProblemIndex(problem);
    const sameDay = spread.evaluate(index, monthPlan([visit(MONDAY), { ...visit(MONDAY, 3), specialtyId: 2 }]));
    expect(sameDay.map((c) => c.message)).toContain('Puskesmas Sempu menerima dua spesialis pada hari yang sama (Senin, 2 Maret 2026).');
    const crowded = spread.evaluate(index, monthPlan([visit(MONDAY), visit('2026-03-03', ANI, LICIN)]));
    expect(crowded.reduce((s, c) => s + c.cost, 0)).toBe(3);
    const early = spread.evaluate(index, monthPlan([visit('2026-03-02')], { previous: new Map([[`${SEMPU}:${OBGYN}`, '2026-02-23']]) }));
    expect(early[0]!.cost).toBeCloseTo((3 * (30 - 7)) / 7);
  });

  it('stability: a moved visit costs half, a cancelled one the full weight', () => {
    const index = new ProblemIndex(tinyProblem());
    const current = [visit(MONDAY), visit('2026-03-03', ANI, LICIN)];
    const costs = stability.evaluate(index, monthPlan([visit('2026-03-04')], { currentPlan: current }));
    expect(costs.map((c) => c.cost).sort()).toEqual([15, 30]);
    expect(costs.find((c) => c.cost === 15)!.message).toContain('dipindah dari Senin, 2 Maret 2026 ke Rabu, 4 Maret 2026');
  });

  it('stability: a visit not yet sent to any calendar costs half as much to change', () => {
    const index = new ProblemIndex(tinyProblem());
    const unsent = { ...visit(MONDAY), exported: false };
    const [cost] = stability.evaluate(index, monthPlan([], { currentPlan: [unsent] }));
    expect(cost!.cost).toBe(15);
    expect(cost!.message).toBe('Kunjungan dr. Ani, Sp.OG ke Puskesmas Sempu pada Senin, 2 Maret 2026 dibatalkan.');
    const [sent] = stability.evaluate(index, monthPlan([], { currentPlan: [visit(MONDAY)] }));
    expect(sent!.message).toContain('(sudah dikirim ke kalender dokter) dibatalkan');
  });

  it('preference: costs a visit off the preferred weekdays', () => {
    const index = new ProblemIndex(tinyProblem((p) => (p.specialists[0]!.preferredWeekdays = [2])));
    expect(preference.evaluate(index, monthPlan([visit(MONDAY)]))[0]!.message).toContain('bukan pada hari pilihannya (Selasa)');
    expect(preference.evaluate(index, monthPlan([visit('2026-03-03')]))).toEqual([]);
  });
});

describe('two visits a day (setting)', () => {
  const onlyOneMonday = (allow: boolean) =>
    tinyProblem((p) => {
      p.settings = { ...p.settings, allowTwoVisitsPerDay: allow, visitStart: '07:30', visitMinutes: 120 };
      p.specialists[0]!.usualWeekdays = [1];
      p.specialists[1]!.maxVisitsPerMonth = 0;
      p.unavailability.push({ specialistId: ANI, startDate: '2026-03-09', endDate: '2026-03-31', kind: 'leave', reason: '' });
    });

  it('places two nearby puskesmas on one day when the drive fits, one after the other', async () => {
    const problem = onlyOneMonday(true);
    const result = await solveProblem(problem);
    expect(result.uncovered).toEqual([]);
    const [first, second] = [...result.visits].sort((a, b) => (a.startTime < b.startTime ? -1 : 1));
    expect(first).toMatchObject({ date: MONDAY, startTime: '07:30', endTime: '09:30' });
    expect(second!.date).toBe(MONDAY);
    expect(second!.startTime > '09:30').toBe(true);
    expect(checkPlan(new ProblemIndex(problem), result.visits)).toEqual([]);
  });

  it('keeps one a day without the setting, and refuses overlapping pairs with it', async () => {
    const result = await solveProblem(onlyOneMonday(false));
    expect(result.visits).toHaveLength(1);
    expect(result.uncovered[0]!.cause).toBe('capacity');
    const index = new ProblemIndex(onlyOneMonday(true));
    const found = oneVisitPerDay.checkMonth!(index, monthPlan([visit(MONDAY, ANI, SEMPU, '07:30', '09:30'), visit(MONDAY, ANI, LICIN, '09:35', '11:35')]), []);
    expect(found[0]!.message).toContain('tidak muat: perjalanan Puskesmas Sempu ke Puskesmas Licin sekitar');
  });
});

describe('solver on the tiny district', () => {
  it('spaces two required visits of one puskesmas into different weeks', async () => {
    const problem = tinyProblem((p) => p.puskesmasRequirements.push({ puskesmasId: SEMPU, specialtyId: OBGYN, visitsPerMonth: 2 }));
    const result = await solveProblem(problem);
    const sempu = result.visits.filter((v) => v.puskesmasId === SEMPU);
    expect(sempu).toHaveLength(2);
    expect(spread.evaluate(new ProblemIndex(problem), monthPlan(sempu)).filter((c) => c.message.includes('dalam satu minggu'))).toEqual([]);
    const crowded = spread.evaluate(new ProblemIndex(problem), monthPlan([visit('2026-03-02'), visit('2026-03-04', BUDI)]));
    expect(crowded.map((c) => c.message)).toContain('Puskesmas Sempu mendapat 2 kunjungan Obstetri dan Ginekologi dalam satu minggu (mulai Senin, 2 Maret 2026).');
  });

  it('finds the proven optimum that keeps every hard rule and respects preferences', async () => {
    const problem = tinyProblem((p) => (p.specialists[0]!.preferredWeekdays = [4]));
    const result = await solveProblem(problem);
    expect(result.status).toBe('optimal');
    expect(result.gap).toBe(0);
    expect(result.visits).toHaveLength(2);
    expect(checkPlan(new ProblemIndex(problem), result.visits)).toEqual([]);
    expect(result.visits.filter((v) => v.specialistId === ANI).every((v) => new Date(`${v.date}T12:00:00Z`).getUTCDay() === 4)).toBe(true);
  });
});
