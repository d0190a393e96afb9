// What the Electron preload offers beside the API methods: native file dialogs and printing.
// Types only, so the renderer, the preload and the main process agree on one shape.

/** A file crossing the API (exports) or coming from the user (imports). */
export interface TransferFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

/** What the desktop app knows about newer releases (electron-updater, GitHub releases). */
export type UpdateStatus =
  | { state: 'idle' }
  /** development: not an installed build; disabled: switched off in the settings; offline: no network. */
  | { state: 'unavailable'; reason: 'development' | 'disabled' | 'offline' }
  | { state: 'checking' }
  | { state: 'up-to-date'; current: string }
  | { state: 'available'; current: string; version: string }
  | { state: 'downloading'; current: string; version: string; percent: number }
  /** The backup is made and the installer starts as the app quits. */
  | { state: 'installing'; current: string; version: string; backupFile: string }
  | { state: 'error'; message: string; messageEn: string };

export interface DesktopShell {
  /** Shows a save dialog; resolves with the chosen path, or null when cancelled. */
  'shell:save-file': (file: TransferFile) => Promise<string | null>;
  /** Asks for a folder once and writes every file into it; resolves with the folder, or null when cancelled. */
  'shell:save-files': (files: TransferFile[]) => Promise<string | null>;
  /** Shows an open dialog for one file; resolves with its content, or null when cancelled. */
  'shell:open-file': (filters: { name: string; extensions: string[] }[]) => Promise<TransferFile | null>;
  /** Prints the current window with the system's print dialog. */
  'shell:print': () => Promise<boolean>;
  /** What is known about updates, without asking the network. */
  'shell:update-status': () => Promise<UpdateStatus>;
  /** Asks GitHub for a newer release, when allowed (installed build, switched on, online). */
  'shell:update-check': () => Promise<UpdateStatus>;
  /** Downloads the newer release, backs the database up, and restarts into the installer. */
  'shell:update-install': () => Promise<UpdateStatus>;
}

/**
 * contextBridge keeps only an Error's message, so the preload carries the API error payload
 * in the message after this marker and the renderer decodes it.
 */
export const BRIDGE_ERROR_MARKER = 'ASUHAN_API_ERROR:';
