// The desktop app's word on newer releases, in the sidebar: nothing when there is nothing to say,
// "Versi baru tersedia" with an install button when there is. Installing backs the database up
// first (in the main process) and restarts into the installer.
import { useEffect, useState } from 'react';
import type { UpdateStatus } from '../../../../src/contract/desktop-shell';
import { useI18n } from '../../i18n';

const RECHECK_MS = 6 * 60 * 60 * 1000;

export function UpdateNotice() {
  const { t, lang } = useI18n();
  const shell = window.asuhan;
  const [status, setStatus] = useState<UpdateStatus>({ state: 'idle' });

  useEffect(() => {
    if (!shell) return;
    let live = true;
    const check = () => void shell['shell:update-check']().then((next) => live && setStatus(next), () => undefined);
    check();
    const timer = setInterval(check, RECHECK_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [shell]);

  useEffect(() => {
    // While downloading, follow the progress the main process records.
    if (!shell || status.state !== 'downloading') return;
    const timer = setInterval(() => void shell['shell:update-status']().then(setStatus, () => undefined), 1000);
    return () => clearInterval(timer);
  }, [shell, status.state]);

  if (!shell) return null;
  switch (status.state) {
    case 'available':
      return (
        <div className="update-notice" role="status">
          <strong>{t(`Versi baru ${status.version} tersedia`, `Version ${status.version} is available`)}</strong>
          <span className="muted small">{t(`Terpasang: ${status.current}. Database dicadangkan dulu, lalu Asuhan dimulai ulang.`, `Installed: ${status.current}. The database is backed up first, then Asuhan restarts.`)}</span>
          <button type="button" onClick={() => void shell['shell:update-install']().then(setStatus, () => undefined)}>
            {t('Pasang dan mulai ulang', 'Install and restart')}
          </button>
        </div>
      );
    case 'downloading':
      return (
        <div className="update-notice" role="status">
          {t(`Mengunduh versi ${status.version}… ${status.percent}%`, `Downloading version ${status.version}… ${status.percent}%`)}
        </div>
      );
    case 'installing':
      return (
        <div className="update-notice" role="status">
          {t(`Cadangan dibuat. Memasang versi ${status.version}…`, `Backup made. Installing version ${status.version}…`)}
        </div>
      );
    case 'error':
      return (
        <div className="update-notice error" role="status">
          {lang === 'id' ? status.message : status.messageEn}
        </div>
      );
    default:
      return null;
  }
}
