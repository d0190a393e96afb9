// "Buat jadwal": plans (or re-plans) the month as a draft, shows what would change, why, and
// what could not be covered, and saves only when the coordinator says so.
import { useEffect, useState } from 'react';
import type { PlanPreview, PlanVisit } from '../../../../src/contract/plans';
import { ApiError, call } from '../../api';
import { useI18n } from '../../i18n';
import { EmptyRow, ErrorBanner, Modal, Spinner, useToast } from '../../ui/components';
import { isStale } from '../../ui/stale';

type Phase = { kind: 'idle' } | { kind: 'running'; startedAt: number } | { kind: 'preview'; preview: PlanPreview } | { kind: 'saving'; preview: PlanPreview };

function Elapsed({ since }: { since: number }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, []);
  return <span className="muted">{Math.floor((now - since) / 1000)} s</span>;
}

export function PlanButton({ month, onSaved }: { month: string; onSaved: () => void }) {
  const { t, month: monthName } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className="primary" onClick={() => setOpen(true)} title="Alt+P" accessKey="p">
        {t(`Buat jadwal ${monthName(month)}`, `Plan ${monthName(month)}`)}
      </button>
      {open ? <PlanDialog month={month} onClose={() => setOpen(false)} onSaved={() => { setOpen(false); onSaved(); }} /> : null}
    </>
  );
}

function PlanDialog({ month, onClose, onSaved }: { month: string; onClose: () => void; onSaved: () => void }) {
  const { t, lang, month: monthName, errorText } = useI18n();
  const toast = useToast();
  const [fresh, setFresh] = useState(false);
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<ApiError>();
  const [stale, setStale] = useState<ApiError>();

  const run = async () => {
    setError(undefined);
    setStale(undefined);
    setPhase({ kind: 'running', startedAt: Date.now() });
    try {
      const preview = await call('plans:run', { month, mode: fresh ? 'fresh' : 'replan' });
      setPhase({ kind: 'preview', preview });
    } catch (cause) {
      setError(cause as ApiError);
      setPhase({ kind: 'idle' });
    }
  };

  const save = async (preview: PlanPreview) => {
    setPhase({ kind: 'saving', preview });
    try {
      const result = await call('plans:apply', { planId: preview.planId });
      const open = preview.uncovered.length;
      const openNote = open ? t(` ${open} kebutuhan belum terpenuhi: lihat "Belum terpenuhi" di samping kalender.`, ` ${open} requirement${open === 1 ? '' : 's'} not covered: see "Not covered" beside the calendar.`) : '';
      toast(t(`Jadwal disimpan: ${result.added} baru, ${result.moved} dipindah, ${result.removed} dihapus.`, `Schedule saved: ${result.added} added, ${result.moved} moved, ${result.removed} removed.`) + openNote);
      onSaved();
    } catch (cause) {
      const failure = cause as ApiError;
      if (isStale(failure)) {
        // Visits of the month changed since the draft: say what, here, and offer to plan again.
        failure.shownInPlace = true;
        setStale(failure);
      } else setError(failure);
      setPhase({ kind: 'preview', preview });
    }
  };

  const preview = phase.kind === 'preview' || phase.kind === 'saving' ? phase.preview : null;
  return (
    <Modal title={t(`Buat jadwal ${monthName(month)}`, `Plan ${monthName(month)}`)} onClose={onClose} wide>
      <ErrorBanner error={error} onClose={() => setError(undefined)} />
      {stale ? (
        <div className="banner banner-error" role="alert" data-testid="plan-stale">
          <span>{errorText(stale.payload)}</span>
          <button type="button" className="primary" onClick={run}>
            {t('Susun ulang', 'Plan again')}
          </button>
        </div>
      ) : null}
      {phase.kind === 'idle' ? (
        <div className="stack">
          <p>
            {t(
              'Penjadwal menyusun kunjungan bulan ini dari adopsi, jam buka, hari libur dan cuti. Kunjungan yang disematkan, sudah selesai, atau diubah manual dipertahankan. Hasilnya ditampilkan dulu; belum ada yang disimpan.',
              'The scheduler builds this month’s visits from adoptions, opening hours, holidays and leave. Pinned, done and hand-changed visits are kept. You see the result first; nothing is saved yet.',
            )}
          </p>
          <label className="check">
            <input type="checkbox" checked={fresh} onChange={(e) => setFresh(e.target.checked)} />
            {t('Susun dari awal (abaikan jadwal yang ada, kecuali yang disematkan)', 'Start from scratch (ignore the current schedule except pinned visits)')}
          </label>
          <div className="form-actions">
            <button type="button" onClick={onClose}>
              {t('Batal', 'Cancel')}
            </button>
            <button type="button" className="primary" onClick={run} autoFocus>
              {t('Susun jadwal', 'Build the plan')}
            </button>
          </div>
        </div>
      ) : null}
      {phase.kind === 'running' ? (
        <div className="loading" data-testid="plan-running">
          <Spinner label={t('Menyusun jadwal… jendela tetap bisa dipakai.', 'Planning… the window stays usable.')} />
          &nbsp;
          <Elapsed since={phase.startedAt} />
        </div>
      ) : null}
      {preview ? <PlanPreviewView preview={preview} lang={lang} /> : null}
      {preview ? (
        <div className="form-actions">
          {phase.kind === 'saving' ? <Spinner label={t('Menyimpan…', 'Saving…')} /> : null}
          <button type="button" onClick={onClose} disabled={phase.kind === 'saving'}>
            {t('Buang draf', 'Discard draft')}
          </button>
          <button type="button" onClick={run} disabled={phase.kind === 'saving'}>
            {t('Susun ulang', 'Plan again')}
          </button>
          <button type="button" className="primary" onClick={() => save(preview)} disabled={phase.kind === 'saving' || stale !== undefined}>
            {t('Simpan', 'Save')}
          </button>
        </div>
      ) : null}
    </Modal>
  );
}

