// Importing master data from a spreadsheet: pick the file, check how its columns map and what
// each row would do, then import (everything, or only the valid rows). Nothing is written
// before the last step, and the core backs the database up first.
import { useState } from 'react';
import type { TransferFile } from '../../../../src/contract/desktop-shell';
import type { ImportKind, ImportPreview } from '../../../../src/contract/imports';
import { ApiError, call, pickFile, saveFile } from '../../api';
import { useI18n } from '../../i18n';
import { ErrorBanner, Modal, Spinner, useToast } from '../../ui/components';

/** What a preview row will do, in the app's language. */
function actionLabel(action: keyof typeof ACTION_BADGE, t: (id: string, en: string) => string): string {
  switch (action) {
    case 'create':
      return t('baru', 'new');
    case 'update':
      return t('diperbarui', 'update');
    case 'unchanged':
      return t('tetap', 'unchanged');
    case 'invalid':
      return t('bermasalah', 'invalid');
  }
}

const ACTION_BADGE = { create: 'badge-ok', update: 'badge-warn', unchanged: '', invalid: 'badge-danger' } as const;

export function ImportDialog({ kind, title, onClose, onImported }: { kind: ImportKind; title: string; onClose: () => void; onImported: () => void }) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const [file, setFile] = useState<TransferFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<Record<string, string>>({});
  const [onlyValid, setOnlyValid] = useState(false);
  const [acceptSuggestions, setAcceptSuggestions] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();

  const attempt = async (what: string, run: () => Promise<void>) => {
    setBusy(what);
    setError(undefined);
    try {
      await run();
    } catch (cause) {
      setError(cause as ApiError);
    } finally {
      setBusy(null);
    }
  };

  const load = (chosen: TransferFile, withMapping?: Record<string, string>, accept = acceptSuggestions) =>
    attempt('preview', async () => {
      const result = await call('imports:preview', { kind, fileName: chosen.fileName, base64: chosen.base64, acceptSuggestions: accept, ...(withMapping ? { mapping: withMapping } : {}) });
      setFile(chosen);
      setPreview(result);
      setMapping(result.mapping);
      setAcceptSuggestions(accept);
    });

  const choose = async () => {
    const chosen = await pickFile(['.xlsx', '.csv']);
    if (chosen) await load(chosen, undefined, false);
  };

  const commit = () =>
    attempt('commit', async () => {
      if (!file) return;
      const result = await call('imports:commit', { kind, fileName: file.fileName, base64: file.base64, mapping, onlyValidRows: onlyValid, acceptSuggestions });
      toast(t(`Impor selesai: ${result.created} baru, ${result.updated} diperbarui, ${result.skipped} dilewati.`, `Import done: ${result.created} new, ${result.updated} updated, ${result.skipped} skipped.`));
      onImported();
    });

  const text = (item: { message: string; messageEn: string }) => (lang === 'id' ? item.message : item.messageEn);
  const mappingChanged = preview !== null && JSON.stringify(mapping) !== JSON.stringify(preview.mapping);
  const canCommit = preview !== null && !mappingChanged && preview.missingRequired.length === 0 && (preview.invalidRows === 0 || onlyValid) && preview.validRows > 0;

  return (
    <Modal title={t(`Impor ${title.toLowerCase()}`, `Import ${title.toLowerCase()}`)} onClose={onClose} wide>
      <ErrorBanner error={error} onClose={() => setError(undefined)} />
      <div className="row">
        <button type="button" className="primary" onClick={choose} disabled={busy !== null}>
          {file ? t('Pilih berkas lain…', 'Choose another file…') : t('Pilih berkas Excel atau CSV…', 'Choose an Excel or CSV file…')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => attempt('template', async () => void (await saveFile(await call('imports:template', { kind, format: 'xlsx' }))))}>
          {t('Unduh templat', 'Download the template')}
        </button>
        {busy ? <Spinner label={busy === 'commit' ? t('Mengimpor…', 'Importing…') : t('Membaca berkas…', 'Reading the file…')} /> : null}
        {file ? <span className="muted">{file.fileName}</span> : null}
      </div>
      {preview ? (
        <div className="stack" style={{ marginTop: 14 }} data-testid="import-preview">
          <div className="plan-summary">
            <div className="stat">
              <div className="value">{preview.totalRows}</div>
              <div className="label">{t('Baris', 'Rows')}</div>
            </div>
            <div className="stat">
              <div className="value" style={{ color: 'var(--ok)' }}>{preview.counts.create}</div>
              <div className="label">{t('Baru', 'New')}</div>
            </div>
            <div className="stat">
              <div className="value" style={{ color: 'var(--warn)' }}>{preview.counts.update}</div>
              <div className="label">{t('Diperbarui', 'Updated')}</div>
            </div>
            <div className="stat">
              <div className="value">{preview.counts.unchanged}</div>
              <div className="label">{t('Sama', 'Unchanged')}</div>
            </div>
            <div className="stat">
              <div className="value" style={{ color: preview.invalidRows ? 'var(--danger)' : undefined }}>{preview.invalidRows}</div>
              <div className="label">{t('Bermasalah', 'With errors')}</div>
            </div>
            <div className="stat">
              <div className="value">{preview.skipped.notes + preview.skipped.otherDistrict}</div>
              <div className="label">
                {t('Dilewati', 'Skipped')} ({t(`${preview.skipped.notes} catatan, ${preview.skipped.otherDistrict} kabupaten lain`, `${preview.skipped.notes} notes, ${preview.skipped.otherDistrict} other districts`)})
              </div>
            </div>
          </div>
          {preview.suggestions > 0 && !preview.acceptSuggestions && file ? (
            <div className="banner banner-warn" role="status">
              <span>
                {t(
                  `${preview.suggestions} baris memakai nama yang tidak ditemukan tetapi mirip nama yang ada (lihat "maksud Anda …?" di bawah).`,
                  `${preview.suggestions} rows use names that are not found but close to existing ones (see "did you mean …?" below).`,
                )}
              </span>{' '}
              <button type="button" className="primary" onClick={() => load(file, mappingChanged ? mapping : undefined, true)} disabled={busy !== null}>
                {t('Terima saran', 'Accept the suggestions')}
              </button>
            </div>
          ) : null}
          <div>
            <h3>{t('Kolom', 'Columns')}</h3>
            <div className="form-grid" style={{ gridTemplateColumns: 'repeat(3, minmax(0, 1fr))' }}>
              {preview.fields.map((field) => (
                <label key={field.key} className="field">
                  <span className="field-label">
                    {lang === 'id' ? field.label : field.labelEn}
                    {field.required ? ' *' : ''}
                  </span>
                  <select
                    value={mapping[field.key] ?? ''}
                    onChange={(e) => {
                      const next = { ...mapping };
                      if (e.target.value) next[field.key] = e.target.value;
                      else delete next[field.key];
                      setMapping(next);
                    }}
                  >
                    <option value="">—</option>
                    {preview.headers.map((header) => (
                      <option key={header} value={header}>
                        {header}
                      </option>
                    ))}
                  </select>
                </label>
              ))}
            </div>
            {mappingChanged && file ? (
              <button type="button" style={{ marginTop: 10 }} onClick={() => load(file, mapping)} disabled={busy !== null}>
                {t('Perbarui pratinjau', 'Update the preview')}
              </button>
            ) : null}
          </div>
          {preview.warnings.map((warning, i) => (
            <div key={i} className="banner banner-warn">
              {text(warning)}
            </div>
          ))}
          {preview.missingRequired.length ? (
            <div className="banner banner-error">
              {t('Kolom wajib belum dipetakan', 'Required columns not mapped')}: {preview.missingRequired.map((m) => (lang === 'id' ? m.label : m.labelEn)).join(', ')}
            </div>
          ) : null}
          {preview.rowWarnings.length ? (
            <div className="table-wrap" style={{ maxHeight: 180 }} tabIndex={0} data-testid="import-row-warnings">
              <table className="data">
                <thead>
                  <tr>
                    <th className="num">{t('Baris', 'Row')}</th>
                    <th>{t('Kolom', 'Column')}</th>
                    <th>{t('Catatan', 'Note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.rowWarnings.map((warning, i) => (
                    <tr key={i}>
                      <td className="num">{warning.row}</td>
                      <td>{warning.column || '—'}</td>
                      <td>{text(warning)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          {preview.issues.length ? (
            <div className="table-wrap" style={{ maxHeight: 220 }} tabIndex={0}>
              <table className="data">
                <thead>
                  <tr>
                    <th className="num">{t('Baris', 'Row')}</th>
                    <th>{t('Kolom', 'Column')}</th>
                    <th>{t('Masalah', 'Problem')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.issues.map((issue, i) => (
                    <tr key={i}>
                      <td className="num">{issue.row}</td>
                      <td>{issue.column || '—'}</td>
                      <td>{text(issue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {preview.issuesTotal > preview.issues.length ? <p className="muted small">{t(`…dan ${preview.issuesTotal - preview.issues.length} lagi`, `…and ${preview.issuesTotal - preview.issues.length} more`)}</p> : null}
            </div>
          ) : null}
          <div className="table-wrap" style={{ maxHeight: 260 }} tabIndex={0}>
            <table className="data">
              <thead>
                <tr>
                  <th className="num">{t('Baris', 'Row')}</th>
                  <th>{t('Tindakan', 'Action')}</th>
                  {preview.fields.slice(0, 5).map((field) => (
                    <th key={field.key}>{lang === 'id' ? field.label : field.labelEn}</th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {preview.sample.map((row) => (
                  <tr key={row.row}>
                    <td className="num">{row.row}</td>
                    <td>
                      <span className={`badge ${ACTION_BADGE[row.action]}`}>{actionLabel(row.action, t)}</span>
                    </td>
                    {preview.fields.slice(0, 5).map((field) => (
                      <td key={field.key}>{row.values[field.key] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="form-actions">
            {preview.invalidRows > 0 ? (
              <label className="check">
                <input type="checkbox" checked={onlyValid} onChange={(e) => setOnlyValid(e.target.checked)} />
                {t(`Lewati ${preview.invalidRows} baris bermasalah`, `Skip the ${preview.invalidRows} rows with errors`)}
              </label>
            ) : null}
            <button type="button" onClick={onClose}>
              {t('Batal', 'Cancel')}
            </button>
            <button type="button" className="primary" disabled={!canCommit || busy !== null} onClick={commit}>
              {t(`Impor ${preview.validRows} baris`, `Import ${preview.validRows} rows`)}
            </button>
          </div>
        </div>
      ) : (
        <p className="muted" style={{ marginTop: 14 }}>
          {t('Kolom dikenali dari judulnya (Indonesia atau Inggris); Anda bisa mengubah pemetaannya sebelum mengimpor.', 'Columns are recognised by their headings (Indonesian or English); you can change the mapping before importing.')}
        </p>
      )}
    </Modal>
  );
}
