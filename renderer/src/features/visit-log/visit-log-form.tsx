// The outcome of one visit: what happened, who came, what was taught, which cases were
// discussed (never with patient names) and what must happen next. Ctrl+Enter saves.
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { FieldIssue } from '../../../../src/contract/errors';
import type { VisitLogDetail } from '../../../../src/contract/visit-log';
import type { AttendeeRole, CaseAgeGroup, CaseDecision, VisitOutcome } from '../../../../src/db/schema';
import { addDays } from '../../../../src/domain/dates';
import { ApiError, call } from '../../api';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ErrorBanner, Field, Loading, Spinner, useToast } from '../../ui/components';
import { useFocusFirstError, useLoad } from '../../ui/hooks';
import { isStale } from '../../ui/stale';
import { DateInput } from '../../ui/date-input';
import { TimeInput } from '../../ui/time-input';
import { parseTime } from '../../../../src/domain/typed-input';
import { visitLogIssues } from '../../../../src/domain/visit-log-rules';
import type { SaveVisitLogInput } from '../../../../src/contract/visit-log';
import { AGE_GROUPS, AGE_LABELS, ATTENDEE_ROLES, CASE_DECISIONS, DECISION_LABELS, OUTCOMES, OUTCOME_LABELS, ROLE_LABELS, label } from './labels';
import { useCanWrite } from '../../session';

interface CaseRow {
  ageGroup: CaseAgeGroup;
  condition: string;
  decision: CaseDecision;
  hospitalId: number | null;
  notes: string;
}

interface FollowupRow {
  action: string;
  owner: string;
  dueDate: string;
}

interface Draft {
  outcome: VisitOutcome;
  actualDate: string;
  startTime: string;
  endTime: string;
  reason: string;
  movedToDate: string;
  headcounts: Record<AttendeeRole, number>;
  topics: string[];
  cases: CaseRow[];
  followups: FollowupRow[];
  closeFollowups: number[];
  notes: string;
}

function draftOf(detail: VisitLogDetail): Draft {
  const log = detail.log;
  const headcounts = Object.fromEntries(ATTENDEE_ROLES.map((role) => [role, 0])) as Record<AttendeeRole, number>;
  for (const attendee of log?.attendees ?? []) headcounts[attendee.role] += attendee.headcount;
  return {
    outcome: log?.outcome ?? 'done',
    actualDate: log?.actualDate ?? detail.visit.date,
    startTime: log?.startTime ?? detail.visit.startTime,
    endTime: log?.endTime ?? detail.visit.endTime,
    reason: log?.reason ?? '',
    movedToDate: '',
    headcounts,
    topics: log?.topics.map((topic) => topic.code) ?? [],
    cases: log?.cases.map((c) => ({ ageGroup: c.ageGroup, condition: c.condition, decision: c.decision, hospitalId: c.hospitalId, notes: c.notes })) ?? [],
    followups: log?.followupsOpened.map((f) => ({ action: f.action, owner: f.owner, dueDate: f.dueDate })) ?? [],
    closeFollowups: log?.followupsClosed.map((f) => f.id) ?? [],
    notes: log?.notes ?? '',
  };
}

function issuesByPath(error: ApiError | undefined, lang: 'id' | 'en'): Map<string, string> {
  const map = new Map<string, string>();
  for (const issue of (error?.payload.fields ?? []) as FieldIssue[]) {
    const full = lang === 'id' ? issue.message : issue.messageEn;
    // Row fields sit right under their input, so the "field: " prefix only repeats what is seen.
    const text = issue.path.includes('.') ? full.replace(/^[^:]{1,40}:\s*/, '') : full;
    map.set(issue.path, map.has(issue.path) ? `${map.get(issue.path)}; ${text}` : text);
  }
  return map;
}

/**
 * The API checks a log's shape first and its rules (attendees, topics, dates) only once the shape
 * is right; the form adds the rules it can judge itself, so every field is reported in one save.
 */
function withRuleIssues(error: ApiError, input: SaveVisitLogInput, visit: VisitLogDetail['visit'], today: string): ApiError {
  const fields = error.payload.fields;
  if (error.payload.code !== 'VALIDATION' || !fields?.length) return error;
  const known = new Set(fields.map((f) => f.path));
  const wellFormed = (time: string | undefined) => time === undefined || /^\d{2}:\d{2}$/.test(time);
  if (!wellFormed(input.startTime) || !wellFormed(input.endTime)) return error;
  const extra = visitLogIssues(visit, input, today).filter((issue) => !known.has(issue.path));
  if (extra.length === 0) return error;
  return new ApiError({ ...error.payload, fields: [...fields, ...extra] });
}

