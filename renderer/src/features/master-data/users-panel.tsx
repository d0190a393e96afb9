// Accounts of a shared server, for its admins (issue 15): who may sign in and with which role.
// The first admin is made on the console (asuhan users add); the rest can be made here.
import { useState, type FormEvent } from 'react';
import type { UserAccount, UserRole } from '../../../../src/contract/accounts';
import { ApiError, call } from '../../api';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ROLE_NAMES } from '../../session';
import { ActiveSpecialistOptions, EmptyRow, ErrorBanner, Field, Modal, SaveCancel, Spinner, useToast } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { errorsByField } from './entity-form';
import { useDistricts } from '../province/districts';
import type { DistrictSummary } from '../../../../src/contract/districts';

const ROLES: UserRole[] = ['coordinator', 'viewer', 'specialist', 'admin'];

export function UsersPanel() {
  const { t, lang } = useI18n();
  const toast = useToast();
  const loaded = useLoad(() => call('users:list', {}), []);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<UserAccount | null>(null);
  const [granting, setGranting] = useState<UserAccount | null>(null);
  // Only on a server with several districts: where each user may work.
  const districts = useDistricts();
  const several = districts.length > 1;
  const districtNames = (user: UserAccount) =>
    user.role === 'admin' ? t('Semua', 'All') : (user.districtIds ?? []).map((id) => districts.find((d) => d.id === id)?.name ?? `#${id}`).join(', ') || '—';
  const [error, setError] = useState<ApiError>();
  const roleName = (role: UserRole) => (lang === 'id' ? ROLE_NAMES[role][0] : ROLE_NAMES[role][1]);

  const toggle = async (user: UserAccount) => {
    setError(undefined);
    try {
      await call('users:update', { id: user.id, changes: { disabled: !user.disabled } });
      toast(user.disabled ? t(`${user.login} diaktifkan lagi.`, `${user.login} enabled again.`) : t(`${user.login} dinonaktifkan; sesinya berakhir.`, `${user.login} disabled; their sessions ended.`));
      loaded.reload();
    } catch (cause) {
      setError(cause as ApiError);
    }
  };

  return (
    <div className="card" style={{ maxWidth: 980 }}>
      <div className="screen-head">
        <p className="muted" style={{ margin: 0 }}>
          {t('Siapa yang boleh masuk ke server ini dan apa perannya. Menonaktifkan atau mengatur ulang kata sandi mengakhiri sesi pengguna itu.', 'Who may sign in to this server and with which role. Disabling or resetting a password ends that user’s sessions.')}
        </p>
        <span className="spacer" />
        {loaded.loading ? <Spinner /> : null}
        <button type="button" className="primary" onClick={() => setAdding(true)}>
          {t('Tambah pengguna', 'Add user')}
        </button>
      </div>
      <ErrorBanner error={loaded.error ?? error} onClose={() => setError(undefined)} />
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>{t('Nama pengguna', 'Login name')}</th>
              <th>{t('Nama', 'Name')}</th>
              <th>{t('Peran', 'Role')}</th>
              <th>Status</th>
              {several ? <th>{t('Kabupaten/kota', 'Districts')}</th> : null}
              <th aria-label={t('Tindakan', 'Actions')} />
            </tr>
          </thead>
          <tbody>
            {(loaded.data ?? []).map((user) => (
              <tr key={user.id} className={user.disabled ? 'inactive' : undefined}>
                <td>{user.login}</td>
                <td>{user.displayName}</td>
                <td>{roleName(user.role)}</td>
                <td>{user.disabled ? t('Nonaktif', 'Disabled') : user.lockedUntil ? t('Terkunci sementara', 'Locked for now') : t('Aktif', 'Active')}</td>
                {several ? (
                  <td>
                    {districtNames(user)}
                    {user.role === 'admin' ? null : (
                      <>
                        {' '}
                        <button type="button" className="link" onClick={() => setGranting(user)} aria-label={t(`Ubah kabupaten/kota ${user.login}`, `Change ${user.login}'s districts`)}>
                          {t('Ubah', 'Change')}
                        </button>
                      </>
                    )}
                  </td>
                ) : null}
                <td className="num" style={{ whiteSpace: 'nowrap' }}>
                  <button type="button" onClick={() => setResetting(user)}>
                    {t('Atur ulang kata sandi', 'Reset password')}
                  </button>{' '}
                  <button type="button" className={user.disabled ? undefined : 'danger'} onClick={() => void toggle(user)}>
                    {user.disabled ? t('Aktifkan', 'Enable') : t('Nonaktifkan', 'Disable')}
                  </button>
                </td>
              </tr>
            ))}
            {loaded.data?.length === 0 ? <EmptyRow colSpan={several ? 6 : 5}>{t('Belum ada pengguna.', 'No users yet.')}</EmptyRow> : null}
          </tbody>
        </table>
      </div>
      {adding ? <AddUser roleName={roleName} onClose={() => setAdding(false)} onSaved={() => { setAdding(false); loaded.reload(); }} /> : null}
      {granting ? <GrantDistricts user={granting} districts={districts} onClose={() => setGranting(null)} onSaved={() => { setGranting(null); loaded.reload(); }} /> : null}
      {resetting ? <ResetPassword user={resetting} onClose={() => setResetting(null)} onSaved={() => { setResetting(null); loaded.reload(); }} /> : null}
    </div>
  );
}

