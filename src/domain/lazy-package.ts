// Heavy CommonJS packages (exceljs takes about 0.5 s to load, pdfkit 0.3 s) are required on
// first use rather than when a module that may use them is imported, so commands that never
// write a workbook or a PDF (`asuhan status`, `--help`) do not pay for them.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export function lazyPackage<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(name) as T);
}
