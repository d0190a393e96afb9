// Pengaturan: the programme's letterhead, signatory, working day and the scheduler's rule
// weights. Weights sit in a nested object; the form shows them as flat `weights.<rule>` fields.
import { useState } from 'react';
import type { ApiClient } from '../../../../src/contract/index';
import type { Settings } from '../../../../src/domain/settings';
import { PROVINCES } from '../../../../src/domain/zones';
import { ApiError, call, pickFile, saveFile } from '../../api';
import { useI18n } from '../../i18n';
import { useRefData } from '../../ref-data';
import { ErrorBanner, Loading, useToast } from '../../ui/components';
import { useLoad } from '../../ui/hooks';
import { isStale } from '../../ui/stale';
import { EntityForm, type FieldSpec, type FormValues } from './entity-form';
import { useCanWrite } from '../../session';

const WEIGHTS: { key: keyof Settings['weights']; label: [string, string] }[] = [
  { key: 'continuity', label: ['Bobot: dokter adopsi yang sama', 'Weight: the adopted specialist'] },
  { key: 'travel', label: ['Bobot: jarak tempuh', 'Weight: travel'] },
  { key: 'fairness', label: ['Bobot: beban merata', 'Weight: even load'] },
  { key: 'spread', label: ['Bobot: sebaran dalam bulan', 'Weight: spread over the month'] },
  { key: 'stability', label: ['Bobot: jadwal tetap stabil', 'Weight: stability of the plan'] },
  { key: 'preference', label: ['Bobot: hari pilihan dokter', 'Weight: preferred weekdays'] },
];

const FIELDS: FieldSpec[] = [
  { key: 'programmeName', label: ['Nama program', 'Programme name'], kind: 'text', wide: true },
  { key: 'districtName', label: ['Kabupaten/kota', 'District'], kind: 'text' },
  { key: 'city', label: ['Kota (untuk tanda tangan)', 'Town (for the signature)'], kind: 'text' },
  { key: 'officeName', label: ['Nama kantor', 'Office name'], kind: 'text', wide: true },
  { key: 'officeAddress', label: ['Alamat kantor', 'Office address'], kind: 'text', wide: true },
  { key: 'officePhone', label: ['Telepon kantor', 'Office phone'], kind: 'tel' },
  { key: 'officeEmail', label: ['Email kantor', 'Office email'], kind: 'email' },
  { key: 'signatoryTitle', label: ['Jabatan penanda tangan', 'Signatory title'], kind: 'text' },
  { key: 'signatoryName', label: ['Nama penanda tangan', 'Signatory name'], kind: 'text' },
  { key: 'signatoryNip', label: ['NIP penanda tangan', 'Signatory NIP'], kind: 'text' },
  { key: 'coordinatorName', label: ['Nama koordinator', 'Coordinator'], kind: 'text' },
  { key: 'coordinatorPhone', label: ['Telepon koordinator', 'Coordinator phone'], kind: 'tel' },
  { key: 'coordinatorEmail', label: ['Email koordinator', 'Coordinator email'], kind: 'email' },
  // The zone follows the province (each province lies in one zone), so it is not asked twice.
  { key: 'province', label: ['Provinsi (menentukan zona waktu)', 'Province (gives the time zone)'], kind: 'select', options: PROVINCES.map((p) => ({ value: p.name, label: p.name })) },
  { key: 'defaultOpeningHours', label: ['Hari dan jam kerja puskesmas baru', 'Working days and hours of a new puskesmas'], kind: 'hours' },
  { key: 'visitStart', label: ['Jam mulai kunjungan', 'Visit start time'], kind: 'text', hint: ['HH:mm, mis. 09:00', 'HH:mm, e.g. 09:00'] },
  { key: 'visitMinutes', label: ['Lama kunjungan (menit)', 'Visit length (minutes)'], kind: 'number' },
  { key: 'maxTravelKm', label: ['Jarak tempuh maksimal (km)', 'Longest trip (km)'], kind: 'number' },
  { key: 'averageSpeedKmh', label: ['Kecepatan rata-rata (km/jam)', 'Average speed (km/h)'], kind: 'number' },
  {
    key: 'jointVisits',
    label: ['Kunjungan beda spesialisasi', 'Visits of different specialties'],
    kind: 'select',
    options: [
      { value: 'separate', label: ['Hari berbeda', 'Different days'] },
      { value: 'joint', label: ['Hari yang sama', 'Same day'] },
      { value: 'indifferent', label: ['Bebas', 'Either'] },
    ],
  },
  { key: 'solverTimeLimitSeconds', label: ['Batas waktu penjadwal (detik)', 'Scheduler time limit (s)'], kind: 'number' },
  { key: 'allowBackupCover', label: ['Dokter lain boleh menggantikan dalam jangkauan', 'Other specialists may cover within reach'], kind: 'checkbox' },
  { key: 'allowTwoVisitsPerDay', label: ['Boleh dua kunjungan sehari', 'Allow two visits a day'], kind: 'checkbox' },
  { key: 'checkForUpdates', label: ['Aplikasi desktop: periksa versi baru saat online', 'Desktop app: look for a new version when online'], kind: 'checkbox' },
  ...WEIGHTS.map((w): FieldSpec => ({ key: `weights.${w.key}`, label: w.label, kind: 'number' })),
];

