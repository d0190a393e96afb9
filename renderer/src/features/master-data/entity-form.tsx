// One form for every master-data record: fields are described, not hand-written, and the
// API's field errors land next to the field they name.
import { useRef, useState, type FormEvent } from 'react';
import type { FieldIssue } from '../../../../src/contract/errors';
import type { ApiError } from '../../api';
import { useI18n, type Translate } from '../../i18n';
import { ErrorBanner, Field, SaveCancel } from '../../ui/components';
import { DateInput } from '../../ui/date-input';
import { useFocusFirstError } from '../../ui/hooks';
import { TimeInput } from '../../ui/time-input';

export type FormValues = Record<string, unknown>;

export interface FieldSpec {
  key: string;
  label: [string, string];
  kind: 'text' | 'textarea' | 'number' | 'email' | 'tel' | 'date' | 'color' | 'checkbox' | 'select' | 'weekdays' | 'hours';
  /** For selects: value '' means null when `nullable`. */
  /** A label pair [Indonesian, English] shows in the app's language only. */
  options?: { value: string | number; label: string | [string, string] }[];
  nullable?: boolean;
  wide?: boolean;
  hint?: [string, string];
  required?: boolean;
}

type HoursValue = Partial<Record<string, { open: string; close: string }>>;

/** `changes.openingHours.1.close` → `openingHours`: the field that shows the message. */
export function fieldKeyOf(issue: FieldIssue): string {
  const parts = issue.path.split('.').filter((p) => p !== 'changes');
  return parts[0] ?? '';
}

export function errorsByField(error: ApiError | undefined, lang: 'id' | 'en'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error?.payload.fields ?? []) {
    const text = lang === 'id' ? issue.message : issue.messageEn;
    // Both the field (`openingHours`) and the full path (`weights.travel`) can name an input.
    const fullPath = issue.path.split('.').filter((p) => p !== 'changes').join('.');
    for (const key of new Set([fieldKeyOf(issue), fullPath])) out[key] = out[key] ? `${out[key]}; ${text}` : text;
  }
  return out;
}

function WeekdayPicker({ value, onChange, label, t }: { value: number[]; onChange: (next: number[]) => void; label: string; t: Translate }) {
  const names = t('Sen Sel Rab Kam Jum Sab Min', 'Mon Tue Wed Thu Fri Sat Sun').split(' ');
  return (
    <div className="weekday-picker" role="group" aria-label={label}>
      {names.map((name, index) => {
        const day = index + 1;
        return (
          <label key={day}>
            <input type="checkbox" checked={value.includes(day)} onChange={(e) => onChange(e.target.checked ? [...value, day].sort() : value.filter((d) => d !== day))} />
            {name}
          </label>
        );
      })}
    </div>
  );
}

