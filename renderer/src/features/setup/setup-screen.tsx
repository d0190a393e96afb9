// Pertama kali: a blank database knows no district, so the app opens here before anything else.
// The district's name, office, province (which gives the time zone), signatory and working hours,
// or a start from another district's programme file. Saved through settings:update like the
// settings screen, so the same checks and messages apply.
import { useState, type FormEvent } from 'react';
import type { ApiClient } from '../../../../src/contract/index';
import type { ProgrammeImportResult } from '../../../../src/contract/programme';
import type { Settings } from '../../../../src/domain/settings';
import { PROVINCES, provinceTimeZone, zoneAbbreviation } from '../../../../src/domain/zones';
import { ApiError, call, pickFile } from '../../api';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ErrorBanner, Field, Spinner, useToast } from '../../ui/components';
import { errorsByField, HoursEditor } from '../master-data/entity-form';

type SettingsChanges = NonNullable<Parameters<ApiClient['settings:update']>[0]>['changes'];

const TEXT_FIELDS = ['districtName', 'programmeName', 'officeName', 'officeAddress', 'officePhone', 'officeEmail', 'city', 'signatoryTitle', 'signatoryName', 'signatoryNip'] as const;
type TextKey = (typeof TEXT_FIELDS)[number];

interface Draft extends Pick<Settings, TextKey | 'province' | 'defaultOpeningHours' | 'visitStart'> {}

function draftOf(s: Settings): Draft {
  const { districtName, programmeName, officeName, officeAddress, officePhone, officeEmail, city, signatoryTitle, signatoryName, signatoryNip, province, defaultOpeningHours, visitStart } = s;
  return { districtName, programmeName, officeName, officeAddress, officePhone, officeEmail, city, signatoryTitle, signatoryName, signatoryNip, province, defaultOpeningHours, visitStart };
}

