// Errors that cross the API: a code the UI can branch on and a message the coordinator
// understands, in Bahasa Indonesia first and English second.

export type ErrorCode =
  | 'VALIDATION' // input failed its schema; nothing was written
  | 'NOT_FOUND'
  | 'CONFLICT' // unique or referential clash, a state that forbids the change, or (stale) an edit of a record changed since it was read
  | 'RULE' // a scheduling hard rule refuses the change
  | 'DB_MISSING'
  | 'DB_CORRUPT'
  | 'DB_TOO_NEW'
  | 'IMPORT'
  | 'EMPTY' // nothing to export for the month asked; no file was written
  | 'UNAUTHORIZED' // the caller did not prove it may call (the web shell's secret, or no signed-in session)
  | 'FORBIDDEN' // signed in, but the user's role may not call this method; nothing was written
  | 'UNKNOWN_METHOD'
  | 'INTERNAL';

export interface FieldIssue {
  /** Dotted path of the offending field, e.g. `usualWeekdays.0`. */
  path: string;
  message: string;
  messageEn: string;
}

export interface ApiErrorPayload {
  code: ErrorCode;
  message: string;
  messageEn: string;
  fields?: FieldIssue[];
  /** CONFLICT because the record changed since the caller read it (migration 0009): reload it, then edit again. */
  stale?: true;
}

export class AsuhanError extends Error {
  readonly code: ErrorCode;
  readonly messageId: string;
  readonly messageEn: string;
  readonly fields: FieldIssue[] | undefined;
  /** See ApiErrorPayload.stale. */
  stale = false;

  constructor(code: ErrorCode, messageId: string, messageEn: string, fields?: FieldIssue[]) {
    super(messageId);
    this.name = 'AsuhanError';
    this.code = code;
    this.messageId = messageId;
    this.messageEn = messageEn;
    this.fields = fields;
  }

  /** The error again from its payload, as in-process callers (CLI, tests) receive it. */
  static fromPayload(payload: ApiErrorPayload): AsuhanError {
    const error = new AsuhanError(payload.code, payload.message, payload.messageEn, payload.fields);
    error.stale = payload.stale === true;
    return error;
  }

  toPayload(): ApiErrorPayload {
    return {
      code: this.code,
      message: this.messageId,
      messageEn: this.messageEn,
      ...(this.fields ? { fields: this.fields } : {}),
      ...(this.stale ? { stale: true as const } : {}),
    };
  }
}

export function notFound(whatId: string, whatEn: string, id: number | string): AsuhanError {
  return new AsuhanError('NOT_FOUND', `${whatId} #${id} tidak ditemukan.`, `${whatEn} #${id} not found.`);
}

/** A role refused a method (src/contract/access.ts): said before anything runs. */
export function forbidden(roleId: string, roleEn: string): AsuhanError {
  return new AsuhanError(
    'FORBIDDEN',
    `Tidak diizinkan: peran Anda (${roleId}) tidak boleh melakukan ini; tidak ada yang berubah.`,
    `Not allowed: your role (${roleEn}) may not do this; nothing was changed.`,
  );
}

export function conflict(messageId: string, messageEn: string): AsuhanError {
  return new AsuhanError('CONFLICT', messageId, messageEn);
}

/** A CONFLICT because the record changed since the caller read it: the screens reload and say so. */
export function staleConflict(messageId: string, messageEn: string): AsuhanError {
  const error = conflict(messageId, messageEn);
  error.stale = true;
  return error;
}

/** Turns any thrown value into a payload; unknown errors never leak stack traces to the UI. */
export function toErrorPayload(error: unknown): ApiErrorPayload {
  if (error instanceof AsuhanError) return error.toPayload();
  const text = error instanceof Error ? error.message : String(error);
  if (/UNIQUE constraint failed|duplicate key value violates unique constraint/.test(text)) {
    return conflict('Data yang sama sudah ada.', 'The same record already exists.').toPayload();
  }
  if (/FOREIGN KEY constraint failed|violates foreign key constraint/.test(text)) {
    return conflict(
      'Data ini masih dipakai oleh data lain, atau merujuk data yang tidak ada.',
      'This record is still in use by other records, or refers to a record that does not exist.',
    ).toPayload();
  }
  if (/CHECK constraint failed|violates check constraint|violates not-null constraint|invalid input syntax for type|value too long for type|out of range for type/.test(text)) {
    return new AsuhanError('VALIDATION', 'Nilai tidak valid untuk database.', 'Value not valid for the database.').toPayload();
  }
  if (/database is locked|database table is locked|deadlock detected|could not serialize access/.test(text)) {
    // Another process (the app, a CLI, an import) held the write lock longer than the busy timeout.
    return conflict('Database sedang dipakai proses lain; tidak ada yang berubah. Coba lagi sebentar lagi.', 'The database is busy in another process; nothing was changed. Try again in a moment.').toPayload();
  }
  if (/database or disk is full|SQLITE_FULL|ENOSPC|no space left on device/i.test(text)) {
    return new AsuhanError(
      'IMPORT',
      'Disk penuh: perubahan tidak disimpan; tidak ada data yang hilang. Kosongkan ruang disk lalu coba lagi.',
      'Disk full: the change was not saved; no data was lost. Free some disk space and try again.',
    ).toPayload();
  }
  if (/disk I\/O error|SQLITE_IOERR/i.test(text)) {
    return new AsuhanError(
      'IMPORT',
      'Database tidak bisa ditulis (kesalahan baca/tulis disk, mis. flashdisk dicabut atau disk penuh): perubahan tidak disimpan; tidak ada data yang hilang.',
      'The database cannot be written (a disk read/write error, e.g. a USB stick removed or a full disk): the change was not saved; no data was lost.',
    ).toPayload();
  }
  if (/attempt to write a readonly database|SQLITE_READONLY/i.test(text)) {
    return new AsuhanError(
      'IMPORT',
      'Database hanya bisa dibaca (folder atau berkas hanya-baca): perubahan tidak disimpan; tidak ada data yang hilang.',
      'The database is read-only (a read-only folder or file): the change was not saved; no data was lost.',
    ).toPayload();
  }
  if (/file is not a database|database disk image is malformed/.test(text)) {
    return new AsuhanError('DB_CORRUPT', 'Berkas database rusak atau bukan database Asuhan.', 'The database file is damaged or not an Asuhan database.').toPayload();
  }
  return {
    code: 'INTERNAL',
    message: `Terjadi kesalahan internal: ${text.slice(0, 300)}`,
    messageEn: `Internal error: ${text.slice(0, 300)}`,
  };
}
