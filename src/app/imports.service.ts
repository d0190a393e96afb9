// Handlers for imports. The work lives in src/imports; this decodes files and picks templates.
import type { Handlers } from '../contract/index';
import { exportFile, MIME } from '../exports/export-file';
import { commitImport, previewImport } from '../imports/import';
import { loadReferences } from '../imports/kinds';
import { buildTemplate, shippedTemplate, templateFileName } from '../imports/templates';
import type { AppContext } from './context';

type ImportHandlers = Pick<Handlers, Extract<keyof Handlers, `imports:${string}`>>;

export function importHandlers({ db, now }: AppContext): ImportHandlers {
  return {
    'imports:template': async ({ kind, format, withData }) => {
      const bytes = withData ? await buildTemplate(kind, format, await loadReferences(db.kysely)) : await shippedTemplate(kind, format);
      return exportFile(templateFileName(kind, format, withData), MIME[format], bytes);
    },
    'imports:preview': async ({ kind, fileName, base64, mapping, acceptSuggestions }) => previewImport(db.kysely, { kind, fileName, bytes: Buffer.from(base64, 'base64'), mapping, acceptSuggestions }),
    'imports:commit': async ({ kind, fileName, base64, mapping, onlyValidRows, acceptSuggestions }) => {
      const { preview: _preview, ...result } = await commitImport(db, { kind, fileName, bytes: Buffer.from(base64, 'base64'), mapping, onlyValidRows, acceptSuggestions }, now());
      return result;
    },
  };
}
