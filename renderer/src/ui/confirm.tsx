// An in-app confirmation that names what it is about ("Batalkan kunjungan dr. X ke Puskesmas Y,
// Selasa 3 Maret 2026?"), instead of the browser's confirm() that names nothing.
import { createContext, useCallback, useContext, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { Modal } from './components';

interface ConfirmRequest {
  title: string;
  question: string;
  /** What the confirming button does, as a verb: "Batalkan kunjungan". */
  confirmLabel: string;
  cancelLabel?: string;
  danger?: boolean;
}

type Confirm = (request: ConfirmRequest) => Promise<boolean>;

const ConfirmContext = createContext<Confirm>(async () => false);

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const [request, setRequest] = useState<ConfirmRequest | null>(null);
  const resolver = useRef<(answer: boolean) => void>(() => undefined);
  const confirm = useCallback<Confirm>(
    (next) =>
      new Promise<boolean>((resolve) => {
        resolver.current = resolve;
        setRequest(next);
      }),
    [],
  );
  const answer = (value: boolean) => {
    setRequest(null);
    resolver.current(value);
  };
  return (
    <ConfirmContext.Provider value={confirm}>
      {children}
      {request ? (
        <Modal title={request.title} onClose={() => answer(false)}>
          <p className="confirm-question">{request.question}</p>
          <div className="form-actions">
            <button type="button" onClick={() => answer(false)} autoFocus>
              {request.cancelLabel ?? t('Jangan', 'Keep it')}
            </button>
            <button type="button" className={request.danger ? 'primary danger-fill' : 'primary'} onClick={() => answer(true)}>
              {request.confirmLabel}
            </button>
          </div>
        </Modal>
      ) : null}
    </ConfirmContext.Provider>
  );
}

export const useConfirm = () => useContext(ConfirmContext);
