// The one Content-Security-Policy for the screens, in Electron and in the web shell: everything
// from the app itself, scripts never inline; styles may be (React style attributes and
// FullCalendar's injected sheet).
export const CONTENT_SECURITY_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
] as const;
