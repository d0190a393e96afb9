// Validates inputs crossing the API. A failure becomes one AsuhanError carrying every
// field issue in Bahasa Indonesia and English; callers write nothing when this throws.
import { z } from 'zod';
import { AsuhanError, type FieldIssue } from './errors';
import { hiddenCharacterIssues } from './fields';
import { fieldLabel, withLanguage, type Language } from './i18n';

const localeErrors: Record<Language, z.core.$ZodErrorMap> = {
  id: z.locales.id().localeError as z.core.$ZodErrorMap,
  en: z.locales.en().localeError as z.core.$ZodErrorMap,
};

function issuesIn(schema: z.ZodType, input: unknown, language: Language) {
  return withLanguage(language, () => {
    const result = schema.safeParse(input, { error: localeErrors[language] });
    return result.success ? [] : result.error.issues;
  });
}

function describe(path: ReadonlyArray<PropertyKey>, message: string, language: Language): string {
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
