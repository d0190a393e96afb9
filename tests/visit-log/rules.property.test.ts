// Property tests: the visit-log rules alone (pure), then random saves against a real database,
// where a refused save must leave every table as it was and an accepted one must meet the rules.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AsuhanError } from '../../src/contract/errors';
import { saveVisitLogInput, type SaveVisitLogInput } from '../../src/contract/visit-log';
import { addDays } from '../../src/domain/dates';
import { visitLogIssues } from '../../src/domain/visit-log-rules';
import { createTestDb, type TestDb } from '../fixtures/temp-db';
import { insertVisit, primaryPairs } from './builders';

const TODAY = '2026-02-18';
const VISIT = { date: '2026-02-10', startTime: '09:00', endTime: '12:00' };
const ROLES = ['dokter_umum', 'bidan', 'perawat', 'gizi', 'kader', 'other'] as const;
const TOPICS = ['anc', 'pph', 'immunisation', 'stunting', 'referral-protocol', 'no-such-topic'];

const dayOffset = fc.integer({ min: -40, max: 40 });
const attendees = fc.array(fc.record({ role: fc.constantFrom(...ROLES), headcount: fc.integer({ min: 1, max: 9 }) }), { maxLength: 3 });
const topics = fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 3 });

const parse = (input: unknown): SaveVisitLogInput => saveVisitLogInput.parse(input);

describe('visitLogIssues (pure)', () => {
  it('a done visit with attendees, topics, a past date and ordered times has no issue', () => {
    fc.assert(
      fc.property(fc.integer({ min: -400, max: 0 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), (offset, people, topicCount) => {
        const input = parse({
          visitId: 1,
          outcome: 'done',
          actualDate: addDays(TODAY, offset),
          attendees: [{ role: 'bidan', headcount: people }],
          topics: TOPICS.slice(0, topicCount),
        });
        expect(visitLogIssues(VISIT, input, TODAY)).toEqual([]);
      }),
    );
  });

  it('a future day is never done, and nothing but done takes attendance or topics', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), attendees, topics, fc.constantFrom('cancelled', 'missed', 'moved'), (ahead, people, codes, other) => {
        const future = parse({ visitId: 1, outcome: 'done', actualDate: addDays(TODAY, ahead), attendees: people, topics: codes });
        expect(visitLogIssues(VISIT, future, TODAY).map((i) => i.path)).toContain('actualDate');
        if (people.length + codes.length === 0) return;
        const notDone = parse({ visitId: 1, outcome: other, reason: 'x', movedTo: { date: '2026-02-27' }, attendees: people, topics: codes });
        expect(visitLogIssues(VISIT, notDone, TODAY).map((i) => i.path)).toContain('outcome');
      }),
    );
  });
});

describe('random saves against a real database', () => {
  let t: TestDb;
  let visitIds: number[];

  beforeAll(async () => {
    t = await createTestDb({ demo: true });
    const pairs = (await primaryPairs(t.db.kysely)).slice(0, 20);
    visitIds = [];
    for (const [index, pair] of pairs.entries()) {
      visitIds.push(await insertVisit(t.db.kysely, { ...pair, date: addDays(TODAY, (index % 10) * 3 - 15) }));
    }
  });
  afterAll(async () => t.close());

  async function dump() {
    const tables = ['visit', 'visit_log', 'visit_attendee', 'visit_topic', 'case_consult', 'followup', 'audit_log'];
    return Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await t.all(`SELECT * FROM ${table} ORDER BY 1, 2`)])));
  }

  it('either writes a log that meets the rules, or refuses and writes nothing', async () => {
    const save = fc.record({
      visit: fc.nat({ max: 19 }),
      outcome: fc.constantFrom('done', 'done', 'cancelled', 'missed', 'moved'),
      dateOffset: fc.option(dayOffset, { nil: undefined }),
      moveOffset: dayOffset,
      reason: fc.constantFrom('', 'Banjir'),
      attendees,
      topics,
      replace: fc.boolean(),
    });
    const seen = { saved: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(save, async (s) => {
        const visitId = visitIds[s.visit]!;
        const before = await dump();
        const input = {
          visitId,
          outcome: s.outcome,
          reason: s.reason,
          replace: s.replace,
          ...(s.outcome === 'done' ? { attendees: s.attendees, topics: s.topics, ...(s.dateOffset === undefined ? {} : { actualDate: addDays(TODAY, s.dateOffset) }) } : {}),
          ...(s.outcome === 'moved' ? { movedTo: { date: addDays(TODAY, s.moveOffset) } } : {}),
        };
        try {
          const saved = await t.api.client['visit-log:save'](input);
          seen.saved += 1;
          const log = saved.log!;
          expect(log.outcome).toBe(s.outcome);
          expect(saved.visit.status).toBe(s.outcome === 'done' ? 'done' : s.outcome === 'missed' ? 'missed' : 'cancelled');
          if (s.outcome === 'done') {
            expect(log.attendance).toBeGreaterThan(0);
            expect(log.topics.length).toBeGreaterThan(0);
            expect(log.actualDate! <= TODAY).toBe(true);
          }
          if (s.outcome === 'moved') expect(saved.visit.movedToVisitId).not.toBeNull();
          const [audited] = await t.all<{ n: number }>(`SELECT count(*) AS n FROM audit_log WHERE entity = 'visit_log' AND entity_id = ?`, String(visitId));
          expect(audited!.n).toBeGreaterThan(0);
        } catch (error) {
          if (!(error instanceof AsuhanError)) throw error;
          seen.refused += 1;
          expect(['VALIDATION', 'CONFLICT', 'RULE']).toContain(error.code);
          expect(error.message.length).toBeGreaterThan(0);
          expect(error.messageEn.length).toBeGreaterThan(0);
          expect(await dump()).toEqual(before);
        }
      }),
      { numRuns: 60 },
    );
    // Both paths were exercised.
    expect(seen.saved).toBeGreaterThan(5);
    expect(seen.refused).toBeGreaterThan(5);
  });
});
