// How a generated file crosses the API: the browser downloads it, Electron offers a save
// dialog, the CLI writes it into a folder.
import path from 'node:path';
import { checkOutputFolder, writeFileSafely } from '../files/guard';

import type { ExportFile } from '../contract/files';

export type { ExportFile };

export const MIME = {
  ics: 'text/calendar; charset=utf-8',
  pdf: 'application/pdf',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
  text: 'text/plain; charset=utf-8',
} as const;

export function exportFile(fileName: string, mimeType: string, content: Buffer | Uint8Array | string): ExportFile {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content);
  return { fileName, mimeType, base64: bytes.toString('base64') };
}

export function fileBytes(file: ExportFile): Buffer {
  return Buffer.from(file.base64, 'base64');
}

/** Writes files into `dir` (created when missing), each whole or not at all; returns the paths written. */
export function writeExportFiles(dir: string, files: ExportFile[]): string[] {
  checkOutputFolder(dir);
  return files.map((file) => {
    // File names are made by the exporters, but never trust a name with a path in it.
    const target = path.join(dir, path.basename(file.fileName));
    writeFileSafely(target, fileBytes(file));
    return target;
  });
}