export function VisitLogForm({ visitId, onSaved }: { visitId: number; onSaved: () => void }) {
  const loaded = useLoad(async () => {
    const [detail, topics] = await Promise.all([call('visit-log:get', { visitId }), call('topics:list', {})]);
    return { detail, topics };
  }, [visitId]);
  if (loaded.error) return <ErrorBanner error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  // Keyed by the visit's version: after someone else's change (a stale refusal reloads it) the form starts from theirs.
  return <LogEditor key={loaded.data.detail.visit.version} detail={loaded.data.detail} topics={loaded.data.topics} onSaved={() => { loaded.reload(); onSaved(); }} />;
}

function LogEditor({ detail, topics, onSaved }: { detail: VisitLogDetail; topics: Awaited<ReturnType<typeof call<'topics:list'>>>; onSaved: () => void }) {
  const { t, lang, longDate, timeRange, date, zone } = useI18n();
  const canWrite = useCanWrite();
  const ref = useRefData();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => draftOf(detail));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const issues = issuesByPath(error, lang);
  const visit = detail.visit;
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const relevantTopics = useMemo(() => topics.filter((topic) => topic.specialtyCode === null || topic.specialtyCode === visit.specialtyCode), [topics, visit.specialtyCode]);

  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, error);

  const inputOf = (): SaveVisitLogInput => {
    const done = draft.outcome === 'done';
    return {
      visitId: visit.id,
      version: visit.version,
      outcome: draft.outcome,
      ...(done ? { actualDate: draft.actualDate, startTime: parseTime(draft.startTime) ?? draft.startTime, endTime: parseTime(draft.endTime) ?? draft.endTime } : {}),
      reason: draft.reason,
      ...(draft.outcome === 'moved' ? { movedTo: { date: draft.movedToDate } } : {}),
      attendees: done ? ATTENDEE_ROLES.filter((role) => draft.headcounts[role] > 0).map((role) => ({ role, name: '', headcount: draft.headcounts[role] })) : [],
      topics: done ? draft.topics : [],
      cases: done ? draft.cases : [],
      followups: done ? draft.followups : [],
      closeFollowups: done ? draft.closeFollowups.map((id) => ({ id, note: '' })) : [],
      notes: draft.notes,
      replace: detail.log !== null,
    };
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    setBusy(true);
    setError(undefined);
    const input = inputOf();
    try {
      await call('visit-log:save', input);
      toast(t('Catatan kunjungan disimpan.', 'Visit log saved.'));
      onSaved();
    } catch (cause) {
      // A stale save: ui/stale.tsx says who changed it, and the form reloads with their log.
      if (!isStale(cause)) setError(withRuleIssues(cause as ApiError, input, visit, ref.info.today));
    } finally {
      setBusy(false);
    }
  };

  const done = draft.outcome === 'done';
  const hospitals = ref.hospitals.filter((h) => h.active);
  return (
    <form
      ref={formRef}
      className="card"
      onSubmit={submit}
      noValidate
      onKeyDown={(e) => {
        if (canWrite && e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void submit();
        }
      }}
      aria-label={t('Catatan kunjungan', 'Visit log')}
    >
      {/* A viewer reads the log; every field and button stays as it is. */}
      <fieldset className="plain-fieldset" disabled={!canWrite}>
      <h2>
        {visit.puskesmasName} · {visit.specialistName}
      </h2>
      <p className="muted" style={{ marginTop: 0 }}>
        {longDate(visit.date)}, {timeRange(visit.startTime, visit.endTime)} · {visit.specialtyName}
        {detail.log ? ` · ${t('sudah dicatat; menyimpan akan mengganti catatan', 'already logged; saving replaces the log')}` : ''}
      </p>
      {error && !error.payload.fields?.length ? <ErrorBanner error={error} /> : null}
      {error?.payload.fields?.length ? (
        <div className="banner banner-error" role="alert">
          {t('Periksa isian yang ditandai merah.', 'Check the fields marked in red.')}
        </div>
      ) : null}

      <div className="outcomes" role="radiogroup" aria-label={t('Hasil kunjungan', 'Outcome')}>
        {OUTCOMES.map((outcome) => (
          <label key={outcome} className={draft.outcome === outcome ? 'checked' : undefined}>
            <input type="radio" name="outcome" value={outcome} checked={draft.outcome === outcome} onChange={() => set('outcome', outcome)} />
            {label(OUTCOME_LABELS[outcome], t)}
          </label>
        ))}
      </div>

      {done ? (
        <>
          <div className="form-grid" style={{ marginTop: 14, gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }}>
            <Field label={t('Tanggal pelaksanaan', 'Actual date')} error={issues.get('actualDate')}>
              <DateInput value={draft.actualDate} max={ref.info.today} invalid={issues.has('actualDate')} onChange={(value) => set('actualDate', value)} />
            </Field>
            <Field label={t(`Jam mulai (${zone})`, `Start time (${zone})`)} error={issues.get('startTime')}>
              <TimeInput value={draft.startTime} invalid={issues.has('startTime')} onChange={(value) => set('startTime', value)} />
            </Field>
            <Field label={t(`Jam selesai (${zone})`, `End time (${zone})`)} error={issues.get('endTime')}>
              <TimeInput value={draft.endTime} invalid={issues.has('endTime')} onChange={(value) => set('endTime', value)} />
            </Field>
          </div>

          <div className="section-title">
            <h3>{t('Peserta (jumlah per profesi)', 'Attendees (count per profession)')}</h3>
          </div>
          <div className="headcounts">
            {ATTENDEE_ROLES.map((role) => (
              <label key={role} className="field">
                <span className="field-label">{label(ROLE_LABELS[role], t)}</span>
                <input
                  type="number"
                  min={0}
                  max={500}
                  value={draft.headcounts[role] || ''}
                  placeholder="0"
                  onChange={(e) => set('headcounts', { ...draft.headcounts, [role]: Math.max(0, Number(e.target.value) || 0) })}
                />
              </label>
            ))}
          </div>
          {issues.get('attendees') ? <div className="field-error">{issues.get('attendees')}</div> : null}

          <div className="section-title">
            <h3>{t('Topik yang dibahas', 'Topics covered')}</h3>
          </div>
          <div className="topic-grid" role="group" aria-label={t('Topik', 'Topics')}>
            {relevantTopics.map((topic) => (
              <label key={topic.code} className="check">
                <input
                  type="checkbox"
                  checked={draft.topics.includes(topic.code)}
                  onChange={(e) => set('topics', e.target.checked ? [...draft.topics, topic.code] : draft.topics.filter((c) => c !== topic.code))}
                />
                {lang === 'id' ? topic.nameId : topic.nameEn}
                {topic.required ? <span className="badge badge-accent">{t('wajib', 'required')}</span> : null}
              </label>
            ))}
          </div>
          {issues.get('topics') ? <div className="field-error">{issues.get('topics')}</div> : null}

          <div className="section-title">
            <h3>{t('Kasus yang dikonsultasikan (tanpa nama pasien)', 'Cases discussed (no patient names)')}</h3>
            <button type="button" onClick={() => set('cases', [...draft.cases, { ageGroup: 'adult', condition: '', decision: 'managed', hospitalId: null, notes: '' }])}>
              + {t('Kasus', 'Case')}
            </button>
          </div>
          {draft.cases.length ? (
            <table className="rows-table">
              <tbody>
                {draft.cases.map((row, index) => {
                  const update = (changes: Partial<CaseRow>) => set('cases', draft.cases.map((c, i) => (i === index ? { ...c, ...changes } : c)));
                  return (
                    <tr key={index}>
                      <td style={{ width: 150 }}>
                        <select aria-label={t('Kelompok umur', 'Age group')} value={row.ageGroup} onChange={(e) => update({ ageGroup: e.target.value as CaseAgeGroup })}>
                          {AGE_GROUPS.map((g) => (
                            <option key={g} value={g}>
                              {label(AGE_LABELS[g], t)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <Field label="" error={issues.get(`cases.${index}.condition`)}>
                          <input aria-label={t('Kondisi', 'Condition')} placeholder={t('Kondisi, mis. preeklamsia berat', 'Condition, e.g. severe pre-eclampsia')} value={row.condition} onChange={(e) => update({ condition: e.target.value })} />
                        </Field>
                      </td>
                      <td style={{ width: 190 }}>
                        <select aria-label={t('Keputusan', 'Decision')} value={row.decision} onChange={(e) => update({ decision: e.target.value as CaseDecision, hospitalId: e.target.value === 'referred' ? row.hospitalId : null })}>
                          {CASE_DECISIONS.map((d) => (
                            <option key={d} value={d}>
                              {label(DECISION_LABELS[d], t)}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td style={{ width: 220 }}>
                        {row.decision === 'referred' ? (
                          <Field label="" error={issues.get(`cases.${index}.hospitalId`)}>
                            <select aria-label={t('Rumah sakit rujukan', 'Receiving hospital')} value={row.hospitalId ?? ''} onChange={(e) => update({ hospitalId: e.target.value ? Number(e.target.value) : null })}>
                              <option value="">{t('Rumah sakit rujukan…', 'Receiving hospital…')}</option>
                              {hospitals.map((h) => (
                                <option key={h.id} value={h.id}>
                                  {h.name}
                                </option>
                              ))}
                            </select>
                          </Field>
                        ) : null}
                      </td>
                      <td style={{ width: 40 }}>
                        <button type="button" className="link" aria-label={t('Hapus kasus', 'Remove case')} onClick={() => set('cases', draft.cases.filter((_, i) => i !== index))}>
                          ×
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : (
            <p className="muted small">{t('Belum ada kasus.', 'No cases yet.')}</p>
          )}

          <div className="section-title">
            <h3>{t('Tindak lanjut', 'Follow-ups')}</h3>
            <button type="button" onClick={() => set('followups', [...draft.followups, { action: '', owner: '', dueDate: addDays(draft.actualDate, 30) }])}>
              + {t('Tindak lanjut', 'Follow-up')}
            </button>
          </div>
          {draft.followups.length ? (
            <table className="rows-table">
              <tbody>
                {draft.followups.map((row, index) => {
                  const update = (changes: Partial<FollowupRow>) => set('followups', draft.followups.map((f, i) => (i === index ? { ...f, ...changes } : f)));
                  return (
                    <tr key={index}>
                      <td>
                        <Field label="" error={issues.get(`followups.${index}.action`)}>
                          <input aria-label={t('Tindakan', 'Action')} placeholder={t('Tindakan', 'Action')} value={row.action} onChange={(e) => update({ action: e.target.value })} />
                        </Field>
                      </td>
                      <td style={{ width: 220 }}>
                        <Field label="" error={issues.get(`followups.${index}.owner`)}>
                          <input aria-label={t('Penanggung jawab', 'Owner')} placeholder={t('Penanggung jawab', 'Owner')} value={row.owner} onChange={(e) => update({ owner: e.target.value })} />
                        </Field>
                      </td>
                      <td style={{ width: 170 }}>
                        <Field label="" error={issues.get(`followups.${index}.dueDate`)}>
                          <DateInput ariaLabel={t('Batas waktu', 'Due date')} value={row.dueDate} invalid={issues.has(`followups.${index}.dueDate`)} onChange={(value) => update({ dueDate: value })} />
                        </Field>
                      </td>
                      <td style={{ width: 40 }}>
                        <button type="button" className="link" aria-label={t('Hapus tindak lanjut', 'Remove follow-up')} onClick={() => set('followups', draft.followups.filter((_, i) => i !== index))}>
                          ×
                        </button>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          ) : null}
          {detail.openFollowups.length ? (
            <>
              <h3>{t('Tindak lanjut terbuka dari kunjungan sebelumnya', 'Open follow-ups from earlier visits')}</h3>
              {detail.openFollowups.map((f) => (
                <label key={f.id} className="check" style={{ display: 'flex' }}>
                  <input
                    type="checkbox"
                    checked={draft.closeFollowups.includes(f.id)}
                    onChange={(e) => set('closeFollowups', e.target.checked ? [...draft.closeFollowups, f.id] : draft.closeFollowups.filter((id) => id !== f.id))}
                  />
                  {t('Selesai', 'Done')}: {f.action} <span className="muted small">({f.owner}, {t('batas', 'due')} {date(f.dueDate)})</span>
                </label>
              ))}
            </>
          ) : null}
        </>
      ) : (
        <div className="form-grid" style={{ marginTop: 14 }}>
          <Field label={t('Alasan', 'Reason')} error={issues.get('reason')}>
            <input value={draft.reason} onChange={(e) => set('reason', e.target.value)} />
          </Field>
          {draft.outcome === 'moved' ? (
            <Field label={t('Dipindah ke tanggal', 'Moved to date')} error={issues.get('movedTo') ?? issues.get('movedTo.date')}>
              <DateInput value={draft.movedToDate} invalid={issues.has('movedTo') || issues.has('movedTo.date')} onChange={(value) => set('movedToDate', value)} />
            </Field>
          ) : null}
        </div>
      )}

      <div style={{ marginTop: 14 }}>
        <Field label={t('Catatan', 'Notes')} error={issues.get('notes')}>
          <textarea value={draft.notes} onChange={(e) => set('notes', e.target.value)} />
        </Field>
      </div>
      <div className="form-actions">
        {busy ? <Spinner label={t('Menyimpan…', 'Saving…')} /> : null}
        {canWrite ? (
          <>
            <span className="muted small">Ctrl+Enter</span>
            <button type="submit" className="primary" disabled={busy}>
              {t('Simpan catatan', 'Save log')}
            </button>
          </>
        ) : (
          <span className="muted small">{t('Hanya lihat', 'Read only')}</span>
        )}
      </div>
      </fieldset>
    </form>
  );
}
