// Finding a record by the name a coordinator typed: case, punctuation and the usual prefixes
// (Puskesmas, PKM, UPT/UPTD Puskesmas, RSUD, RSU, RSIA, RS) do not matter, and a name that is
// still not found gets the closest existing names as a suggestion ("maksud Anda RSIA Al-Marrah?").
import { distance } from 'fastest-levenshtein';
import { normalise } from './values';

// Longest first, so "UPTD Puskesmas" is taken whole before "Puskesmas".
const PREFIXES = [
  'rumah sakit umum daerah', 'rumah sakit ibu dan anak', 'rumah sakit umum', 'rumah sakit',
  'uptd puskesmas', 'upt puskesmas', 'uptd pkm', 'upt pkm', 'puskesmas', 'pusk', 'pkm',
  'rsud', 'rsia', 'rsu', 'rs',
];

/** "UPTD Puskesmas Lawa Deman" -> "lawademan"; "RSIA Al-Marrah" -> "almarrah". */
export function bareName(name: string): string {
  let words = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  for (const prefix of PREFIXES) {
    if (words.startsWith(`${prefix} `)) {
      words = words.slice(prefix.length + 1);
      break;
    }
  }
  return normalise(words);
}

export type NameMatch<T> =
  | { kind: 'found'; item: T }
  | { kind: 'ambiguous'; items: T[] }
  | { kind: 'missing'; suggestions: T[] };

/** How far a name may be from another to be suggested: a typo or two, more in long names. */
function closeEnough(a: string, d: number): boolean {
  return d <= Math.max(1, Math.floor(a.length / 4));
}

export function matchName<T extends { name: string }>(items: readonly T[], value: string, extraKeys: (item: T) => string[] = () => []): NameMatch<T> {
  const key = normalise(value);
  const exact = items.filter((item) => normalise(item.name) === key || extraKeys(item).some((k) => normalise(k) === key));
  if (exact.length === 1) return { kind: 'found', item: exact[0]! };
  if (exact.length > 1) return { kind: 'ambiguous', items: exact };
  const bare = bareName(value);
  if (bare) {
    const loose = items.filter((item) => keysOf(item, extraKeys).includes(bare));
    if (loose.length === 1) return { kind: 'found', item: loose[0]! };
    if (loose.length > 1) return { kind: 'ambiguous', items: loose };
  }
  return { kind: 'missing', suggestions: closestNames(items, value, extraKeys) };
}

// A file of thousands of rows asks about the same few hundred records: their bare names once.
const bareKeys = new WeakMap<object, string[]>();

function keysOf<T extends { name: string }>(item: T, extraKeys: (item: T) => string[]): string[] {
  let keys = bareKeys.get(item);
  if (!keys) {
    keys = [item.name, ...extraKeys(item)].map(bareName).filter(Boolean);
    bareKeys.set(item, keys);
  }
  return keys;
}

/** The nearest names (the best distance only, at most three), nothing when none is close. */
export function closestNames<T extends { name: string }>(items: readonly T[], value: string, extraKeys: (item: T) => string[] = () => []): T[] {
  const bare = bareName(value);
  if (!bare) return [];
  let best = Infinity;
  let closest: T[] = [];
  for (const item of items) {
    let d = Infinity;
    for (const key of keysOf(item, extraKeys)) d = Math.min(d, distance(bare, key));
    if (!closeEnough(bare, d) || d > best) continue;
    if (d < best) {
      best = d;
      closest = [];
    }
    closest.push(item);
  }
  return closest.slice(0, 3);
}

/** "maksud Anda RSIA Al-Marrah?" / "did you mean RSIA Al-Marrah?" */
export function suggestionText(names: string[]): { id: string; en: string } {
  return { id: `maksud Anda ${names.join(' atau ')}?`, en: `did you mean ${names.join(' or ')}?` };
}
