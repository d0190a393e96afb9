// A date field in Indonesian order: typed as 2/3/2026, 02-03-2026 or "2 Maret 2026", or picked
// on a calendar in the app's language; the value stays YYYY-MM-DD. The browser's own date input
// would show 03/02/2026 in US order inside an Indonesian screen.
import { useEffect, useId, useRef, useState } from 'react';
import { DayPicker } from 'react-day-picker';
import { enGB, id as idLocale } from 'react-day-picker/locale';
import 'react-day-picker/style.css';
import { parseDate } from '../../../src/domain/typed-input';
import { useI18n } from '../i18n';

/** "2026-03-02" → "02/03/2026" */
export function dayMonthYear(date: string): string {
  const [y, m, d] = date.split('-');
  return y && m && d ? `${d}/${m}/${y}` : '';
}

function localNoon(date: string): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d, 12);
}

function isoOf(value: Date): string {
  return `${value.getFullYear()}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
}

interface DateInputProps {
  value: string;
  onChange: (date: string) => void;
  /** Given, the field labels itself; without, the caller's <Field> labels it. */
  label?: string;
  ariaLabel?: string;
  min?: string;
  max?: string;
  invalid?: boolean;
  id?: string;
}

export function DateInput({ value, onChange, label, ariaLabel, min, max, invalid, id }: DateInputProps) {
  const { t, lang, longDate } = useI18n();
  const [text, setText] = useState(dayMonthYear(value));
  const [unreadable, setUnreadable] = useState(false);
  const [open, setOpen] = useState(false);
  const wrapRef = useRef<HTMLSpanElement>(null);
  const ownId = useId();
  const inputId = id ?? ownId;
  const hintId = `${inputId}-hint`;

  useEffect(() => {
    setText(dayMonthYear(value));
    setUnreadable(false);
  }, [value]);

  useEffect(() => {
    if (!open) return;
    const onDown = (event: MouseEvent) => {
      if (!wrapRef.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    return () => document.removeEventListener('mousedown', onDown);
  }, [open]);

  const commit = () => {
    if (text.trim() === '') {
      setUnreadable(false);
      if (value !== '') onChange('');
      return;
    }
    const parsed = parseDate(text);
    setUnreadable(parsed === null);
    if (parsed) {
      setText(dayMonthYear(parsed));
      if (parsed !== value) onChange(parsed);
    }
  };

  const field = (
    <span className="date-input" ref={wrapRef}>
      <input
        id={inputId}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={t('hh/bb/tttt', 'dd/mm/yyyy')}
        value={text}
        aria-label={label ? undefined : ariaLabel}
        aria-invalid={invalid || unreadable ? true : undefined}
        aria-describedby={hintId}
        onChange={(e) => {
          setText(e.target.value);
          // A complete date counts at once, so a button next to the field sees it without a blur.
          const parsed = /\d{4}\s*$/.test(e.target.value) ? parseDate(e.target.value) : null;
          if (parsed && parsed !== value) onChange(parsed);
        }}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'ArrowDown' && e.altKey) setOpen(true);
        }}
      />
      <button type="button" className="icon-button date-input-open" aria-label={t('Pilih tanggal di kalender', 'Pick the date on a calendar')} aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="2">
          <rect x="3" y="5" width="18" height="16" rx="2" />
          <path d="M3 10h18M8 3v4M16 3v4" />
        </svg>
      </button>
      <span id={hintId} className={unreadable ? 'field-error' : 'field-hint'}>
        {unreadable ? t('Tanggal tidak dikenali; tulis mis. 2/3/2026 atau 2 Maret 2026.', 'Not a date; write e.g. 2/3/2026 or 2 March 2026.') : value ? longDate(value) : ''}
      </span>
      {open ? (
        <div
          className="date-popover"
          role="dialog"
          aria-label={t('Kalender', 'Calendar')}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setOpen(false);
              document.getElementById(inputId)?.focus();
            }
          }}
        >
          <DayPicker
            mode="single"
            locale={lang === 'id' ? idLocale : enGB}
            weekStartsOn={1}
            autoFocus
            captionLayout="dropdown"
            startMonth={new Date(2020, 0)}
            endMonth={new Date(new Date().getFullYear() + 3, 11)}
            selected={value ? localNoon(value) : undefined}
            defaultMonth={value ? localNoon(value) : max ? localNoon(max) : undefined}
            disabled={[...(min ? [{ before: localNoon(min) }] : []), ...(max ? [{ after: localNoon(max) }] : [])]}
            onSelect={(picked) => {
              if (!picked) return;
              onChange(isoOf(picked));
              setOpen(false);
              document.getElementById(inputId)?.focus();
            }}
          />
        </div>
      ) : null}
    </span>
  );
  if (!label) return field;
  return (
    <label className="field inline" htmlFor={inputId}>
      <span className="field-label">{label}</span>
      {field}
    </label>
  );
}
