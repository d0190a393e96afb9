// Validates inputs crossing the API. A failure becomes one AsuhanError carrying every
// field issue in Bahasa Indonesia and English; callers write nothing when this throws.
import { z } from 'zod';
import { AsuhanError, type FieldIssue } from './errors';
import { hiddenCharacterIssues, isEmpty } from './fields';
import { fieldLabel, withLanguage, type Language } from './i18n';

// zod's own words ("Input tidak valid: diharapkan string, diterima undefined") become plain ones:
// a field left empty is "wajib diisi", whatever type it expects.
function friendly(language: Language, locale: z.core.$ZodErrorMap): z.core.$ZodErrorMap {
  return (issue) => {
    if ((issue.code === 'invalid_type' || issue.code === 'invalid_value') && isEmpty(issue.input)) return language === 'id' ? 'wajib diisi' : 'is required';
    return locale(issue);
  };
}

const localeErrors: Record<Language, z.core.$ZodErrorMap> = {
  id: friendly('id', z.locales.id().localeError as z.core.$ZodErrorMap),
  en: friendly('en', z.locales.en().localeError as z.core.$ZodErrorMap),
};

function issuesIn(schema: z.ZodType, input: unknown, language: Language) {
  return withLanguage(language, () => {
    const result = schema.safeParse(input, { error: localeErrors[language] });
    return result.success ? [] : result.error.issues;
  });
}

const WEEKDAYS: Record<Language, string[]> = {
  id: ['Senin', 'Selasa', 'Rabu', 'Kamis', 'Jumat', 'Sabtu', 'Minggu'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** "Jam buka: jam tutup harus setelah jam buka (Jumat)": opening hours are keyed by ISO weekday "1".."7". */
function describe(path: ReadonlyArray<PropertyKey>, message: string, language: Language): string {
  const hoursAt = path.findIndex((part) => typeof part === 'string' && /openingHours$|OpeningHours$/.test(part));
  const weekday = hoursAt >= 0 ? WEEKDAYS[language][Number(path[hoursAt + 1]) - 1] : undefined;
  if (weekday) {
    const leaf = path[hoursAt + 2];
    const label = leaf === 'open' ? (language === 'id' ? 'Jam buka' : 'Opening time') : leaf === 'close' ? (language === 'id' ? 'Jam tutup' : 'Closing time') : fieldLabel(path.slice(0, hoursAt + 1), language);
    return `${label}: ${message} (${weekday})`;
  }
  const label = fieldLabel(path, language);
  return label ? `${label}: ${message}` : message;
}

function hiddenCharacterFields(input: unknown): FieldIssue[] {
  return hiddenCharacterIssues(input).map(({ path, problem }) => ({
    path: path.map(String).join('.'),
    message: describe(path, withLanguage('id', problem.error), 'id'),
    messageEn: describe(path, withLanguage('en', problem.error), 'en'),
  }));
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const hidden = hiddenCharacterFields(input);
  if (hidden.length > 0) throw invalid(hidden);
  const result = schema.safeParse(input, { error: localeErrors.id });
  if (result.success) return result.data;
  const idIssues = issuesIn(schema, input, 'id');
  const enIssues = issuesIn(schema, input, 'en');
  throw invalid(
    idIssues.map((issue, index) => ({
      path: issue.path.map(String).join('.'),
      message: describe(issue.path, issue.message, 'id'),
      messageEn: describe(issue.path, enIssues[index]?.message ?? issue.message, 'en'),
    })),
  );
}

function invalid(fields: FieldIssue[]): AsuhanError {
  const first = fields[0];
  const more = fields.length > 1 ? fields.length - 1 : 0;
  return new AsuhanError(
    'VALIDATION',
    `Data tidak valid. ${first?.message ?? ''}${more ? ` (dan ${more} kesalahan lain)` : ''}`.trim(),
    `Invalid input. ${first?.messageEn ?? ''}${more ? ` (and ${more} more)` : ''}`.trim(),
    fields,
  );
}
