// The visit log: what happened at a visit (outcome, attendance, topics, anonymous cases,
// follow-ups, notes), the topic catalogue, follow-ups, and the reports built on them.
import { z } from 'zod';
import type { AttendeeRole, CaseAgeGroup, CaseDecision, VisitOutcome } from '../db/schema';
import type { VisitView } from '../domain/types';
import type { ComplianceReport } from '../reports/compliance';
import type { DashboardReport } from '../reports/dashboard';
import type { FollowupReport } from '../reports/followups';
import type { TopicReport } from '../reports/topics';
import { command, query } from './define';
import { calendarDate, freeText, id, localTime, looksLikePatientName, month, PATIENT_NAME_REFUSED, readVersion, requiredText, text } from './fields';
import { msg } from './i18n';
import { daysBetween } from '../domain/dates';

export const ATTENDEE_ROLES = ['dokter_umum', 'bidan', 'perawat', 'gizi', 'kader', 'other'] as const satisfies readonly AttendeeRole[];
export const AGE_GROUPS = ['neonate', 'infant', 'toddler', 'child', 'adolescent', 'adult', 'adult_35_plus'] as const satisfies readonly CaseAgeGroup[];
export const CASE_DECISIONS = ['managed', 'referred', 'follow_up'] as const satisfies readonly CaseDecision[];
export const OUTCOMES = ['done', 'cancelled', 'missed', 'moved'] as const satisfies readonly VisitOutcome[];

export { looksLikePatientName } from './fields';

export const topicCode = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, msg('kode topik: huruf kecil, angka dan -, diawali huruf', 'topic code: lowercase letters, digits and -, starting with a letter'));

const attendee = z
  .object({
    role: z.enum(ATTENDEE_ROLES, msg(`peran harus salah satu dari ${ATTENDEE_ROLES.join(', ')}`, `role must be one of ${ATTENDEE_ROLES.join(', ')}`)),
    name: text(200).default(''),
    headcount: z.number().int().min(1, msg('jumlah minimal 1', 'count must be at least 1')).max(500).default(1),
  })
  .refine((a) => a.name === '' || a.headcount === 1, {
    ...msg('peserta bernama dihitung satu orang; untuk jumlah per peran kosongkan nama', 'a named attendee counts as one; leave the name empty for a count per role'),
    path: ['headcount'],
  });

const caseEntry = z
  .object({
    ageGroup: z.enum(AGE_GROUPS, msg(`kelompok umur harus salah satu dari ${AGE_GROUPS.join(', ')}`, `age group must be one of ${AGE_GROUPS.join(', ')}`)),
    condition: requiredText(300).refine((value) => !looksLikePatientName(value), PATIENT_NAME_REFUSED),
    decision: z.enum(CASE_DECISIONS, msg(`keputusan harus salah satu dari ${CASE_DECISIONS.join(', ')}`, `decision must be one of ${CASE_DECISIONS.join(', ')}`)),
    hospitalId: id.nullable().default(null),
    notes: freeText(1000).default(''),
  })
  .refine((c) => (c.decision === 'referred') === (c.hospitalId !== null), {
    ...msg('kasus dirujuk perlu rumah sakit tujuan; kasus lain tanpa rumah sakit', 'a referred case needs the receiving hospital; other cases none'),
    path: ['hospitalId'],
  });

const followupEntry = z.object({
  action: requiredText(500).refine((value) => !looksLikePatientName(value), PATIENT_NAME_REFUSED),
  owner: requiredText(200),
  dueDate: calendarDate,
});

export const saveVisitLogInput = z.object({
  visitId: id,
  /** The visit's version the caller read (visit-log:get); a stale one is refused with CONFLICT. */
  version: readVersion,
  outcome: z.enum(OUTCOMES, msg('hasil harus done, cancelled, missed atau moved', 'outcome must be done, cancelled, missed or moved')),
  /** done: the day it actually took place (default: the scheduled date). */
  actualDate: calendarDate.optional(),
  /** done: actual times (default: the scheduled ones). */
  startTime: localTime.optional(),
  endTime: localTime.optional(),
  /** cancelled (required), missed, moved: why. */
  reason: freeText(500).default(''),
  /** moved: the new date (and times; default the original ones). */
  movedTo: z.object({ date: calendarDate, startTime: localTime.optional(), endTime: localTime.optional() }).optional(),
  attendees: z.array(attendee).max(200).default([]),
  /** Topic codes from the catalogue (topics:list). */
  topics: z.array(topicCode).max(60).default([]),
  cases: z.array(caseEntry).max(100).default([]),
  followups: z.array(followupEntry).max(50).default([]),
  /** Earlier follow-ups of this puskesmas closed at this (done) visit. */
  closeFollowups: z.array(z.object({ id, note: freeText(500).default('') })).max(100).default([]),
  notes: freeText(4000).default(''),
  /** A visit is logged once; true overwrites an existing log (a correction), which the audit log keeps. */
  replace: z.boolean().default(false),
});
export type SaveVisitLogInput = z.output<typeof saveVisitLogInput>;

export interface Attendee {
  role: AttendeeRole;
  name: string;
  headcount: number;
}

export interface CaseConsult {
  id: number;
  ageGroup: CaseAgeGroup;
  condition: string;
  decision: CaseDecision;
  hospitalId: number | null;
  hospitalName: string | null;
  notes: string;
}

export interface Topic {
  id: number;
  code: string;
  nameId: string;
  nameEn: string;
  specialtyCode: string | null;
  programme: 'PAS' | 'ILP' | 'other';
  required: boolean;
  active: boolean;
  version: number;
}

