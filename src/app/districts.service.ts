// The districts a user may open and the province's view across them (issue 15, point 2). On a
// server with several districts the router gives each district's context a ProvinceAccess; the
// PC's file (and a one-district server) answers with its one district.
import type { DistrictSummary, ProvinceDistrictRow, ProvinceSummary } from '../contract/districts';
import { AsuhanError } from '../contract/errors';
import type { Handlers } from '../contract/index';
import type { AsuhanDb } from '../db/connect';
import { HOME_DISTRICT_ID, setGrants, type DistrictRecord } from '../db/districts';
import { getSettings } from '../db/settings.repository';
import { todayIn } from '../domain/dates';
import { complianceReport, type ComplianceReport } from '../reports/compliance';
import type { AppContext } from './context';

type DistrictHandlers = Pick<Handlers, 'districts:list' | 'districts:create' | 'province:summary' | 'users:districts'>;

/** The one district of a database without a register of others. */
const ONLY_DISTRICT: DistrictRecord = { id: HOME_DISTRICT_ID, schemaName: 'main', label: 'Kabupaten/kota', createdAt: '' };

async function summaryOf(db: AsuhanDb, record: DistrictRecord, currentId: number): Promise<DistrictSummary> {
  const settings = await getSettings(db.kysely);
  return {
    id: record.id,
    name: settings.districtName || record.label,
    label: record.label,
    province: settings.province,
    timeZone: settings.timeZone,
    current: record.id === currentId,
  };
}

async function rowOf(db: AsuhanDb, record: DistrictRecord, month: string, now: Date): Promise<ProvinceDistrictRow> {
  // One connection for the whole row: a province view takes one of a district's connections, and
  // the coordinators working there keep the other.
  return db.kysely.connection().execute(async (connection) => {
    const settings = await getSettings(connection);
    // Each district's own "today", in its own zone: a WITA district's day ends an hour earlier.
    const report = await complianceReport(connection, month, { today: todayIn(settings.timeZone, now) });
    return rowFromReport(record, settings.districtName || record.label, settings.timeZone, report);
  });
}

function rowFromReport(record: DistrictRecord, name: string, timeZone: string, report: ComplianceReport): ProvinceDistrictRow {
  const misses = report.puskesmas.flatMap((p) => p.bySpecialty.flatMap((s) => s.misses));
  const { required, planned, done, puskesmasCount, puskesmasCompliant } = report.totals;
  const covered = report.puskesmas.reduce((sum, p) => sum + p.bySpecialty.reduce((cells, s) => cells + Math.min(s.done, s.required), 0), 0);
  return {
    districtId: record.id,
    name,
    timeZone,
    puskesmasCount,
    puskesmasCompliant,
    required,
    planned,
    done,
    missed: report.specialists.reduce((sum, s) => sum + s.missed, 0),
    cancelled: report.specialists.reduce((sum, s) => sum + s.cancelled, 0),
    notLogged: misses.filter((m) => m.kind === 'not_logged').length,
    covered,
    coverage: required === 0 ? null : covered / required,
  };
}

function totalsOf(rows: ProvinceDistrictRow[]): ProvinceSummary['totals'] {
  const sum = (key: 'puskesmasCount' | 'puskesmasCompliant' | 'required' | 'planned' | 'done' | 'missed' | 'cancelled' | 'notLogged' | 'covered') => rows.reduce((total, row) => total + row[key], 0);
  const required = sum('required');
  const covered = sum('covered');
  return {
    districtCount: rows.length,
    puskesmasCount: sum('puskesmasCount'),
    puskesmasCompliant: sum('puskesmasCompliant'),
    required,
    planned: sum('planned'),
    done: sum('done'),
    missed: sum('missed'),
    cancelled: sum('cancelled'),
    notLogged: sum('notLogged'),
    covered,
    coverage: required === 0 ? null : covered / required,
  };
}

export function districtHandlers(ctx: AppContext): DistrictHandlers {
  const province = ctx.province;
  /** Each district the caller may open, with its database. */
  async function openable(): Promise<{ record: DistrictRecord; db: AsuhanDb }[]> {
    if (!province) return [{ record: ONLY_DISTRICT, db: ctx.db }];
    const records = await province.districts(ctx.caller());
    return Promise.all(records.map(async (record) => ({ record, db: (await province.open(record.id)).db })));
  }
  const currentId = province?.districtId ?? HOME_DISTRICT_ID;

  return {
    'districts:list': async () => Promise.all((await openable()).map(({ record, db }) => summaryOf(db, record, currentId))),
    'districts:create': async ({ label }) => {
      if (!province) {
        throw new AsuhanError(
          'VALIDATION',
          'Berkas SQLite di PC memuat satu kabupaten/kota; beberapa kabupaten/kota dalam satu database memerlukan server PostgreSQL (--database-url).',
          "A PC's SQLite file holds one district; several districts in one database need a PostgreSQL server (--database-url).",
        );
      }
      const record = await province.add(label);
      return summaryOf((await province.open(record.id)).db, record, currentId);
    },
    'province:summary': async ({ month }) => {
      const now = ctx.now();
      // One district after another: on a server's few cores, reading several at once only took the
      // time from the coordinators working meanwhile (measured in the server benchmark).
      const rows: ProvinceDistrictRow[] = [];
      for (const { record, db } of await openable()) rows.push(await rowOf(db, record, month, now));
      return { month, districts: rows, totals: totalsOf(rows) };
    },
    'users:districts': async ({ userId, districtIds }) => {
      const home = province?.home ?? ctx.db;
      if (!province && districtIds.some((id) => id !== HOME_DISTRICT_ID)) {
        throw new AsuhanError('NOT_FOUND', 'Database ini memuat satu kabupaten/kota (nomor 1).', 'This database holds one district (number 1).');
      }
      return { userId, districtIds: await setGrants(home.kysely, userId, districtIds) };
    },
  };
}
