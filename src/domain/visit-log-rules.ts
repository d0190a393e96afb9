// The rules a visit log must meet beyond its schema, as a pure function so each rule can be
// tested alone. An empty list means the log may be written.
import type { FieldIssue } from '../contract/errors';
import type { SaveVisitLogInput } from '../contract/visit-log';
import { formatDate } from './format-id';

export interface LoggedVisit {
  date: string;
  startTime: string;
  endTime: string;
}

function issue(path: string, message: string, messageEn: string): FieldIssue {
  return { path, message, messageEn };
}

/** What is written for a done visit when the input leaves the actual date or times out. */
export function actualOf(visit: LoggedVisit, input: Pick<SaveVisitLogInput, 'actualDate' | 'startTime' | 'endTime'>) {
  return { date: input.actualDate ?? visit.date, startTime: input.startTime ?? visit.startTime, endTime: input.endTime ?? visit.endTime };
}

export function visitLogIssues(visit: LoggedVisit, input: SaveVisitLogInput, today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const detailsGiven = input.attendees.length + input.topics.length + input.cases.length + input.followups.length + input.closeFollowups.length > 0;

  if (input.outcome === 'done') {
    const actual = actualOf(visit, input);
    if (actual.date > today) {
      issues.push(
        issue(
          'actualDate',
          `Tanggal: ${formatDate(actual.date, 'id')} belum terjadi; kunjungan hanya bisa dicatat selesai pada hari itu atau sesudahnya`,
          `Date: ${formatDate(actual.date, 'en')} is in the future; a visit can be marked done on or after its day only`,
        ),
      );
    }
    if (actual.endTime <= actual.startTime) {
      issues.push(issue('endTime', 'Jam selesai: harus setelah jam mulai', 'End time: must be after the start time'));
    }
    if (input.attendees.reduce((sum, a) => sum + a.headcount, 0) < 1) {
      issues.push(issue('attendees', 'Peserta: kunjungan selesai perlu minimal satu peserta', 'Attendees: a done visit needs at least one attendee'));
    }
    if (input.topics.length < 1) {
      issues.push(issue('topics', 'Topik: kunjungan selesai perlu minimal satu topik', 'Topics: a done visit needs at least one topic'));
    }
    input.followups.forEach((f, index) => {
      if (f.dueDate < actual.date) {
        issues.push(
          issue(`followups.${index}.dueDate`, 'Tindak lanjut: batas waktu tidak boleh sebelum tanggal kunjungan', 'Follow-up: the due date cannot be before the visit'),
        );
      }
    });
    if (input.movedTo) issues.push(issue('movedTo', 'Pindah ke: hanya untuk hasil "moved"', 'Moved to: only for the outcome "moved"'));
    return issues;
  }

  if (input.actualDate !== undefined || input.startTime !== undefined || input.endTime !== undefined) {
    issues.push(
      issue('actualDate', 'Tanggal dan jam pelaksanaan hanya untuk kunjungan yang selesai', 'Actual date and times are for a done visit only'),
    );
  }
  if (detailsGiven) {
    issues.push(
      issue(
        'outcome',
        'Peserta, topik, kasus dan tindak lanjut hanya dicatat untuk kunjungan yang selesai',
        'Attendees, topics, cases and follow-ups are recorded for a done visit only',
      ),
    );
  }
  if (input.outcome === 'cancelled' && input.reason === '') {
    issues.push(issue('reason', 'Alasan: wajib diisi untuk kunjungan yang dibatalkan', 'Reason: required for a cancelled visit'));
  }
  if (input.outcome === 'missed' && visit.date > today) {
    issues.push(
      issue(
        'outcome',
        `Kunjungan ${formatDate(visit.date, 'id')} belum terjadi, jadi belum bisa dicatat tidak terlaksana (batalkan atau pindahkan)`,
        `The visit on ${formatDate(visit.date, 'en')} has not happened yet, so it cannot be missed (cancel or move it)`,
      ),
    );
  }
  if (input.outcome === 'moved') {
    if (!input.movedTo) {
      issues.push(issue('movedTo', 'Pindah ke: tanggal baru wajib diisi', 'Moved to: the new date is required'));
    } else {
      const start = input.movedTo.startTime ?? visit.startTime;
      const end = input.movedTo.endTime ?? visit.endTime;
      if (input.movedTo.date === visit.date) {
        issues.push(issue('movedTo.date', 'Pindah ke: tanggal baru sama dengan tanggal semula', 'Moved to: the new date is the same as the original'));
      }
      if (end <= start) issues.push(issue('movedTo.endTime', 'Jam selesai: harus setelah jam mulai', 'End time: must be after the start time'));
    }
  } else if (input.movedTo) {
    issues.push(issue('movedTo', 'Pindah ke: hanya untuk hasil "moved"', 'Moved to: only for the outcome "moved"'));
  }
  return issues;
}
