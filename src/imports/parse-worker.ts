// The spreadsheet-parsing thread: answers one { fileName, bytes } with { ok, sheet | error }.
// Started per big file (see parse-off-thread.ts) with its own memory limit, then ended.
import { parentPort } from 'node:worker_threads';
import { AsuhanError } from '../contract/errors';
import { parseTableFile } from './read-file';

parentPort?.once('message', (request: { fileName: string; bytes: Uint8Array }) => {
  parseTableFile(request.fileName, Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength)).then(
    (sheet) => parentPort?.postMessage({ ok: true, sheet }),
    (error: unknown) =>
      parentPort?.postMessage(
        error instanceof AsuhanError
          ? { ok: false, code: error.code, message: error.messageId, messageEn: error.messageEn }
          : { ok: false, code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) },
      ),
  );
});