export function SetupScreen() {
  const { t, lang, weekday } = useI18n();
  const ref = useRefData();
  const toast = useToast();
  const [draft, setDraft] = useState<Draft>(() => draftOf(ref.settings));
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState<'save' | 'programme' | null>(null);
  const [programme, setProgramme] = useState<ProgrammeImportResult | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const required = t('wajib diisi', 'is required');
  // A field filled since the last save (by hand or offered from the district's name) is no longer missing.
  const stillEmpty = missing.filter((key) => String(draft[key as keyof Draft] ?? '').trim() === '');
  const errors: Record<string, string> = { ...Object.fromEntries(stillEmpty.map((key) => [key, required])), ...errorsByField(error, lang) };
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setDraft((d) => ({ ...d, [key]: value }));
  };
  const zoneOf = provinceTimeZone(draft.province);
  const zone = zoneOf ? zoneAbbreviation(zoneOf) : '';

  // The office and the signatory usually carry the district's name: offered, never forced.
  const setDistrict = (name: string) => {
    setDraft((d) => {
      const office = (n: string) => (n ? `Dinas Kesehatan ${n}` : '');
      const head = (n: string) => (n ? `Kepala Dinas Kesehatan ${n}` : '');
      return {
        ...d,
        districtName: name,
        officeName: d.officeName === '' || d.officeName === office(d.districtName) ? office(name) : d.officeName,
        signatoryTitle: d.signatoryTitle === '' || d.signatoryTitle === head(d.districtName) ? head(name) : d.signatoryTitle,
      };
    });
  };

  const startFromProgramme = async () => {
    const file = await pickFile(['.json']);
    if (!file) return;
    setBusy('programme');
    setError(undefined);
    try {
      const result = await call('programme:import', { fileName: file.fileName, base64: file.base64 });
      const settings = await call('settings:get', {});
      setDraft((d) => ({ ...d, programmeName: settings.programmeName, defaultOpeningHours: settings.defaultOpeningHours, visitStart: settings.visitStart }));
      setProgramme(result);
      toast(t('Program kabupaten lain diterapkan. Lengkapi data kabupaten Anda di bawah.', 'The other district’s programme is applied. Fill in your district below.'));
    } catch (cause) {
      setError(cause as ApiError);
    } finally {
      setBusy(null);
    }
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy('save');
    setError(undefined);
    try {
      await call('settings:update', { changes: draft satisfies SettingsChanges });
      // Saved so far; the app opens once every required field is filled.
      const stillMissing = (await call('app:info', {})).setup.missing;
      setMissing(stillMissing);
      if (stillMissing.length) {
        setBusy(null);
        return;
      }
      toast(t('Kabupaten disimpan. Selamat bekerja!', 'District saved. Welcome!'));
      ref.reload();
    } catch (cause) {
      setError(cause as ApiError);
      setBusy(null);
    }
  };

  const text = (key: TextKey, label: [string, string], options: { required?: boolean; hint?: [string, string]; type?: string } = {}) => (
    <Field label={`${lang === 'id' ? label[0] : label[1]}${options.required ? ' *' : ''}`} error={errors[key]} hint={options.hint ? (lang === 'id' ? options.hint[0] : options.hint[1]) : undefined}>
      <input
        name={key}
        type={options.type ?? 'text'}
        value={draft[key]}
        aria-invalid={errors[key] !== undefined}
        onChange={(e) => (key === 'districtName' ? setDistrict(e.target.value) : set(key, e.target.value))}
      />
    </Field>
  );

  return (
    <main className="setup" aria-labelledby="setup-title">
      <form className="card setup-card" onSubmit={save} noValidate>
        <div className="brand">
          <img src="./favicon.png" alt="" width={32} height={32} />
          <div>
            <h1 id="setup-title">{t('Selamat datang di Asuhan', 'Welcome to Asuhan')}</h1>
            <p className="muted" style={{ margin: 0 }}>
              {t('Database ini belum mengenal kabupaten/kota mana pun. Isi data kabupaten Anda: kop surat, penanda tangan dan zona waktu dipakai di setiap jadwal.', 'This database knows no district yet. Fill in yours: the letterhead, signatory and time zone go on every roster.')}
            </p>
          </div>
        </div>
        <ErrorBanner error={error} onClose={() => setError(undefined)} />

        <section className="setup-section">
          <h2>{t('Mulai dari program kabupaten lain (pilihan)', 'Start from another district’s programme (optional)')}</h2>
          <p className="muted small">
            {t('Berkas program (.json, dari Pengaturan › Ekspor program di kabupaten lain) membawa aturan, bobot, jam kerja, spesialisasi dan topik; tanpa kop surat, nama orang atau zona waktu.', 'A programme file (.json, from Settings › Export the programme in another district) brings rules, weights, hours, specialties and topics; never the letterhead, people or time zone.')}
          </p>
          <div className="row">
            <button type="button" onClick={startFromProgramme} disabled={busy !== null}>
              {t('Pilih berkas program…', 'Choose a programme file…')}
            </button>
            {busy === 'programme' ? <Spinner /> : null}
            {programme ? (
              <span className="badge badge-ok" role="status">
                {t(`Program diterapkan: ${programme.specialties.created + programme.specialties.updated} spesialisasi, ${programme.topics.created + programme.topics.updated} topik`, `Programme applied: ${programme.specialties.created + programme.specialties.updated} specialties, ${programme.topics.created + programme.topics.updated} topics`)}
              </span>
            ) : null}
          </div>
        </section>

        <section className="setup-section">
          <h2>{t('Kabupaten/kota dan kantor', 'District and office')}</h2>
          <div className="form-grid">
            {text('districtName', ['Nama kabupaten/kota', 'District name'], { required: true, hint: ['contoh: Kabupaten Lembah Kenari', 'e.g. Kabupaten Lembah Kenari'] })}
            <Field label={`${t('Provinsi', 'Province')} *`} error={errors.province ?? errors.timeZone} hint={zoneOf ? t(`Zona waktu: ${zone} (${zoneOf})`, `Time zone: ${zone} (${zoneOf})`) : t('Provinsi menentukan zona waktu', 'The province gives the time zone')}>
              <select name="province" value={draft.province} onChange={(e) => set('province', e.target.value)} aria-invalid={errors.province !== undefined}>
                <option value="">{t('Pilih provinsi…', 'Choose the province…')}</option>
                {PROVINCES.map((p) => (
                  <option key={p.name} value={p.name}>
                    {p.name}
                  </option>
                ))}
              </select>
            </Field>
            {text('programmeName', ['Nama program', 'Programme name'], { required: true, hint: ['dicetak di judul jadwal', 'printed in the roster title'] })}
            {text('officeName', ['Nama kantor (Dinas Kesehatan)', 'Office (health office)'], { required: true })}
            <div className="span-2">{text('officeAddress', ['Alamat kantor', 'Office address'], { required: true })}</div>
            {text('officePhone', ['Telepon kantor', 'Office phone'], { type: 'tel' })}
            {text('officeEmail', ['Email kantor', 'Office email'], { type: 'email' })}
            {text('city', ['Kota pada tanda tangan', 'Town on the signature line'], { required: true, hint: ['"Kenari, 2 Maret 2026"', '"Kenari, 2 Maret 2026"'] })}
          </div>
        </section>

        <section className="setup-section">
          <h2>{t('Penanda tangan jadwal', 'Who signs the roster')}</h2>
          <div className="form-grid">
            {text('signatoryTitle', ['Jabatan', 'Title'], { required: true })}
            {text('signatoryName', ['Nama (dengan gelar)', 'Name (with titles)'], { required: true })}
            {text('signatoryNip', ['NIP', 'NIP (civil service number)'])}
          </div>
        </section>

        <section className="setup-section">
          <h2>{t('Hari dan jam kerja puskesmas', 'Puskesmas working days and hours')}</h2>
          <p className="muted small">{t('Dipakai untuk puskesmas baru; tiap puskesmas bisa diubah sendiri nanti.', 'Used for new puskesmas; each can be changed later.')}</p>
          <Field label={t('Hari dan jam buka', 'Opening days and hours')} error={errors.defaultOpeningHours} group>
            <HoursEditor value={draft.defaultOpeningHours} onChange={(next) => set('defaultOpeningHours', next)} t={t} weekday={weekday} zone={zone || t('zona provinsi (pilih provinsi di atas)', 'the province’s zone (choose it above)')} />
          </Field>
          <div className="form-grid">
            <Field label={t(`Jam mulai kunjungan${zone ? ` (${zone})` : ''}`, `Visit start time${zone ? ` (${zone})` : ''}`)} error={errors.visitStart} hint={t('HH:mm, mis. 09:00', 'HH:mm, e.g. 09:00')}>
              <input name="visitStart" type="text" inputMode="numeric" maxLength={5} value={draft.visitStart} onChange={(e) => set('visitStart', e.target.value)} />
            </Field>
          </div>
        </section>

        <div className="form-actions">
          {stillEmpty.length ? (
            <span className="field-error" role="alert">
              {t(`Masih perlu diisi: ${stillEmpty.length} isian bertanda *`, `Still to fill in: ${stillEmpty.length} fields marked *`)}
            </span>
          ) : null}
          {busy === 'save' ? <Spinner /> : null}
          <button type="submit" className="primary" disabled={busy !== null}>
            {t('Simpan dan mulai', 'Save and start')}
          </button>
        </div>
      </form>
    </main>
  );
}
