/** How a generated file crosses the API: the browser downloads it, Electron offers a save dialog. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  base64: string;
}