type SettingsChanges = NonNullable<Parameters<ApiClient['settings:update']>[0]>['changes'];

const FLAT_KEYS = FIELDS.map((f) => f.key).filter((key) => !key.startsWith('weights.'));

function toForm(settings: Settings): FormValues {
  const values: FormValues = Object.fromEntries(FLAT_KEYS.map((key) => [key, settings[key as keyof Settings]]));
  for (const w of WEIGHTS) values[`weights.${w.key}`] = settings.weights[w.key];
  return values;
}

function toChanges(values: FormValues): Record<string, unknown> {
  const changes: Record<string, unknown> = Object.fromEntries(FLAT_KEYS.map((key) => [key, values[key]]));
  changes.weights = Object.fromEntries(WEIGHTS.map((w) => [w.key, values[`weights.${w.key}`]]));
  return changes;
}

export function SettingsPanel() {
  const { t, zone } = useI18n();
  const canWrite = useCanWrite();
  const toast = useToast();
  const ref = useRefData();
  const loaded = useLoad(() => call('settings:get', {}), []);
  if (loaded.error) return <ErrorBanner error={loaded.error} />;
  if (!loaded.data) return <Loading />;
  return (
    <div className="card" style={{ maxWidth: 980 }}>
      <p className="muted" style={{ marginTop: 0 }}>
        {t('Kop surat, penanda tangan dan nama program tercetak di roster PDF. Bobot mengatur aturan lunak penjadwal.', 'The letterhead, signatory and programme name are printed on the PDF roster. Weights tune the scheduler’s soft rules.')}{' '}
        {t(`Zona waktu: ${zone} (${loaded.data.timeZone}), mengikuti provinsi.`, `Time zone: ${zone} (${loaded.data.timeZone}), from the province.`)}
      </p>
      {canWrite ? (
        <ProgrammeFile onApplied={() => {
          loaded.reload();
          ref.reload();
        }} />
      ) : null}
      <fieldset className="plain-fieldset" disabled={!canWrite}>
      <EntityForm
        key={JSON.stringify(loaded.data)}
        fields={FIELDS}
        initial={toForm(loaded.data)}
        onCancel={loaded.reload}
        onSubmit={async (values) => {
          try {
            await call('settings:update', { version: loaded.data?.version, changes: toChanges(values) as SettingsChanges });
            toast(t('Pengaturan disimpan.', 'Settings saved.'));
            loaded.reload();
            ref.reload();
            return undefined;
          } catch (error) {
            // Changed by someone else meanwhile: ui/stale.tsx says who; the form reloads with theirs.
            if (isStale(error)) return undefined;
            return error as ApiError;
          }
        }}
      />
      </fieldset>
    </div>
  );
}

/** The programme as a file: for another district to start from, or to take one from another district. */
function ProgrammeFile({ onApplied }: { onApplied: () => void }) {
  const { t } = useI18n();
  const toast = useToast();
  const [error, setError] = useState<ApiError>();
  const run = async (work: () => Promise<void>) => {
    setError(undefined);
    try {
      await work();
    } catch (cause) {
      setError(cause as ApiError);
    }
  };
  return (
    <div className="row" style={{ marginBottom: 12 }}>
      <button type="button" onClick={() => run(async () => void (await saveFile(await call('programme:export', {}))))}>
        {t('Ekspor program', 'Export the programme')}
      </button>
      <button
        type="button"
        onClick={() =>
          run(async () => {
            const file = await pickFile(['.json']);
            if (!file) return;
            await call('programme:import', { fileName: file.fileName, base64: file.base64 });
            toast(t('Program diterapkan; kop surat, penanda tangan dan zona waktu tidak berubah.', 'Programme applied; the letterhead, signatory and time zone are unchanged.'));
            onApplied();
          })
        }
      >
        {t('Terapkan program dari kabupaten lain…', 'Apply another district’s programme…')}
      </button>
      <span className="muted small">{t('Berkas program memuat aturan, bobot, jam kerja, spesialisasi dan topik, tanpa kop surat, nama orang atau zona waktu.', 'A programme file holds rules, weights, hours, specialties and topics, never the letterhead, people or time zone.')}</span>
      <ErrorBanner error={error} onClose={() => setError(undefined)} />
    </div>
  );
}
