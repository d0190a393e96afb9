// A time field that takes 9, 9.00, 09:00 or 7.30 and shows it back as the app writes times
// ("09.00" in Indonesian). The API reads the same forms (parseTime), so nothing typed is lost.
import { parseTime } from '../../../src/domain/typed-input';
import { useI18n } from '../i18n';

export function TimeInput({ value, onChange, invalid, ariaLabel }: { value: string; onChange: (value: string) => void; invalid?: boolean; ariaLabel?: string }) {
  const { lang } = useI18n();
  return (
    <input
      type="text"
      inputMode="decimal"
      maxLength={5}
      placeholder={lang === 'id' ? '09.00' : '09:00'}
      aria-label={ariaLabel}
      aria-invalid={invalid ? true : undefined}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => {
        const time = parseTime(value);
        if (time) onChange(lang === 'id' ? time.replace(':', '.') : time);
      }}
    />
  );
}
