// What must hold in an Asuhan database however a writer was interrupted: each change is whole
// or absent. Returns the broken invariants (empty when all hold).
import type BetterSqlite3 from 'better-sqlite3';
import { integrity, userTables } from './db-digest';

export function brokenInvariants(sqlite: BetterSqlite3.Database): string[] {
  const broken: string[] = [];
  const check = integrity(sqlite);
  if (check !== 'ok') broken.push(`integrity_check: ${check}`);
  const fk = sqlite.prepare('PRAGMA foreign_key_check').all();
  if (fk.length > 0) broken.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);

  // A batch of visits (one transaction, as a plan save) is all there or absent.
  const batchSize = (sqlite.prepare("SELECT count(*) AS n FROM adoption WHERE role = 'primary'").get() as { n: number }).n;
  const perBatch = new Map<string, number>();
  for (const { uid } of sqlite.prepare("SELECT uid FROM visit WHERE uid LIKE 'crash-%'").all() as { uid: string }[]) {
    const tag = uid.slice(0, uid.lastIndexOf('-'));
    perBatch.set(tag, (perBatch.get(tag) ?? 0) + 1);
  }
  const partial = [...perBatch].filter(([, n]) => n !== batchSize);
  if (partial.length > 0) broken.push(`partial visit batches: ${JSON.stringify(partial.slice(0, 3))}`);

  // A master-data edit and its audit entry commit together.
  const hospitals = sqlite.prepare('SELECT id, town FROM hospital').all() as { id: number; town: string }[];
  for (const h of hospitals) {
    const last = sqlite.prepare("SELECT after FROM audit_log WHERE entity = 'hospital' AND entity_id = ? AND action = 'update' ORDER BY id DESC LIMIT 1").get(String(h.id)) as { after: string } | undefined;
    if (last && (JSON.parse(last.after) as { town: string }).town !== h.town) broken.push(`hospital ${h.id} town ${h.town} disagrees with its audit`);
  }

  // An import lands whole: every hospital of a tagged file, or none.
  const imported = new Map<string, number>();
  for (const { name } of sqlite.prepare("SELECT name FROM hospital WHERE name LIKE '% imp-%-n%'").all() as { name: string }[]) {
    const tag = name.slice(name.lastIndexOf(' imp-') + 1);
    imported.set(tag, (imported.get(tag) ?? 0) + 1);
  }
  const partialImports = [...imported].filter(([tag, n]) => n !== Number(tag.slice(tag.lastIndexOf('-n') + 2)));
  if (partialImports.length > 0) broken.push(`partial imports: ${JSON.stringify(partialImports.slice(0, 3))}`);

  const tables = new Set(userTables(sqlite));
  // A visit log is saved whole: a done visit has its attendance and topics.
  if (tables.has('visit_log') && tables.has('visit_attendee') && tables.has('visit_topic')) {
    const incomplete = sqlite
      .prepare(
        `SELECT l.visit_id FROM visit_log l WHERE l.outcome = 'done' AND (
           NOT EXISTS (SELECT 1 FROM visit_attendee a WHERE a.visit_id = l.visit_id) OR
           NOT EXISTS (SELECT 1 FROM visit_topic t WHERE t.visit_id = l.visit_id))`,
      )
      .all();
    if (incomplete.length > 0) broken.push(`visit logs without attendance or topics: ${JSON.stringify(incomplete.slice(0, 3))}`);
  }

  // A saved plan wrote all its visits (the latest saved plan of a month owns them); a draft none.
  const draftsWithVisits = sqlite.prepare("SELECT p.id FROM plan p WHERE p.status = 'draft' AND EXISTS (SELECT 1 FROM visit v WHERE v.plan_id = p.id)").all();
  if (draftsWithVisits.length > 0) broken.push(`draft plans with visits: ${JSON.stringify(draftsWithVisits)}`);
  const latestSaved = sqlite.prepare("SELECT id, summary FROM plan WHERE id IN (SELECT max(id) FROM plan WHERE status = 'saved' GROUP BY month)").all() as { id: number; summary: string }[];
  for (const p of latestSaved) {
    const changes = (JSON.parse(p.summary) as { changes?: { added: unknown[]; moved: unknown[]; kept: unknown[] } }).changes;
    if (!changes) continue;
    const expected = changes.added.length + changes.moved.length + changes.kept.length;
    const actual = (sqlite.prepare('SELECT count(*) AS n FROM visit WHERE plan_id = ?').get(p.id) as { n: number }).n;
    if (actual !== expected) broken.push(`saved plan ${p.id} owns ${actual} visits, expected ${expected}`);
    const audited = sqlite.prepare("SELECT 1 FROM audit_log WHERE entity = 'plan' AND entity_id = ? AND action = 'plan'").get(String(p.id));
    if (!audited) broken.push(`saved plan ${p.id} has no audit entry`);
  }
  return broken;
}