export function HoursEditor({ value, onChange, t, weekday, zone }: { value: HoursValue; onChange: (next: HoursValue) => void; t: Translate; weekday: (d: number) => string; zone: string }) {
  return (
    <table className="hours-table">
      <caption className="muted small">{t(`Jam dalam ${zone}`, `Times in ${zone}`)}</caption>
      <tbody>
        {[1, 2, 3, 4, 5, 6, 7].map((day) => {
          const hours = value[String(day)];
          const set = (next: { open: string; close: string } | undefined) => {
            const copy = { ...value };
            if (next) copy[String(day)] = next;
            else delete copy[String(day)];
            onChange(copy);
          };
          return (
            <tr key={day}>
              <td>
                <label className="check">
                  <input type="checkbox" checked={hours !== undefined} onChange={(e) => set(e.target.checked ? { open: '07:30', close: '14:00' } : undefined)} />
                  {weekday(day)}
                </label>
              </td>
              <td>
                {hours ? (
                  <span className="row">
                    <TimeInput ariaLabel={`${weekday(day)} ${t('buka', 'opens')}`} value={hours.open} onChange={(open) => set({ ...hours, open })} />
                    –
                    <TimeInput ariaLabel={`${weekday(day)} ${t('tutup', 'closes')}`} value={hours.close} onChange={(close) => set({ ...hours, close })} />
                  </span>
                ) : (
                  <span className="muted">{t('tutup', 'closed')}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function EntityForm({
  fields,
  initial,
  onSubmit,
  onCancel,
}: {
  fields: FieldSpec[];
  initial: FormValues;
  onSubmit: (values: FormValues) => Promise<ApiError | undefined>;
  onCancel: () => void;
}) {
  const { t, lang, weekday, zone } = useI18n();
  const [values, setValues] = useState<FormValues>(initial);
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const fieldErrors = errorsByField(error, lang);
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, error);
  const set = (key: string, value: unknown) => setValues((v) => ({ ...v, [key]: value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const failure = await onSubmit(values);
    setBusy(false);
    setError(failure);
  };

  const input = (spec: FieldSpec) => {
    const label = lang === 'id' ? spec.label[0] : spec.label[1];
    const value = values[spec.key];
    const invalid = fieldErrors[spec.key] !== undefined;
    const common = { name: spec.key, 'aria-invalid': invalid, 'aria-label': label };
    switch (spec.kind) {
      case 'textarea':
        return <textarea {...common} value={String(value ?? '')} onChange={(e) => set(spec.key, e.target.value)} />;
      case 'number':
        return <input {...common} type="number" value={value === null || value === undefined ? '' : String(value)} onChange={(e) => set(spec.key, e.target.value === '' ? null : Number(e.target.value))} />;
      case 'checkbox':
        return <input {...common} type="checkbox" checked={value === true} onChange={(e) => set(spec.key, e.target.checked)} />;
      case 'select':
        return (
          <select {...common} value={value === null || value === undefined ? '' : String(value)} onChange={(e) => {
            const raw = e.target.value;
            const option = spec.options?.find((o) => String(o.value) === raw);
            set(spec.key, raw === '' ? (spec.nullable ? null : '') : (option?.value ?? raw));
          }}>
            {spec.nullable || value === '' || value === undefined ? <option value="">{spec.nullable ? '—' : t('Pilih…', 'Choose…')}</option> : null}
            {spec.options?.map((o) => (
              <option key={o.value} value={o.value}>
                {typeof o.label === 'string' ? o.label : lang === 'id' ? o.label[0] : o.label[1]}
              </option>
            ))}
          </select>
        );
      case 'weekdays':
        return <WeekdayPicker value={(value as number[] | undefined) ?? []} onChange={(next) => set(spec.key, next)} label={label} t={t} />;
      case 'hours':
        return <HoursEditor value={(value as HoursValue | undefined) ?? {}} onChange={(next) => set(spec.key, next)} t={t} weekday={weekday} zone={zone} />;
      case 'date':
        return <DateInput ariaLabel={label} invalid={invalid} value={String(value ?? '')} onChange={(next) => set(spec.key, next)} />;
      default:
        return <input {...common} type={spec.kind} value={String(value ?? '')} onChange={(e) => set(spec.key, e.target.value)} />;
    }
  };

  return (
    <form ref={formRef} onSubmit={submit} noValidate>
      {error && !error.payload.fields?.length ? <ErrorBanner error={error} /> : null}
      <div className="form-grid">
        {fields.map((spec) => (
          <div key={spec.key} className={spec.wide || spec.kind === 'hours' || spec.kind === 'textarea' ? 'span-2' : undefined}>
            {spec.kind === 'checkbox' ? (
              <label className="check">
                {input(spec)}
                {lang === 'id' ? spec.label[0] : spec.label[1]}
              </label>
            ) : (
              <Field label={`${lang === 'id' ? spec.label[0] : spec.label[1]}${spec.required ? ' *' : ''}`} error={fieldErrors[spec.key]} hint={spec.hint ? (lang === 'id' ? spec.hint[0] : spec.hint[1]) : undefined} group={spec.kind === 'weekdays' || spec.kind === 'hours'}>
                {input(spec)}
              </Field>
            )}
          </div>
        ))}
      </div>
      <SaveCancel busy={busy} onCancel={onCancel} saveLabel={t('Simpan', 'Save')} />
    </form>
  );
}
