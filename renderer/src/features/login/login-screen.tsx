// Sign-in on a shared server (asuhan serve --accounts): login name and password, nothing else.
// Wrong passwords and lockouts are said as the server says them, in the chosen language.
import { useState, type FormEvent } from 'react';
import type { SessionInfo } from '../../../../src/contract/accounts';
import type { ApiErrorPayload } from '../../../../src/contract/errors';
import { useI18n } from '../../i18n';
import { useSession } from '../../session';
import { Spinner } from '../../ui/components';

type SignInAnswer = { ok: true; data: { user: NonNullable<SessionInfo['user']> } } | { ok: false; error: ApiErrorPayload };

export function LoginScreen() {
  const { t, lang, setLang, errorText } = useI18n();
  const { signedIn } = useSession();
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!login.trim() || !password) {
      setError(t('Isi nama pengguna dan kata sandi.', 'Enter your login name and password.'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('./auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login: login.trim(), password }), credentials: 'same-origin' });
      const answer = (await response.json()) as SignInAnswer;
      if (answer.ok) {
        signedIn(answer.data.user);
        return;
      }
      setError(errorText(answer.error));
      setPassword('');
    } catch {
      setError(t('Server tidak bisa dihubungi. Coba lagi sebentar lagi.', 'The server cannot be reached. Try again in a moment.'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login" aria-labelledby="login-title">
      <form className="card login-card" onSubmit={submit} noValidate>
        <div className="brand login-brand">
          <img src="./favicon.png" alt="" width={40} height={40} />
          <div>
            <h1 id="login-title">{t('Masuk ke Asuhan', 'Sign in to Asuhan')}</h1>
            <p className="muted" style={{ margin: 0 }}>
              {t('Jadwal kunjungan dokter spesialis ke puskesmas', 'Specialist visits to puskesmas')}
            </p>
          </div>
        </div>
        {error ? (
          <div className="banner banner-error" role="alert">
            <span>{error}</span>
          </div>
        ) : null}
        <label className="field">
          <span className="field-label">{t('Nama pengguna', 'Login name')}</span>
          <input name="login" type="text" autoComplete="username" autoCapitalize="none" spellCheck={false} required autoFocus value={login} onChange={(e) => setLogin(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">{t('Kata sandi', 'Password')}</span>
          <input name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <div className="row login-actions">
          <button type="submit" className="primary" disabled={busy}>
            {t('Masuk', 'Sign in')}
          </button>
          {busy ? <Spinner label={t('Memeriksa…', 'Checking…')} /> : null}
        </div>
        <p className="muted small">
          {t('Lupa kata sandi atau akun terkunci? Minta admin Dinas Kesehatan mengatur ulang kata sandi Anda.', 'Forgot the password, or locked out? Ask the health office admin to reset your password.')}
        </p>
        <div className="lang-switch login-lang" role="group" aria-label={t('Bahasa', 'Language')}>
          <button type="button" className={lang === 'id' ? 'active' : ''} onClick={() => setLang('id')} aria-pressed={lang === 'id'}>
            ID
          </button>
          <button type="button" className={lang === 'en' ? 'active' : ''} onClick={() => setLang('en')} aria-pressed={lang === 'en'}>
            EN
          </button>
        </div>
      </form>
    </main>
  );
}
