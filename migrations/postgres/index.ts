// The PostgreSQL twins of the numbered migrations in ../, under the same names: a server
// database and a PC's SQLite file at the same level have the same tables and columns
// (tests/db/postgres-migrations.test.ts checks both the names and the columns).
import type { Migration } from '../index';
import * as m0001 from './0001_init';
import * as m0002 from './0002_visit_log';
import * as m0003 from './0003_export_log';
import * as m0004 from './0004_report_facts';
import * as m0005 from './0005_specialty_aliases';
import * as m0006 from './0006_visit_times';
import * as m0007 from './0007_database_instance';
import * as m0008 from './0008_accounts';
import * as m0009 from './0009_record_versions';
import * as m0010 from './0010_districts';

export const postgresMigrations: Record<string, Migration> = {
  '0001_init': m0001,
  '0002_visit_log': m0002,
  '0003_export_log': m0003,
  '0004_report_facts': m0004,
  '0005_specialty_aliases': m0005,
  '0006_visit_times': m0006,
  '0007_database_instance': m0007,
  '0008_accounts': m0008,
  '0009_record_versions': m0009,
  '0010_districts': m0010,
};
