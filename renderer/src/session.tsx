// Who is signed in. The desktop app and the single-PC web shell have no accounts: the user there
// may do everything. A shared server (asuhan serve --accounts) answers GET ./auth/session with
// accountsRequired, and the app shows the sign-in screen before anything else. A viewer sees
// every screen; write actions are hidden or disabled (useCanWrite), and the server refuses them
// anyway (FORBIDDEN).
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SessionInfo, UserRole } from '../../src/contract/accounts';
import { isDesktop, SIGNED_OUT_EVENT } from './api';

type SessionUser = NonNullable<SessionInfo['user']>;

interface Session {
  accountsRequired: boolean;
  user: SessionUser | null;
  signedIn: (user: SessionUser) => void;
  signOut: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

const LOCAL: SessionInfo = { accountsRequired: false, user: { login: 'koordinator', displayName: 'Koordinator', role: 'admin', specialistId: null } };

async function loadSession(): Promise<SessionInfo> {
  if (isDesktop()) return LOCAL;
  const response = await fetch('./auth/session', { credentials: 'same-origin' });
  const result = (await response.json()) as { ok: true; data: SessionInfo };
  return result.data;
}

export function SessionProvider({ children, loading, signIn }: { children: ReactNode; loading: ReactNode; signIn: ReactNode }) {
  const [info, setInfo] = useState<SessionInfo | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    loadSession().then(setInfo, () => setFailed(true));
    // A session that ended (expired, signed out elsewhere, user disabled) brings the sign-in back.
    const onSignedOut = () => setInfo((current) => (current?.accountsRequired ? { ...current, user: null } : current));
    window.addEventListener(SIGNED_OUT_EVENT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT_EVENT, onSignedOut);
  }, []);
  const signedIn = useCallback((user: SessionUser) => setInfo({ accountsRequired: true, user }), []);
  const signOut = useCallback(async () => {
    await fetch('./auth/logout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}', credentials: 'same-origin' });
    setInfo({ accountsRequired: true, user: null });
  }, []);
  const value = useMemo<Session | null>(() => (info ? { accountsRequired: info.accountsRequired, user: info.user, signedIn, signOut } : null), [info, signedIn, signOut]);
  // Without an answer from the server, the app itself reports what is wrong on its first call.
  if (failed) return <SessionContext.Provider value={{ ...LOCAL, signedIn, signOut }}>{children}</SessionContext.Provider>;
  if (!value) return <>{loading}</>;
  return <SessionContext.Provider value={value}>{value.accountsRequired && !value.user ? signIn : children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

const WRITING_ROLES: UserRole[] = ['admin', 'coordinator'];

/** False for a viewer or specialist: write actions are hidden or disabled. */
export function useCanWrite(): boolean {
  const { user } = useSession();
  return user !== null && WRITING_ROLES.includes(user.role);
}

export const ROLE_NAMES: Record<UserRole, [string, string]> = {
  admin: ['Admin', 'Admin'],
  coordinator: ['Koordinator', 'Coordinator'],
  viewer: ['Pemantau (hanya lihat)', 'Viewer (read only)'],
  specialist: ['Dokter spesialis', 'Specialist'],
};