export interface Followup {
  id: number;
  visitId: number;
  /** Date of the visit where it was agreed. */
  openedOn: string;
  puskesmasId: number;
  puskesmasName: string;
  specialistName: string;
  action: string;
  owner: string;
  dueDate: string;
  status: 'open' | 'closed';
  closedVisitId: number | null;
  closedOn: string | null;
  closedNote: string;
}

export interface VisitLog {
  visitId: number;
  outcome: VisitOutcome;
  actualDate: string | null;
  startTime: string | null;
  endTime: string | null;
  reason: string;
  notes: string;
  loggedAt: string;
  updatedAt: string;
  attendees: Attendee[];
  /** Sum of headcounts. */
  attendance: number;
  topics: Topic[];
  cases: CaseConsult[];
  followupsOpened: Followup[];
  followupsClosed: Followup[];
}

export interface VisitLogDetail {
  visit: VisitView & { movedToVisitId: number | null; movedFromVisitId: number | null };
  log: VisitLog | null;
  /** Open follow-ups of this puskesmas agreed before this visit: the ones it could close. */
  openFollowups: Followup[];
}

export const topicFields = z.object({
  code: topicCode,
  nameId: requiredText(200),
  nameEn: requiredText(200),
  specialtyCode: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/).nullable().default(null),
  programme: z.enum(['PAS', 'ILP', 'other']).default('other'),
  required: z.boolean().default(false),
  active: z.boolean().default(true),
});

/** Catatan kunjungan's to-do list: one month, a date range, or (neither) the Dasbor's backlog. */
export const listVisitLogInput = z
  .object({
    month: month.optional(),
    from: calendarDate.optional(),
    to: calendarDate.optional(),
    /** waiting: only past visits without an outcome; all: every visit of the range, waiting ones first. */
    include: z.enum(['waiting', 'all']).default('waiting'),
  })
  .refine((r) => (r.from === undefined) === (r.to === undefined), {
    ...msg('isi tanggal awal dan tanggal akhir, atau keduanya kosong', 'give both the start and the end date, or neither'),
    path: ['to'],
  })
  .refine((r) => !(r.month && r.from), { ...msg('pilih bulan atau rentang tanggal, bukan keduanya', 'choose a month or a date range, not both'), path: ['month'] })
  .refine((r) => !r.from || !r.to || r.to >= r.from, { ...msg('tanggal akhir tidak boleh sebelum tanggal awal', 'the end date cannot be before the start date'), path: ['to'] })
  .refine((r) => !r.from || !r.to || daysBetween(r.from, r.to) <= 731, {
    ...msg('rentang paling panjang 2 tahun', 'the range can be at most 2 years'),
    path: ['to'],
  })
  .default({ include: 'waiting' });

export interface VisitLogListItem extends VisitView {
  /** Past and still planned or confirmed: its outcome is overdue. */
  waiting: boolean;
}

export interface VisitLogList {
  from: string;
  to: string;
  today: string;
  /** Visits of the range waiting for their outcome (the Dasbor's count, for the same range). */
  waitingCount: number;
  /** The Dasbor's backlog: past visits of the last 12 months without an outcome. */
  backlogCount: number;
  /** Waiting visits first, oldest (most overdue) first; with include 'all' the others follow by date. */
  visits: VisitLogListItem[];
}

const followupStatus = z.enum(['open', 'closed', 'all']).default('open');
const rowLimit = z.number().int().min(1).max(5000).default(1000);

export const visitLogContract = {
  'visit-log:get': query<VisitLogDetail>()(z.object({ visitId: id })),
  /** The visits of a month or range waiting for their outcome (overdue first), counted as the Dasbor counts. */
  'visit-log:list': query<VisitLogList>()(listVisitLogInput),
  /** Records the outcome of a visit in one transaction; refuses a second log unless replace is true. */
  'visit-log:save': command<VisitLogDetail>()(saveVisitLogInput),

  'topics:list': query<Topic[]>()(z.object({ includeInactive: z.boolean().default(false) }).default({ includeInactive: false })),
  'topics:create': command<Topic>()(topicFields),
  'topics:update': command<Topic>()(z.object({ id, version: readVersion, changes: topicFields.omit({ code: true }).partial() })),

  'followups:list': query<Followup[]>()(
    z.object({ status: followupStatus, puskesmasId: id.optional(), limit: rowLimit }).default({ status: 'open', limit: 1000 }),
  ),
  /** Closes a follow-up, at a later visit to the same puskesmas or (without visitId) on a given day. */
  'followups:close': command<Followup>()(
    z.object({ id, visitId: id.optional(), closedOn: calendarDate.optional(), note: freeText(500).default('') }),
  ),

  'reports:compliance': query<ComplianceReport>()(z.object({ month })),
  'reports:topics': query<TopicReport>()(
    z
      .object({
        from: month,
        to: month,
        /** Required topics not covered in the last N months up to `to`. */
        windowMonths: z.number().int().min(1).max(120).default(6),
        puskesmasId: id.optional(),
      })
      .refine((r) => r.to >= r.from, { ...msg('bulan akhir tidak boleh sebelum bulan awal', 'the end month cannot be before the start month'), path: ['to'] }),
  ),
  'reports:followups': query<FollowupReport>()(
    z.object({ status: followupStatus, puskesmasId: id.optional(), limit: rowLimit.default(500) }).default({ status: 'open', limit: 500 }),
  ),
  'reports:dashboard': query<DashboardReport>()(z.object({ month })),
};
