// What the Electron preload offers beside the API methods: native file dialogs and printing.
// Types only, so the renderer, the preload and the main process agree on one shape.

/** A file crossing the API (exports) or coming from the user (imports). */
export interface TransferFile {
  fileName: string;
  mimeType: string;
  base64: string;
}

export interface DesktopShell {
  /** Shows a save dialog; resolves with the chosen path, or null when cancelled. */
  'shell:save-file': (file: TransferFile) => Promise<string | null>;
  /** Asks for a folder once and writes every file into it; resolves with the folder, or null when cancelled. */
  'shell:save-files': (files: TransferFile[]) => Promise<string | null>;
  /** Shows an open dialog for one file; resolves with its content, or null when cancelled. */
  'shell:open-file': (filters: { name: string; extensions: string[] }[]) => Promise<TransferFile | null>;
  /** Prints the current window with the system's print dialog. */
  'shell:print': () => Promise<boolean>;
}

/**
 * contextBridge keeps only an Error's message, so the preload carries the API error payload
 * in the message after this marker and the renderer decodes it.
 */
export const BRIDGE_ERROR_MARKER = 'ASUHAN_API_ERROR:';
