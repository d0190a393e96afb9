// Districts on a shared server (issue 15, point 2): the districts a user may open, the province's
// view across them, and (admin) adding districts and giving users theirs. On a PC's SQLite file
// the one district is the whole list. Which district a call works in travels beside it (the web
// shell's X-Asuhan-District header), not in its input: every other method stays one district's.
import { z } from 'zod';
import { command, query } from './define';
import { id, month, requiredText } from './fields';
import { msg } from './i18n';

export interface DistrictSummary {
  id: number;
  /** The district's own name (its programme setting), or the server's label before its setup. */
  name: string;
  /** What the server's admin called it. */
  label: string;
  province: string;
  /** IANA zone of the district (WIB, WITA or WIT). */
  timeZone: string;
  /** True for the district this call was served in. */
  current: boolean;
}

export interface ProvinceDistrictRow {
  districtId: number;
  name: string;
  timeZone: string;
  puskesmasCount: number;
  puskesmasCompliant: number;
  /** Visits the programme requires this month, planned, and done (as the compliance report counts them). */
  required: number;
  planned: number;
  done: number;
  missed: number;
  cancelled: number;
  /** Past visits still without an outcome. */
  notLogged: number;
  /** Required visits done, a puskesmas and specialty counting at most its requirement (a second visit covers nothing more). */
  covered: number;
  /** covered / required, 0..1, as the district's own Dasbor shows it; null when nothing is required (no puskesmas yet). */
  coverage: number | null;
}

export interface ProvinceSummary {
  month: string;
  districts: ProvinceDistrictRow[];
  totals: Omit<ProvinceDistrictRow, 'districtId' | 'name' | 'timeZone'> & { districtCount: number };
}

export const districtsContract = {
  'districts:list': query<DistrictSummary[]>()(z.object({}).default({})),
  /** A new, empty district on a PostgreSQL server (its own schema); admin only. */
  'districts:create': command<DistrictSummary>()(z.object({ label: requiredText(200) })),
  /** Every district the caller may open, one row each, for one month. */
  'province:summary': query<ProvinceSummary>()(z.object({ month })),
  /** Replaces the districts a user may work in (admins work in all). */
  'users:districts': command<{ userId: number; districtIds: number[] }>()(
    z.object({ userId: id, districtIds: z.array(id, msg('harus daftar nomor kabupaten/kota', 'must be a list of district numbers')).max(500) }),
  ),
};
