// Hostile input at every API method (including ones added later: the list comes from the
// contract). Each call either succeeds or answers with a clear error in both languages, never
// INTERNAL, and a refused call writes nothing.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, METHOD_NAMES } from '../../src/contract/index';
import { createSqliteTestDb, type SqliteTestDb } from '../fixtures/temp-db';
import { contentDigest, integrity } from './db-digest';
import { fillRichData } from './rich-data';

let t: SqliteTestDb;
beforeAll(async () => {
  t = await createSqliteTestDb({ demo: true });
  await fillRichData(t.db.sqlite, t.api);
});
afterAll(() => t.close());

const HOSTILE_STRINGS = [
  '',
  ' ',
  "'; DROP TABLE visit; --",
  '1 OR 1=1',
  "Robert'); DELETE FROM specialist WHERE ('1'='1",
  '<script>alert(1)</script>',
  '=HYPERLINK("http://evil.example","klik")',
  'a\u0000b',
  '\u0007\u001b[31mred',
  'line\r\nBREAK:VEVENT',
  '2026-02-30',
  '2026-13-01',
  '2025-02-29',
  '0000-00-00',
  '2026-2-3',
  '2026-00',
  '2026-13',
  '26-03',
  '2026-03-01T00:00:00Z',
  '25:61',
  '24:00',
  '../../../../etc/passwd',
  'C:\\Windows\\system32',
  '__proto__',
  'constructor',
  'NaN',
  '-1',
  '1e309',
  '\u202eevil',
  '😀'.repeat(300),
  'x'.repeat(100_000),
];

function polluted(): unknown {
  return JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}');
}

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(undefined, null, NaN, Infinity, -Infinity, -1, 0, -0, 1.5, -999_999, 2 ** 31 + 1, 2 ** 53, Number.MAX_VALUE, true, false, [], {}, [[]], new Date('2026-02-30')),
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constant(null).map(polluted),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.bigInt(),
  fc.array(fc.constantFrom<unknown>(-1, '', null, '2026-02-30', 8, {}), { maxLength: 5 }),
);

/** Plausible values so hostile ones also reach the checks behind the first field. */
const plausibleValue: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(1, 2, 3, 40, '2026-03-02', '2026-03', 'obgyn', 'done', 'Nama Uji', '09:00', true, false, [], [1, 2]);

interface ZodLike {
  _zod: { def: { type: string; innerType?: ZodLike; in?: ZodLike; shape?: Record<string, ZodLike>; options?: ZodLike[]; left?: ZodLike; right?: ZodLike } };
}

/** Field names a method's input schema knows, found by unwrapping defaults, pipes and unions. */
function keysOf(schema: ZodLike, depth = 0): string[] {
  const def = schema._zod.def;
  if (depth > 6) return [];
  if (def.type === 'object' && def.shape) return Object.keys(def.shape);
  const inner = def.innerType ?? def.in;
  if (inner) return keysOf(inner, depth + 1);
  if (def.options) return [...new Set(def.options.flatMap((o) => keysOf(o, depth + 1)))];
  if (def.left && def.right) return [...keysOf(def.left, depth + 1), ...keysOf(def.right, depth + 1)];
  return [];
}

function withOwnKeys(entries: [string, unknown][]): Record<string, unknown> {
  const value: Record<string, unknown> = {};
  for (const [key, v] of entries) Object.defineProperty(value, key, { value: v, enumerable: true, writable: true, configurable: true });
  return value;
}

function inputFor(keys: string[]): fc.Arbitrary<unknown> {
  const anyKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'limit', 'offset', 'x'.repeat(500), ...keys);
  const knownFields =
    keys.length === 0
      ? fc.constant<[string, unknown][]>([])
      : fc.tuple(...keys.map((key) => fc.tuple(fc.constant(key), fc.oneof({ weight: 2, arbitrary: plausibleValue }, { weight: 3, arbitrary: hostileValue }, { weight: 1, arbitrary: fc.constant(undefined) }))));
  return fc.oneof(
    { weight: 1, arbitrary: hostileValue },
    { weight: 1, arbitrary: fc.array(fc.tuple(anyKey, hostileValue), { maxLength: 6 }).map(withOwnKeys) },
    {
      weight: 4,
      arbitrary: fc
        .tuple(knownFields, fc.array(fc.tuple(anyKey, hostileValue), { maxLength: 2 }))
        .map(([known, extra]) => withOwnKeys([...known.filter(([, v]) => v !== undefined), ...extra])),
    },
  );
}

const STACK_TRACE = /\bat \S+ \(|\.ts:\d+:\d+|node_modules/;

describe('every API method refuses hostile input cleanly', () => {
  it('covers every method in the contract', () => {
    expect(METHOD_NAMES.length).toBeGreaterThanOrEqual(30);
    for (const name of METHOD_NAMES) expect(keysOf(contract[name].input as unknown as ZodLike), name).toBeInstanceOf(Array);
  });

  it.each(METHOD_NAMES)('%s', async (method) => {
    const keys = keysOf(contract[method].input as unknown as ZodLike);
    const mutates = contract[method].mutates;
    let digest = contentDigest(t.db.sqlite);
    await fc.assert(
      fc.asyncProperty(inputFor(keys), async (input) => {
        const result = await t.api.invoke(method, input);
        const after = contentDigest(t.db.sqlite);
        if (result.ok) {
          if (!mutates) expect(after, `${method} is a query but wrote`).toBe(digest);
          digest = after;
          return;
        }
        const { code, message, messageEn } = result.error;
        expect(code, `${method} ${message}`).not.toBe('INTERNAL');
        expect(message.trim().length).toBeGreaterThan(0);
        expect(messageEn.trim().length).toBeGreaterThan(0);
        expect(message.length).toBeLessThan(2000);
        expect(message).not.toMatch(STACK_TRACE);
        expect(after, `${method} refused (${code}) but wrote`).toBe(digest);
      }),
      { numRuns: 40, interruptAfterTimeLimit: 1000, seed: 20260218 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('leaves a sound database behind', () => {
    expect(integrity(t.db.sqlite)).toBe('ok');
    expect(t.db.sqlite.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });

  it('stores SQL-looking and markup text verbatim as data', async () => {
    const name = "Robert'); DROP TABLE visit; -- <script>alert(1)</script>";
    const created = await t.api.client['hospitals:create']({ name });
    expect((await t.api.client['hospitals:list']({})).find((h) => h.id === created.id)?.name).toBe(name);
    expect(t.db.sqlite.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'visit'").get()).toEqual({ n: 1 });
  });
});
