// The renderer's one way to the core: the Electron preload (window.asuhan) when present,
// otherwise the web shell over HTTP (POST /api/<method>). Both behave the same to callers.
import type { ApiClient, ApiResult, MethodName } from '../../src/contract/index';
import type { DesktopShell, TransferFile } from '../../src/contract/desktop-shell';
import { ApiError, asApiError } from './api-error';

export { ApiError } from './api-error';

declare global {
  interface Window {
    asuhan?: ApiClient & DesktopShell;
  }
}

/** Fired when the web shell answers 401: not signed in (any more). */
export const SIGNED_OUT_EVENT = 'asuhan:signed-out';

/** The district this window works in, on a server with several (remembered per browser). */
const DISTRICT_KEY = 'asuhan-district';

export function chosenDistrict(): number | null {
  try {
    const value = Number(window.localStorage.getItem(DISTRICT_KEY));
    return Number.isInteger(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

/** Remembers the district and reloads the app in it, on `screen` when given (else the same screen). */
export function chooseDistrict(id: number | null, screen?: string): void {
  try {
    if (id === null) window.localStorage.removeItem(DISTRICT_KEY);
    else window.localStorage.setItem(DISTRICT_KEY, String(id));
  } catch {
    // Storage refused (private mode): the server's first district for this user stays.
  }
  if (screen) window.location.hash = `#/${screen}`;
  window.location.reload();
}

async function callHttp(method: string, input: unknown): Promise<unknown> {
  let response: Response;
  const district = chosenDistrict();
  try {
    response = await fetch(`./api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(district !== null ? { 'X-Asuhan-District': String(district) } : {}) },
      body: JSON.stringify(input ?? {}),
    });
  } catch (error) {
    throw asApiError(error);
  }
  let result: ApiResult<unknown>;
  try {
    result = (await response.json()) as ApiResult<unknown>;
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: `Jawaban server tidak terbaca (HTTP ${response.status}).`, messageEn: `Unreadable server answer (HTTP ${response.status}).` });
  }
  // A shared server's session ended: the sign-in screen comes back (session.tsx).
  if (!result.ok && response.status === 401) window.dispatchEvent(new Event(SIGNED_OUT_EVENT));
  if (!result.ok) throw new ApiError(result.error);
  return result.data;
}

/**
 * Fired when an edit was refused because someone changed the record since this screen read it
 * (CONFLICT, stale): one listener says so (ui/stale.tsx), and every loaded view reloads (useLoad).
 */
export const STALE_EVENT = 'asuhan:stale';

/** Calls one API method by name; throws ApiError with the bilingual payload on failure. */
export async function call<K extends MethodName>(method: K, input?: Parameters<ApiClient[K]>[0]): Promise<Awaited<ReturnType<ApiClient[K]>>> {
  try {
    return await callOnce(method, input);
  } catch (error) {
    // After the caller's own handling (promise callbacks run first), so it can mark the error shown in place.
    if (error instanceof ApiError && error.payload.stale) setTimeout(() => window.dispatchEvent(new CustomEvent(STALE_EVENT, { detail: error })), 0);
    throw error;
  }
}

async function callOnce<K extends MethodName>(method: K, input?: Parameters<ApiClient[K]>[0]): Promise<Awaited<ReturnType<ApiClient[K]>>> {
  const desktop = window.asuhan;
  if (desktop) {
    try {
      const fn = desktop[method] as (value: unknown) => Promise<unknown>;
      return (await fn(input)) as Awaited<ReturnType<ApiClient[K]>>;
    } catch (error) {
      throw asApiError(error);
    }
  }
  return (await callHttp(method, input)) as Awaited<ReturnType<ApiClient[K]>>;
}

export const isDesktop = (): boolean => window.asuhan !== undefined;

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function blobOf(file: TransferFile): Blob {
  return new Blob([bytesOf(file.base64)], { type: file.mimeType });
}

/** Save dialog in Electron, a download in the browser. Resolves false when cancelled. */
export async function saveFile(file: TransferFile): Promise<boolean> {
  const desktop = window.asuhan;
  if (desktop) return (await desktop['shell:save-file'](file)) !== null;
  const url = URL.createObjectURL(blobOf(file));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return true;
}

/** Several files: one folder dialog in Electron, one download each in the browser. Resolves with how many were saved. */
export async function saveFiles(files: TransferFile[]): Promise<number> {
  const desktop = window.asuhan;
  if (desktop && files.length > 1) return (await desktop['shell:save-files'](files)) === null ? 0 : files.length;
  let saved = 0;
  for (const file of files) if (await saveFile(file)) saved++;
  return saved;
}

/** Open dialog in Electron, a file picker in the browser. */
export async function pickFile(accept: string[]): Promise<TransferFile | null> {
  const desktop = window.asuhan;
  if (desktop) return desktop['shell:open-file']([{ name: accept.join(', '), extensions: accept.map((ext) => ext.replace(/^\./, '')) }]);
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = accept.join(',');
    input.onchange = async () => {
      const chosen = input.files?.[0];
      if (!chosen) return resolve(null);
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      let binary = '';
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      resolve({ fileName: chosen.name, mimeType: chosen.type || 'application/octet-stream', base64: btoa(binary) });
    };
    input.click();
  });
}

/** Native print dialog in Electron, the browser's print otherwise. */
export async function printPage(): Promise<void> {
  const desktop = window.asuhan;
  if (desktop) await desktop['shell:print']();
  else window.print();
}