function VisitCells({ visit }: { visit: PlanVisit }) {
  const { longDate, time } = useI18n();
  return (
    <>
      <td>
        {longDate(visit.date)} <span className="muted">{time(visit.startTime)}</span>
      </td>
      <td>{visit.specialistName}</td>
      <td>{visit.puskesmasName}</td>
    </>
  );
}

function PlanPreviewView({ preview, lang }: { preview: PlanPreview; lang: 'id' | 'en' }) {
  const { t, date } = useI18n();
  const [tab, setTab] = useState<'changes' | 'explanations' | 'uncovered' | 'score'>('changes');
  const { changes } = preview;
  const text = (item: { message: string; messageEn: string }) => (lang === 'id' ? item.message : item.messageEn);
  const solverText =
    preview.solverStatus === 'optimal'
      ? t('optimal (terbukti)', 'optimal (proven)')
      : preview.solverStatus === 'optimal month by month'
        ? t('optimal per bulan (tidak terbukti untuk seluruh periode)', 'optimal month by month (not proven for the whole run)')
        : preview.solverStatus === 'feasible'
          ? t(`layak (selisih ${Math.round((preview.gap ?? 0) * 1000) / 10}%)`, `feasible (gap ${Math.round((preview.gap ?? 0) * 1000) / 10}%)`)
          : preview.solverStatus === 'heuristic'
            ? t('heuristik (greedy)', 'heuristic (greedy)')
            : t('cadangan (greedy)', 'fallback (greedy)');
  return (
    <div data-testid="plan-preview">
      {preview.warnings.map((w) => (
        <div key={w.message} className="banner banner-warn" role="status">
          {text(w)}
        </div>
      ))}
      <div className="plan-summary">
        <div className="stat">
          <div className="value">
            {preview.coverage.covered}/{preview.coverage.required}
          </div>
          <div className="label">{t('Kebutuhan terpenuhi', 'Requirements covered')}</div>
        </div>
        <div className="stat">
          <div className="value" style={{ color: 'var(--ok)' }}>
            {changes.added.length ? `+${changes.added.length}` : 0}
          </div>
          <div className="label">{t('Baru', 'Added')}</div>
        </div>
        <div className="stat">
          <div className="value" style={{ color: 'var(--warn)' }}>
            {changes.moved.length}
          </div>
          <div className="label">{t('Dipindah', 'Moved')}</div>
        </div>
        <div className="stat">
          <div className="value" style={{ color: 'var(--danger)' }}>
            {changes.removed.length ? `−${changes.removed.length}` : 0}
          </div>
          <div className="label">{t('Dihapus', 'Removed')}</div>
        </div>
        <div className="stat">
          <div className="value">{changes.kept.length}</div>
          <div className="label">{t('Tetap', 'Kept')}</div>
        </div>
        <div className="stat">
          <div className="value" style={{ fontSize: 15 }}>{solverText}</div>
          <div className="label">
            {t('Penyelesai', 'Solver')} · {(preview.solveMs / 1000).toFixed(1)} s
          </div>
        </div>
      </div>
      <div className="tabs" role="tablist">
        {(
          [
            ['changes', t(`Perubahan (${changes.added.length + changes.moved.length + changes.removed.length})`, `Changes (${changes.added.length + changes.moved.length + changes.removed.length})`)],
            ['explanations', t(`Penjelasan (${preview.explanations.length})`, `Explanations (${preview.explanations.length})`)],
            ['uncovered', t(`Tidak terpenuhi (${preview.uncovered.length})`, `Not covered (${preview.uncovered.length})`)],
            ['score', t('Skor per aturan', 'Score by rule')],
          ] as const
        ).map(([id, label]) => (
          <button key={id} type="button" role="tab" aria-selected={tab === id} className={tab === id ? 'active' : ''} onClick={() => setTab(id)}>
            {label}
          </button>
        ))}
      </div>
      {tab === 'changes' ? (
        <div className="table-wrap" style={{ maxHeight: 360 }} tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th>{t('Perubahan', 'Change')}</th>
                <th>{t('Tanggal', 'Date')}</th>
                <th>{t('Dokter', 'Specialist')}</th>
                <th>Puskesmas</th>
              </tr>
            </thead>
            <tbody>
              {changes.added.map((v, i) => (
                <tr key={`a${i}`} className="change-added">
                  <td>
                    <span className="badge badge-ok">{t('Baru', 'Added')}</span>
                  </td>
                  <VisitCells visit={v} />
                </tr>
              ))}
              {changes.moved.map((m, i) => (
                <tr key={`m${i}`} className="change-moved">
                  <td>
                    <span className="badge badge-warn">{t('Dipindah', 'Moved')}</span>
                    <div className="muted small">
                      {t('dari', 'from')} {date(m.from.date)}
                    </div>
                  </td>
                  <VisitCells visit={m.to} />
                </tr>
              ))}
              {changes.removed.map((v, i) => (
                <tr key={`r${i}`} className="change-removed">
                  <td>
                    <span className="badge badge-danger">{t('Dihapus', 'Removed')}</span>
                  </td>
                  <VisitCells visit={v} />
                </tr>
              ))}
              {changes.added.length + changes.moved.length + changes.removed.length === 0 ? (
                <EmptyRow colSpan={4}>
                  {t('Tidak ada perubahan dibanding jadwal sekarang.', 'No changes compared with the current schedule.')}
                </EmptyRow>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
      {tab === 'explanations' ? (
        <ul className="plain" style={{ maxHeight: 360, overflow: 'auto' }}>
          {preview.explanations.map((sentence, i) => (
            <li key={i}>{text(sentence)}</li>
          ))}
          {preview.explanations.length === 0 ? <li className="muted">{t('Tidak ada catatan.', 'Nothing to note.')}</li> : null}
        </ul>
      ) : null}
      {tab === 'uncovered' && preview.uncovered.length ? (
        <p className="muted small">
          {t(
            'Sesudah disimpan, kebutuhan yang belum terpenuhi tampil di samping kalender; "Cari pengganti" di sana menunjukkan siapa yang masih bisa datang.',
            'Once saved, the requirements left open are listed beside the calendar; "Find cover" there shows who could still go.',
          )}
        </p>
      ) : null}
      {tab === 'uncovered' ? (
        <div className="table-wrap" style={{ maxHeight: 360 }} tabIndex={0}>
          <table className="data">
            <thead>
              <tr>
                <th>Puskesmas</th>
                <th>{t('Spesialisasi', 'Specialty')}</th>
                <th className="num">{t('Kurang', 'Missing')}</th>
                <th>{t('Sebab', 'Cause')}</th>
              </tr>
            </thead>
            <tbody>
              {preview.uncovered.map((u, i) => (
                <tr key={i}>
                  <td>{u.puskesmasName}</td>
                  <td>{u.specialtyName}</td>
                  <td className="num">{u.missing}</td>
                  <td>{text(u)}</td>
                </tr>
              ))}
              {preview.uncovered.length === 0 ? (
                <EmptyRow colSpan={4}>
                  {t('Semua kebutuhan terpenuhi.', 'Every requirement is covered.')}
                </EmptyRow>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
      {tab === 'score' ? (
        <table className="data">
          <thead>
            <tr>
              <th>{t('Aturan', 'Rule')}</th>
              <th className="num">{t('Bobot', 'Weight')}</th>
              <th className="num">{t('Jumlah', 'Count')}</th>
              <th className="num">{t('Biaya', 'Cost')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.score.map((s) => (
              <tr key={s.rule}>
                <td>{lang === 'id' ? s.label : s.labelEn}</td>
                <td className="num">{s.weight}</td>
                <td className="num">{s.count}</td>
                <td className="num">{Math.round(s.cost * 10) / 10}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
