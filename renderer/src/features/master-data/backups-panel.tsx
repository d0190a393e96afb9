// Cadangan: the database's backups (made daily, before plans, imports and restores), a backup
// on demand, and restoring one. A restore keeps a safety copy of the database it replaces.
import { useState } from 'react';
import type { BackupInfo } from '../../../../src/contract/backups';
import { ApiError, call, pickFile } from '../../api';
import { useI18n } from '../../i18n';
import { EmptyRow, ErrorBanner, Spinner, useToast } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { useRefData } from '../../ref-data';
import { useCanWrite } from '../../session';

function size(bytes: number): string {
  return bytes > 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

function reasonText(reason: string, t: (id: string, en: string) => string): string {
  if (reason === 'manual') return t('Dibuat manual', 'Made by hand');
  if (reason === 'daily') return t('Harian', 'Daily');
  if (reason.startsWith('before-migration')) return t('Sebelum pembaruan database', 'Before a database upgrade');
  if (reason.startsWith('before-restore')) return t('Sebelum pemulihan', 'Before a restore');
  if (reason.startsWith('before-import')) return t('Sebelum impor', 'Before an import');
  if (reason.startsWith('before-plan') || reason.startsWith('before-replan')) return t('Sebelum jadwal disimpan', 'Before a plan was saved');
  return reason;
}

export function BackupsPanel() {
  const { t, lang } = useI18n();
  const canWrite = useCanWrite();
  const { info } = useRefData();
  const toast = useToast();
  const loaded = useLoad(() => call('backups:list', {}), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<ApiError>();

  const act = async (key: string, run: () => Promise<void>) => {
    setBusy(key);
    setError(undefined);
    try {
      await run();
      loaded.reload();
    } catch (cause) {
      setError(cause as ApiError);
    } finally {
      setBusy(null);
    }
  };

  /** Restores from the list or from a picked file; a backup of another database needs a second, explicit yes. */
  const restoreFrom = (label: string, source: { file: string } | { upload: { fileName: string; base64: string } }) => {
    if (!window.confirm(t(`Pulihkan database dari ${label}? Data sekarang disimpan dulu sebagai cadangan.`, `Restore the database from ${label}? The current data is backed up first.`))) return;
    void act(label, async () => {
      try {
        await call('backups:restore', source);
      } catch (cause) {
        // The refusal names both districts; only an explicit yes restores another district's data.
        if (!(cause instanceof ApiError) || !cause.payload.fields?.some((f) => f.path === 'otherDistrict')) throw cause;
        if (!window.confirm(`${t(cause.payload.message, cause.payload.messageEn)}\n\n${t('Tetap pulihkan cadangan dari database lain ini?', 'Restore this backup of another database anyway?')}`)) return;
        await call('backups:restore', { ...source, otherDistrict: true });
      }
      toast(t('Database dipulihkan. Memuat ulang…', 'Database restored. Reloading…'));
      setTimeout(() => window.location.reload(), 800);
    });
  };
  const restore = (backup: BackupInfo) => restoreFrom(backup.name, { file: backup.name });
  const restorePicked = async () => {
    const picked = await pickFile(['.db', '.dump']);
    if (picked) restoreFrom(picked.fileName, { upload: { fileName: picked.fileName, base64: picked.base64 } });
  };

  const when = (iso: string) => new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: info.timeZone }).format(new Date(iso));

  return (
    <div>
      <div className="screen-head">
        <span className="muted">
          {loaded.data
            ? t(
                `Folder: ${loaded.data.folder} · disimpan: semua ${loaded.data.retention.allDays} hari terakhir, satu per minggu sampai 2 bulan, satu per bulan sampai setahun`,
                `Folder: ${loaded.data.folder} · kept: all of the last ${loaded.data.retention.allDays} days, one a week for 2 months, one a month for a year`,
              )
            : null}
        </span>
        {loaded.loading || busy ? <Spinner /> : null}
        <span className="spacer" />
        {canWrite ? (
        <button
          type="button"
          className="primary"
          disabled={busy !== null}
          onClick={() =>
            act('create', async () => {
              const made = await call('backups:create', {});
              toast(t(`Cadangan dibuat: ${made.name}`, `Backup made: ${made.name}`));
            })
          }
        >
          {t('Buat cadangan sekarang', 'Back up now')}
        </button>
        ) : null}
        {canWrite ? (
          <button type="button" disabled={busy !== null} onClick={() => void restorePicked()}>
            {t('Pulihkan dari berkas…', 'Restore from a file…')}
          </button>
        ) : null}
      </div>
      <ErrorBanner error={loaded.error ?? error} onClose={() => setError(undefined)} />
      <div className="table-wrap" tabIndex={0}>
        <table className="data">
          <thead>
            <tr>
              <th>{t('Waktu', 'Made')}</th>
              <th>{t('Alasan', 'Reason')}</th>
              <th>{t('Kabupaten/kota', 'District')}</th>
              <th className="num">{t('Ukuran', 'Size')}</th>
              <th>{t('Berkas', 'File')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {(loaded.data?.backups ?? []).map((backup) => (
              <tr key={backup.name}>
                <td>
                  {when(backup.createdAt)}
                  {backup.problem === 'future' ? (
                    <div className="field-error">{t('Bertanggal di masa depan (jam komputer salah?): disimpan, tidak dihitung', 'Dated in the future (wrong clock?): kept, not counted')}</div>
                  ) : null}
                </td>
                <td>{reasonText(backup.reason, t)}</td>
                <td>{backup.district ?? '–'}</td>
                <td className="num">{size(backup.bytes)}</td>
                <td className="muted small">{backup.name}</td>
                <td className="num">
                  <button type="button" disabled={busy !== null || !canWrite} onClick={() => restore(backup)}>
                    {t('Pulihkan', 'Restore')}
                  </button>
                </td>
              </tr>
            ))}
            {loaded.data && loaded.data.backups.length === 0 ? (
              <EmptyRow colSpan={6}>
                {t('Belum ada cadangan.', 'No backups yet.')}
              </EmptyRow>
            ) : null}
          </tbody>
        </table>
      </div>
    </div>
  );
}
