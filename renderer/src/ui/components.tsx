// Small building blocks shared by every screen.
import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Specialist } from '../../../src/domain/types';
import type { ApiError } from '../api';
import { useI18n } from '../i18n';

export function Spinner({ label }: { label?: string }) {
  return (
    <span className="spinner-wrap" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label ? <span>{label}</span> : null}
    </span>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <div className="loading">
      <Spinner label={t('Memuat…', 'Loading…')} />
    </div>
  );
}

export function ErrorBanner({ error, onClose }: { error: ApiError | undefined; onClose?: () => void }) {
  const { errorText, t } = useI18n();
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      <span>{errorText(error.payload)}</span>
      {onClose ? (
        <button type="button" className="link" onClick={onClose} aria-label={t('Tutup', 'Close')}>
          ×
        </button>
      ) : null}
    </div>
  );
}

export function Modal({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog
      ref={ref}
      className={wide ? 'modal modal-wide' : 'modal'}
      aria-label={title}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <header className="modal-head">
        <h2>{title}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('Tutup', 'Close')}>
          ×
        </button>
      </header>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}

/** A form's "Batal" and its submit button, with the spinner while it saves. */
export function SaveCancel({ busy, onCancel, saveLabel }: { busy: boolean; onCancel: () => void; saveLabel: string }) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      {busy ? <Spinner /> : null}
      <button type="button" onClick={onCancel}>
        {t('Batal', 'Cancel')}
      </button>
      <button type="submit" className="primary" disabled={busy}>
        {saveLabel}
      </button>
    </div>
  );
}

export function Field({ label, error, children, hint, group }: { label: string; error?: string | undefined; children: ReactNode; hint?: string | undefined; group?: boolean }) {
  const Tag = group ? 'div' : 'label';
  return (
    <Tag className={error ? 'field field-invalid' : 'field'}>
      <span className="field-label">{label}</span>
      {children}
      {hint && !error ? <span className="field-hint">{hint}</span> : null}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </Tag>
  );
}

interface ToastAction {
  label: string;
  run: () => void;
}

interface Toast {
  id: number;
  text: string;
  tone: 'ok' | 'error' | 'info';
  action?: ToastAction | undefined;
}

type PushToast = (text: string, tone?: Toast['tone'], action?: ToastAction) => void;

const ToastContext = createContext<PushToast>(() => undefined);

/** How long a toast stays: errors and toasts offering "Urungkan" longer, to leave time to act. */
const toastMs = (toast: Toast) => (toast.tone === 'error' ? 9000 : toast.action ? 12000 : 4500);

export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const push = useCallback<PushToast>((text, tone = 'ok', action) => {
    const toast = { id: Date.now() + Math.random(), text, tone, action };
    setToasts((list) => [...list, toast]);
    setTimeout(() => dismiss(toast.id), toastMs(toast));
  }, [dismiss]);
  return (
    <ToastContext.Provider value={push}>
      {children}
      <div className="toasts" aria-live="polite">
        {toasts.map((toast) => (
          <div key={toast.id} className={`toast toast-${toast.tone}`} role={toast.tone === 'error' ? 'alert' : 'status'}>
            <span>{toast.text}</span>
            {toast.action ? (
              <button
                type="button"
                onClick={() => {
                  dismiss(toast.id);
                  toast.action?.run();
                }}
              >
                {toast.action.label}
              </button>
            ) : null}
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export const useToast = () => useContext(ToastContext);

/** The active specialists as <option>s, for every specialist picker. */
export function ActiveSpecialistOptions({ specialists }: { specialists: Specialist[] }) {
  return (
    <>
      {specialists
        .filter((s) => s.active)
        .map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
    </>
  );
}

/** The one row a table shows when it has nothing to list. */
export function EmptyRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="muted">
        {children}
      </td>
    </tr>
  );
}

export function Swatch({ color }: { color: string }) {
  return <span className="swatch" style={{ background: color }} aria-hidden="true" />;
}
