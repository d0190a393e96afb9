// node:util parseArgs explains bad options in English only ("Option '--visit <value>' argument is
// ambiguous..."); these are its cases in the coordinator's words, in both languages.

export function describeParseError(error: unknown): { id: string; en: string } {
  const text = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string } | null)?.code ?? '';
  const option = /'(--?[^' <]+)/.exec(text)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return { id: `opsi tidak dikenal ${option}`, en: `unknown option ${option}` };
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    const argument = /argument '([^']*)'/.exec(text)?.[1] ?? '';
    return { id: `argumen tidak diharapkan "${argument}"`, en: `unexpected argument "${argument}"` };
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/ambiguous/.test(text)) {
      return { id: `${option} perlu nilai; nilai yang diawali tanda minus ditulis ${option}=-1`, en: `${option} needs a value; a value starting with a minus is written ${option}=-1` };
    }
    if (/missing/.test(text)) return { id: `${option} perlu nilai`, en: `${option} needs a value` };
    if (/does not take an argument/.test(text)) return { id: `${option} tidak menerima nilai`, en: `${option} takes no value` };
    return { id: `nilai ${option} tidak valid`, en: `invalid value for ${option}` };
  }
  const first = text.split('\n')[0] ?? text;
  return { id: first, en: first };
}