function AddUser({ roleName, onClose, onSaved }: { roleName: (role: UserRole) => string; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const ref = useRefData();
  const toast = useToast();
  const districts = useDistricts();
  const current = districts.find((d) => d.current);
  const [draft, setDraft] = useState({ login: '', displayName: '', role: 'coordinator' as UserRole, specialistId: null as number | null, password: '', districtIds: current ? [current.id] : [] });
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const errors = errorsByField(error, lang);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const made = await call('users:create', { ...draft, specialistId: draft.role === 'specialist' ? draft.specialistId : null, districtIds: draft.role === 'specialist' && current ? [current.id] : draft.districtIds });
      toast(t(`Pengguna ${made.login} dibuat.`, `User ${made.login} made.`));
      onSaved();
    } catch (cause) {
      setError(cause as ApiError);
      setBusy(false);
    }
  };
  return (
    <Modal title={t('Tambah pengguna', 'Add user')} onClose={onClose}>
      <form onSubmit={submit} noValidate className="form-grid">
        <ErrorBanner error={error && !error.payload.fields ? error : undefined} />
        <Field label={t('Nama pengguna', 'Login name')} error={errors.login}>
          <input name="login" autoComplete="off" autoCapitalize="none" spellCheck={false} value={draft.login} onChange={(e) => setDraft({ ...draft, login: e.target.value })} />
        </Field>
        <Field label={t('Nama', 'Name')} error={errors.displayName}>
          <input name="displayName" value={draft.displayName} onChange={(e) => setDraft({ ...draft, displayName: e.target.value })} />
        </Field>
        <Field label={t('Peran', 'Role')} error={errors.role}>
          <select value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value as UserRole })}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {roleName(role)}
              </option>
            ))}
          </select>
        </Field>
        {draft.role === 'specialist' ? (
          <Field label={t('Dokter spesialis', 'Specialist')} error={errors.specialistId}>
            <select value={draft.specialistId ?? ''} onChange={(e) => setDraft({ ...draft, specialistId: e.target.value ? Number(e.target.value) : null })}>
              <option value="">{t('Pilih…', 'Choose…')}</option>
              <ActiveSpecialistOptions specialists={ref.specialists} />
            </select>
          </Field>
        ) : null}
        {districts.length > 1 && draft.role !== 'admin' && draft.role !== 'specialist' ? (
          <DistrictChoice districts={districts} chosen={draft.districtIds} onChange={(districtIds) => setDraft({ ...draft, districtIds })} />
        ) : null}
        <Field label={t('Kata sandi awal (minimal 10 karakter)', 'First password (at least 10 characters)')} error={errors.password}>
          <input name="password" type="password" autoComplete="new-password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} />
        </Field>
        <SaveCancel busy={busy} onCancel={onClose} saveLabel={t('Buat pengguna', 'Make the user')} />
      </form>
    </Modal>
  );
}

function ResetPassword({ user, onClose, onSaved }: { user: UserAccount; onClose: () => void; onSaved: () => void }) {
  const { t, lang } = useI18n();
  const toast = useToast();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await call('users:reset-password', { id: user.id, password });
      toast(t(`Kata sandi ${user.login} diganti; kuncinya dibuka dan sesinya berakhir.`, `${user.login}'s password is changed; unlocked, sessions ended.`));
      onSaved();
    } catch (cause) {
      setError(cause as ApiError);
      setBusy(false);
    }
  };
  return (
    <Modal title={t(`Atur ulang kata sandi ${user.login}`, `Reset ${user.login}'s password`)} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={error && !error.payload.fields ? error : undefined} />
        <Field label={t('Kata sandi baru (minimal 10 karakter)', 'New password (at least 10 characters)')} error={errorsByField(error, lang).password}>
          <input name="password" type="password" autoComplete="new-password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
        </Field>
        <SaveCancel busy={busy} onCancel={onClose} saveLabel={t('Simpan kata sandi', 'Save the password')} />
      </form>
    </Modal>
  );
}

/** Checkboxes of the server's districts (a specialist works in the one of their specialist, an admin in all). */
function DistrictChoice({ districts, chosen, onChange }: { districts: DistrictSummary[]; chosen: number[]; onChange: (ids: number[]) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="plain-fieldset">
      <legend className="field-label">{t('Kabupaten/kota tempat ia bekerja', 'Districts they work in')}</legend>
      {districts.map((d) => (
        <label key={d.id} className="check">
          <input type="checkbox" checked={chosen.includes(d.id)} onChange={(e) => onChange(e.target.checked ? [...chosen, d.id] : chosen.filter((id) => id !== d.id))} />
          {d.name}
        </label>
      ))}
    </fieldset>
  );
}

function GrantDistricts({ user, districts, onClose, onSaved }: { user: UserAccount; districts: DistrictSummary[]; onClose: () => void; onSaved: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [chosen, setChosen] = useState<number[]>(user.districtIds ?? []);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await call('users:districts', { userId: user.id, districtIds: chosen });
      toast(t(`Kabupaten/kota ${user.login} disimpan.`, `${user.login}'s districts saved.`));
      onSaved();
    } catch (cause) {
      setError(cause as ApiError);
      setBusy(false);
    }
  };
  return (
    <Modal title={t(`Kabupaten/kota ${user.login}`, `${user.login}'s districts`)} onClose={onClose}>
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        <DistrictChoice districts={districts} chosen={chosen} onChange={setChosen} />
        {chosen.length === 0 ? <p className="muted small">{t('Tanpa kabupaten/kota, pengguna ini bisa masuk tetapi tidak melihat data apa pun.', 'With no district this user can sign in but sees no data.')}</p> : null}
        <SaveCancel busy={busy} onCancel={onClose} saveLabel={t('Simpan', 'Save')} />
      </form>
    </Modal>
  );
}
