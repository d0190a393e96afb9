// The error every API call throws in the renderer, and how it is recovered from the Electron
// bridge (which keeps only an Error's message). No DOM here, so Node tests can use it too.
import type { ApiErrorPayload } from '../../src/contract/errors';
import { BRIDGE_ERROR_MARKER } from '../../src/contract/desktop-shell';

export class ApiError extends Error {
  readonly payload: ApiErrorPayload;
  /** Set by a screen that shows this error itself (e.g. inside a dialog, where a toast would sit underneath). */
  shownInPlace = false;
  constructor(payload: ApiErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.payload = payload;
  }
}

export function asApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const text = error instanceof Error ? error.message : String(error);
  const at = text.indexOf(BRIDGE_ERROR_MARKER);
  if (at >= 0) {
    try {
      return new ApiError(JSON.parse(text.slice(at + BRIDGE_ERROR_MARKER.length)) as ApiErrorPayload);
    } catch {
      // not a payload after all: fall through to a generic error
    }
  }
  return new ApiError({ code: 'INTERNAL', message: `Gagal menghubungi aplikasi: ${text}`, messageEn: `Could not reach the app: ${text}` });
}
