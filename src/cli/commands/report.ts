// `asuhan report compliance|topics|followups|dashboard`: the visit-log reports as readable
// tables, or --json (exactly what the API returns).
import type { Api } from '../../app/api';
import { isMonth } from '../../domain/dates';
import { formatMonth } from '../../domain/format-id';
import type { ComplianceReport } from '../../reports/compliance';
import type { DashboardReport } from '../../reports/dashboard';
import type { FollowupReport } from '../../reports/followups';
import type { TopicReport } from '../../reports/topics';
import type { CliCommand, CliIo } from '../command';
import { formatTable, printJson, stringOption, usageError } from '../command';
import { withApi } from '../session';

const KINDS = ['compliance', 'topics', 'followups', 'dashboard'] as const;
type Kind = (typeof KINDS)[number];
const FOLLOWUP_STATUSES = ['open', 'closed', 'all'] as const;

function english(io: CliIo): boolean {
  return (io.env.ASUHAN_LANG ?? '').toLowerCase().startsWith('en');
}

function monthOption(values: Record<string, unknown>, name: string): string {
  const value = stringOption(values, name);
  if (value === undefined || !isMonth(value)) {
    throw usageError(`--${name} harus bulan dengan format YYYY-MM (mis. 2026-03).`, `--${name} must be a month written YYYY-MM (e.g. 2026-03).`);
  }
  return value;
}

