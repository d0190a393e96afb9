// "Siapa yang bisa menggantikan?": the alternatives plans:suggest ranks for a planned visit or an
// uncovered requirement, each applied with one click through the same calls as a drag (visits:move)
// or a manual add (visits:create), so the core checks the hard rules again.
import { useState } from 'react';
import type { PlanUncovered } from '../../../../src/contract/plans';
import type { Remedy, Suggestion } from '../../../../src/contract/suggestions';
import { monthOf } from '../../../../src/domain/dates';
import type { VisitView } from '../../../../src/domain/types';
import { call, type ApiError } from '../../api';
import { useI18n, type Translate } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ErrorBanner, Modal, Spinner, useToast } from '../../ui/components';
import { useLoad, type Loaded } from '../../ui/hooks';
import { useOfferUndo } from '../../ui/undo';
import { createVisit, reassignVisit } from './visit-actions';

const signedCost = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(2)}`;

/** The change in the plan's cost, with its word above it. */
function CostChange({ value }: { value: number }) {
  const { t } = useI18n();
  return (
    <span className={`cover-cost ${value > 0 ? 'cost-up' : value < 0 ? 'cost-down' : ''}`} title={t('Perubahan biaya rencana (lebih kecil lebih baik)', 'Change in the plan’s cost (lower is better)')}>
      <span className="cover-cost-label">{t('biaya', 'cost')}</span>
      {signedCost(value)}
    </span>
  );
}

function remedyLabel(kind: Remedy['kind'], t: Translate): string {
  switch (kind) {
    case 'allow-backup-cover':
      return t('Izinkan pengganti dari luar adopsi', 'Allow backup cover');
    case 'raise-monthly-maximum':
      return t('Naikkan batas bulanan 1 kunjungan', 'Raise a monthly maximum by 1');
    case 'enter-distance':
      return t('Masukkan jarak', 'Enter a distance');
    case 'longer-opening':
      return t('Jam buka lebih panjang', 'Longer opening');
  }
}

function SuggestionRow({ suggestion, note, busy, onApply }: { suggestion: Suggestion; note?: string; busy: boolean; onApply: () => void }) {
  const { t, lang, longDate, timeRange } = useI18n();
  const s = suggestion;
  return (
    <li className="cover-item" data-testid="cover-suggestion">
      <div className="cover-main">
        <div className="cover-head">
          <strong>{s.specialistName}</strong>
          {note ? <span className="badge">{note}</span> : null}
        </div>
        <div>
          {longDate(s.date)}, {timeRange(s.startTime, s.endTime)}
        </div>
        <div className="muted small">{lang === 'id' ? s.message : s.messageEn}</div>
      </div>
      <div className="cover-side">
        <CostChange value={s.costChange} />
        <button type="button" className="primary" disabled={busy} onClick={onApply}>
          {t('Terapkan', 'Apply')}
        </button>
      </div>
    </li>
  );
}

/** plans:uncovered's answer, with the month it is for. */
export interface UncoveredOfMonth {
  month: string;
  items: PlanUncovered[];
}

/** Asks for a month's open requirements. */
export async function loadUncovered(month: string): Promise<UncoveredOfMonth> {
  return { month, items: await call('plans:uncovered', { month }) };
}

/** The cheapest remedies first; the rest behind "Tampilkan semua". */
const REMEDIES_SHOWN = 5;

function RemedyRow({ remedy }: { remedy: Remedy }) {
  const { t, lang, longDate, timeRange } = useI18n();
  const text = (x: { message: string; messageEn: string }) => (lang === 'id' ? x.message : x.messageEn);
  // The remedy's sentence is "<what to change>: <the visit it allows>"; the change is the headline.
  const whole = text(remedy);
  const allows = text(remedy.suggestion);
  const change = whole.endsWith(`: ${allows}`) ? whole.slice(0, whole.length - allows.length - 2) : remedyLabel(remedy.kind, t);
  const s = remedy.suggestion;
  return (
    <li className="cover-item" data-testid="cover-remedy">
      <div className="cover-main">
        <div className="cover-head">
          <strong>{change}</strong>
          <span className="badge">{remedyLabel(remedy.kind, t)}</span>
        </div>
        <div>
          {s.specialistName} · {longDate(s.date)}, {timeRange(s.startTime, s.endTime)}
        </div>
        <div className="muted small">{allows}</div>
      </div>
      <div className="cover-side">
        <CostChange value={s.costChange} />
      </div>
    </li>
  );
}

/** The visit dialog's section: who else (or which other day) could take this visit. */
export function VisitCover({ visit, onApplied }: { visit: VisitView; onApplied: () => void }) {
  const { t, longDate } = useI18n();
  const offerUndo = useOfferUndo();
  const [othersOnly, setOthersOnly] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const loaded = useLoad(() => call('plans:suggest', { visitId: visit.id, limit: 12, perSpecialist: 2 }), [visit.id]);
  const all = loaded.data?.suggestions ?? [];
  const shown = othersOnly ? all.filter((s) => s.specialistId !== visit.specialistId) : all;

  const apply = async (s: Suggestion) => {
    setBusy(true);
    setError(undefined);
    const result = await reassignVisit(visit, s);
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      loaded.reload();
      return;
    }
    onApplied();
    void offerUndo(
      t(
        `Kunjungan ${visit.puskesmasName} kini oleh ${s.specialistName}, ${longDate(s.date)} (manual).`,
        `Visit to ${visit.puskesmasName} now by ${s.specialistName}, ${longDate(s.date)} (manual).`,
      ),
      onApplied,
    );
  };

  return (
    <section className="cover" aria-labelledby={`cover-title-${visit.id}`} data-testid="visit-cover">
      <div className="cover-title-row">
        <h3 id={`cover-title-${visit.id}`}>{t('Siapa yang bisa menggantikan?', 'Who can cover?')}</h3>
        <label className="check small">
          <input type="checkbox" checked={othersOnly} onChange={(e) => setOthersOnly(e.target.checked)} />
          {t(`Hanya dokter selain ${visit.specialistName}`, `Only specialists other than ${visit.specialistName}`)}
        </label>
      </div>
      <ErrorBanner error={error ?? loaded.error} onClose={error ? () => setError(undefined) : undefined} />
      {loaded.loading ? <Spinner label={t('Mencari pengganti…', 'Looking for cover…')} /> : null}
      {!loaded.loading && loaded.data ? (
        shown.length ? (
          <ul className="cover-list">
            {shown.map((s) => (
              <SuggestionRow
                key={`${s.specialistId}:${s.date}:${s.startTime}`}
                suggestion={s}
                note={s.specialistId === visit.specialistId ? t('dokter yang sama, hari lain', 'same specialist, another day') : undefined}
                busy={busy}
                onApply={() => void apply(s)}
              />
            ))}
          </ul>
        ) : (
          <p className="muted" role="status">
            {t('Tidak ada pengganti yang memenuhi semua aturan wajib.', 'Nobody can cover while keeping every hard rule.')}
            {othersOnly && all.length ? ` ${t('Hanya pindah hari dengan dokter yang sama yang memenuhi.', 'Only moving the same specialist to another day does.')}` : ''}
          </p>
        )
      ) : null}
    </section>
  );
}

/** One uncovered requirement: who could still go, and what would make it coverable. */
export function RequirementCover({ item, onClose, onApplied }: { item: PlanUncovered; onClose: () => void; onApplied: () => void }) {
  const { t, lang, month: monthName, longDate } = useI18n();
  const toast = useToast();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [allRemedies, setAllRemedies] = useState(false);
  const loaded = useLoad(
    () => call('plans:suggest', { puskesmasId: item.puskesmasId, specialtyId: item.specialtyId, month: item.month, limit: 10, perSpecialist: 2 }),
    [item.puskesmasId, item.specialtyId, item.month],
  );
  const text = (x: { message: string; messageEn: string }) => (lang === 'id' ? x.message : x.messageEn);
  const data = loaded.data;

  const apply = async (s: Suggestion) => {
    setBusy(true);
    setError(undefined);
    const result = await createVisit({ specialistId: s.specialistId, puskesmasId: item.puskesmasId, date: s.date, startTime: s.startTime });
    setBusy(false);
    if (!result.ok) {
      setError(result.error);
      loaded.reload();
      return;
    }
    // A new visit is taken back by cancelling it in its dialog (undo covers changes, not additions).
    toast(
      t(
        `Kunjungan baru: ${s.specialistName} ke ${item.puskesmasName}, ${longDate(s.date)} (manual).`,
        `New visit: ${s.specialistName} to ${item.puskesmasName}, ${longDate(s.date)} (manual).`,
      ),
    );
    onApplied();
  };

  return (
    <Modal title={t(`Cari pengganti: ${item.puskesmasName}`, `Find cover: ${item.puskesmasName}`)} onClose={onClose} wide>
      <p>
        {t(
          `${item.specialtyName}, ${monthName(item.month)}: kurang ${item.missing} kunjungan.`,
          `${item.specialtyName}, ${monthName(item.month)}: ${item.missing} visit${item.missing > 1 ? 's' : ''} missing.`,
        )}
      </p>
      <ErrorBanner error={error ?? loaded.error} onClose={error ? () => setError(undefined) : undefined} />
      {loaded.loading ? <Spinner label={t('Mencari pengganti…', 'Looking for cover…')} /> : null}
      {!loaded.loading && data ? (
        <div className="stack cover" data-testid="requirement-cover">
          <section aria-labelledby="cover-placements">
            <h3 id="cover-placements">{t('Siapa yang bisa datang?', 'Who can go?')}</h3>
            {data.suggestions.length ? (
              <ul className="cover-list">
                {data.suggestions.map((s) => (
                  <SuggestionRow key={`${s.specialistId}:${s.date}:${s.startTime}`} suggestion={s} busy={busy} onApply={() => void apply(s)} />
                ))}
              </ul>
            ) : (
              <div role="status">
                <p>{t('Tidak ada pengganti yang memenuhi semua aturan wajib.', 'Nobody can cover while keeping every hard rule.')}</p>
                <p className="muted small">{text(item)}</p>
              </div>
            )}
          </section>
          {data.remedies.length ? (
            <section aria-labelledby="cover-remedies">
              <h3 id="cover-remedies">{t('Yang membuatnya bisa dipenuhi', 'What would make it coverable')}</h3>
              <ul className="cover-list">
                {(allRemedies ? data.remedies : data.remedies.slice(0, REMEDIES_SHOWN)).map((r, i) => (
                  <RemedyRow key={i} remedy={r} />
                ))}
              </ul>
              {!allRemedies && data.remedies.length > REMEDIES_SHOWN ? (
                <button type="button" className="link" onClick={() => setAllRemedies(true)}>
                  {t(`Tampilkan semua (${data.remedies.length})`, `Show all (${data.remedies.length})`)}
                </button>
              ) : null}
              <p className="muted small">
                {t(
                  'Perubahan ini diatur di Data master (dokter, puskesmas, pengaturan); sesudahnya cari pengganti lagi.',
                  'These changes are made under Master data (specialists, puskesmas, settings); then look for cover again.',
                )}
              </p>
            </section>
          ) : null}
        </div>
      ) : null}
      <div className="form-actions">
        {busy ? <Spinner /> : null}
        <button type="button" onClick={onClose} autoFocus>
          {t('Tutup', 'Close')}
        </button>
      </div>
    </Modal>
  );
}

/**
 * Beside the calendar: the month's requirements the schedule leaves open, each with "Cari pengganti".
 * The calendar screen loads them (loadUncovered) beside its own data, and again after each reload.
 */
export function UncoveredPanel({ month, loaded, onChanged }: { month: string; loaded: Loaded<UncoveredOfMonth>; onChanged: () => void }) {
  const { t, month: monthName } = useI18n();
  const ref = useRefData();
  const [open, setOpen] = useState<PlanUncovered | null>(null);
  // The list of the month shown; another month's, still there while this one loads, is not.
  const current = loaded.data?.month === month ? loaded.data.items : undefined;
  const items = current ?? [];
  // In a month already past no visit can be added, so there is nobody to look for.
  const past = month < monthOf(ref.info.today);
  if (!loaded.loading && !loaded.error && items.length === 0) return null;
  const list = (
    <ul className="uncovered-list">
      {items.map((u) => (
        <li key={`${u.puskesmasId}:${u.specialtyId}`}>
          <strong>{u.puskesmasName.replace(/^Puskesmas\s+/i, '')}</strong>
          <div className="uncovered-line">
            <span className="muted small">{t(`${u.specialtyName}, kurang ${u.missing}`, `${u.specialtyName}, ${u.missing} missing`)}</span>
            {past ? null : (
              <button type="button" onClick={() => setOpen(u)} aria-label={t(`Cari pengganti untuk ${u.puskesmasName}, ${u.specialtyName}`, `Find cover for ${u.puskesmasName}, ${u.specialtyName}`)}>
                {t('Cari pengganti', 'Find cover')}
              </button>
            )}
          </div>
        </li>
      ))}
    </ul>
  );
  return (
    <aside className="card uncovered-panel" aria-labelledby="uncovered-title" data-testid="uncovered-panel">
      <div>
        <h2 id="uncovered-title">{t('Belum terpenuhi', 'Not covered')}</h2>
        <div className="muted small">
          {monthName(month)}
          {current ? ` · ${t(`${items.length} kebutuhan`, `${items.length} requirement${items.length === 1 ? '' : 's'}`)}` : ''}
        </div>
      </div>
      <ErrorBanner error={loaded.loading ? undefined : loaded.error} />
      {loaded.loading && !current ? <Spinner /> : null}
      {past ? <p className="muted small">{t(`${monthName(month)} sudah lewat; tidak ada kunjungan yang bisa ditambahkan lagi.`, `${monthName(month)} is past; no visit can be added any more.`)}</p> : null}
      {past ? (
        <details>
          <summary>{t('Tampilkan daftar', 'Show the list')}</summary>
          {list}
        </details>
      ) : (
        list
      )}
      {open ? (
        <RequirementCover
          item={open}
          onClose={() => setOpen(null)}
          onApplied={() => {
            setOpen(null);
            onChanged();
          }}
        />
      ) : null}
    </aside>
  );
}