function intOption(values: Record<string, unknown>, name: string): number | undefined {
  const value = stringOption(values, name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw usageError(`--${name} harus bilangan bulat positif.`, `--${name} must be a positive whole number.`);
  return n;
}

const percent = (ratio: number) => `${Math.round(ratio * 100)}%`;
const hours = (h: number) => h.toFixed(1).replace('.', ',');

export function printCompliance(io: CliIo, report: ComplianceReport): void {
  const en = english(io);
  const t = report.totals;
  io.out(`Kepatuhan kunjungan ${formatMonth(report.month)} · ${t.puskesmasCompliant}/${t.puskesmasCount} puskesmas terpenuhi · selesai ${t.done} dari ${t.required} wajib (${percent(t.coverage)}), ${t.planned} direncanakan`);
  io.out('');
  io.out(
    formatTable(
      ['Puskesmas', ...report.specialties.map((s) => `${s.code} sel/ren/wajib`), 'Status', 'Keterangan'],
      report.puskesmas.map((p) => [
        p.puskesmasName,
        ...p.bySpecialty.map((s) => `${s.done}/${s.planned}/${s.required}`),
        p.compliant ? 'terpenuhi' : 'kurang',
        p.bySpecialty.flatMap((s) => s.misses.map((m) => `${s.specialtyCode}: ${en ? m.messageEn : m.message}`)).join('; '),
      ]),
    ),
  );
  io.out('');
  io.out(
    formatTable(
      ['Dokter spesialis', 'Spesialisasi', 'Rencana', 'Selesai', 'Batal', 'Tdk terlaksana', 'Belum dicatat', 'Jam rencana', 'Jam selesai'],
      report.specialists.map((s) => [s.specialistName, s.specialtyCode, s.planned, s.done, s.cancelled, s.missed, s.pending, hours(s.plannedHours), hours(s.doneHours)]),
    ),
  );
}

export function printTopics(io: CliIo, report: TopicReport): void {
  const en = english(io);
  io.out(`Topik pendampingan ${formatMonth(report.from)} – ${formatMonth(report.to)} · ${report.doneVisits} kunjungan selesai`);
  io.out('');
  io.out(
    formatTable(
      ['Kode', 'Topik', 'Spesialisasi', 'Wajib', 'Kunjungan', 'Puskesmas'],
      report.topics.map((t) => [t.code, en ? t.nameEn : t.nameId, t.specialtyCode ?? 'semua', t.required ? 'ya' : '', t.visits, t.puskesmas]),
    ),
  );
  const [only] = report.puskesmas;
  if (report.puskesmas.length === 1 && only) {
    io.out('');
    io.out(`${only.puskesmasName}: ${only.doneVisits} kunjungan selesai, ${only.attendance} peserta`);
    io.out(only.topics.length ? only.topics.map((x) => `${x.code} ${x.visits}×`).join(', ') : '(belum ada topik)');
  }
  io.out('');
  io.out(`Kehadiran: ${report.attendance.map((a) => `${a.role} ${a.headcount}`).join(', ')} · total ${report.attendanceTotal}`);
  io.out(`Kasus: ditangani ${report.cases.managed}, dirujuk ${report.cases.referred}, tindak lanjut ${report.cases.follow_up}`);
  io.out('');
  const gaps = report.puskesmas.filter((p) => p.requiredGaps.length > 0);
  io.out(`Topik wajib belum dibahas dalam ${report.windowMonths} bulan terakhir (sejak ${formatMonth(report.windowFrom)}): ${gaps.length} puskesmas`);
  if (gaps.length > 0) {
    io.out(
      formatTable(
        ['Puskesmas', 'Kunjungan', 'Hadir', 'Topik wajib yang belum'],
        gaps.map((p) => [p.puskesmasName, p.doneVisits, p.attendance, p.requiredGaps.map((g) => g.code).join(', ')]),
      ),
    );
  }
}

export function printFollowups(io: CliIo, report: FollowupReport): void {
  const c = report.counts;
  io.out(`Tindak lanjut · terbuka ${c.open} (terlambat ${c.overdue}) · selesai ${c.closed}`);
  if (report.rows.length === 0) return;
  io.out('');
  io.out(
    formatTable(
      ['ID', 'Puskesmas', 'Tindakan', 'Penanggung jawab', 'Dari', 'Batas', 'Status', 'Terlambat'],
      report.rows.map((f) => [
        f.id,
        f.puskesmasName,
        f.action,
        f.owner,
        f.openedOn,
        f.dueDate,
        f.status === 'open' ? 'terbuka' : `selesai ${f.closedOn}`,
        f.overdue ? `${f.daysOverdue} hari` : '',
      ]),
    ),
  );
  if (report.truncated) io.out(`(hanya ${report.rows.length} baris pertama; saring dengan --status atau --puskesmas)`);
}

export function printDashboard(io: CliIo, report: DashboardReport): void {
  const c = report.coverage;
  io.out(`Dasbor ${formatMonth(report.month)} (hari ini ${report.today})`);
  io.out(`  Cakupan: ${c.done}/${c.required} kunjungan wajib selesai (${percent(c.ratio)}), ${c.planned} direncanakan, ${c.puskesmasCompliant}/${c.puskesmasCount} puskesmas terpenuhi`);
  const states = ['met', 'partial', 'pending', 'none'] as const;
  io.out(`  Puskesmas: ${states.map((s) => `${s} ${report.puskesmas.filter((p) => p.state === s).length}`).join(', ')}`);
  io.out(`  Tindak lanjut terbuka ${report.followups.open} (terlambat ${report.followups.overdue}); kunjungan lalu belum dicatat: ${report.unloggedPastVisits}`);
  io.out(`  Puskesmas dengan topik wajib belum dibahas (6 bulan): ${report.puskesmasWithTopicGaps}`);
  io.out('');
  io.out(
    formatTable(
      ['Dokter spesialis', 'Spesialisasi', 'Selesai/rencana', 'Jam'],
      report.specialists.map((s) => [s.specialistName, s.specialtyCode, `${s.done}/${s.planned}`, hours(s.doneHours)]),
    ),
  );
}

export const reportCommand: CliCommand = {
  name: 'report',
  summary: 'Laporan kunjungan: kepatuhan, topik, tindak lanjut, dasbor',
  usage: [
    'asuhan report compliance --month YYYY-MM [--json]',
    '       asuhan report topics --from YYYY-MM --to YYYY-MM [--window BULAN] [--puskesmas ID] [--json]',
    '       asuhan report followups [--status open|closed|all] [--puskesmas ID] [--json]',
    '       asuhan report dashboard --month YYYY-MM [--json]',
  ].join('\n'),
  details: [
    'compliance: per puskesmas kunjungan selesai/rencana/wajib per spesialisasi dengan alasan yang tidak terlaksana;',
    'per dokter: rencana, selesai, jam. topics: topik yang dibahas, kehadiran per peran, kasus, dan topik wajib yang',
    'belum dibahas dalam --window bulan terakhir (bawaan 6). followups: tindak lanjut terbuka dan yang terlambat.',
  ].join('\n'),
  options: {
    month: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    window: { type: 'string' },
    puskesmas: { type: 'string' },
    status: { type: 'string' },
  },
  allowPositionals: true,
  async run({ values, positionals }, flags, io) {
    const [kind, ...extra] = positionals;
    if (!KINDS.includes(kind as Kind) || extra.length > 0) {
      throw usageError(`Pilih laporan: ${KINDS.join(', ')} (mis. "asuhan report compliance --month 2026-03").`, `Pick a report: ${KINDS.join(', ')} (e.g. "asuhan report compliance --month 2026-03").`);
    }
    // Options are checked before the database is opened, so a typo never touches it.
    const show = <T>(report: T, print: (io: CliIo, report: T) => void) => (flags.json ? printJson(io, report) : print(io, report));
    let produce: (api: Api) => Promise<void>;
    switch (kind as Kind) {
      case 'compliance': {
        const input = { month: monthOption(values, 'month') };
        produce = async (api) => show(await api.client['reports:compliance'](input), printCompliance);
        break;
      }
      case 'topics': {
        const input = {
          from: monthOption(values, 'from'),
          to: monthOption(values, 'to'),
          windowMonths: intOption(values, 'window') ?? 6,
          puskesmasId: intOption(values, 'puskesmas'),
        };
        produce = async (api) => show(await api.client['reports:topics'](input), printTopics);
        break;
      }
      case 'followups': {
        const status = FOLLOWUP_STATUSES.find((s) => s === (stringOption(values, 'status') ?? 'open'));
        if (status === undefined) {
          throw usageError('--status harus open, closed atau all.', '--status must be open, closed or all.');
        }
        const input = { status, puskesmasId: intOption(values, 'puskesmas') };
        produce = async (api) => show(await api.client['reports:followups'](input), printFollowups);
        break;
      }
      case 'dashboard': {
        const input = { month: monthOption(values, 'month') };
        produce = async (api) => show(await api.client['reports:dashboard'](input), printDashboard);
        break;
      }
    }
    return withApi(flags, io, async (api) => {
      await produce(api);
      return 0;
    });
  },
};
