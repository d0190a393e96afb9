// Stand-ins for the few Electron objects the main process touches: they record what the app
// asks of them and let a test fire the events Electron would.
import type { BrowserWindowConstructorOptions, IpcMainInvokeEvent } from 'electron';

type Listener = (...args: unknown[]) => unknown;

export class FakeEmitter {
  readonly listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener);
  }
  emit(event: string, ...args: unknown[]): unknown[] {
    return (this.listeners.get(event) ?? []).map((listener) => listener(...args));
  }
}

export class FakeWebContents extends FakeEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  printed = 0;
  /** The page shown (set by the window's loadFile/loadURL). */
  url = '';
  getURL(): string {
    return this.url;
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  print(_options: unknown, callback: (success: boolean) => void): void {
    this.printed++;
    callback(true);
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static created: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loadedFile: string | null = null;
  loadedUrl: string | null = null;
  title: string;
  minimized = false;
  focused = 0;
  restored = 0;
  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    this.title = options.title ?? '';
    FakeBrowserWindow.created.push(this);
  }
  loadFile(file: string): Promise<void> {
    this.loadedFile = file;
    this.webContents.url = `file://${file}`;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.url = url;
    return Promise.resolve();
  }
  setTitle(title: string): void {
    this.title = title;
  }
  isDestroyed(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.restored++;
    this.minimized = false;
  }
  focus(): void {
    this.focused++;
  }
  show(): void {}
}

export type InvokeHandler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  /** Calls a channel as a page would: `frameUrl` and `senderId` say who is asking. */
  invoke(channel: string, sender: { frameUrl: string; senderId: number; subframe?: boolean }, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    const frame = { url: sender.frameUrl, parent: sender.subframe ? {} : null };
    return handler({ senderFrame: frame, sender: { id: sender.senderId } } as unknown as IpcMainInvokeEvent, ...args);
  }
}

export class FakeSession {
  permissionRequest: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  headersListener: ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders?: Record<string, string[]> }) => void) => void) | null = null;
  requestListener: ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void) | null = null;
  setPermissionRequestHandler(handler: FakeSession['permissionRequest']): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheck']): void {
    this.permissionCheck = handler;
  }
  readonly webRequest = {
    onHeadersReceived: (listener: FakeSession['headersListener']) => {
      this.headersListener = listener;
    },
    onBeforeRequest: (listener: FakeSession['requestListener']) => {
      this.requestListener = listener;
    },
  };
}

export class FakeApp extends FakeEmitter {
  quits = 0;
  locksRequested = 0;
  relaunchedWith: { args?: string[] } | null = null;
  exitCode: number | null = null;
  isPackaged = false;
  readonly setPaths = new Map<string, string>();
  constructor(
    readonly userData: string,
    readonly gotLock = true,
  ) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    this.locksRequested++;
    return this.gotLock;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  getPath(name: string): string {
    return this.setPaths.get(name) ?? (name === 'userData' ? this.userData : `${this.userData}/${name}`);
  }
  setPath(name: string, value: string): void {
    this.setPaths.set(name, value);
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  quit(): void {
    this.quits++;
  }
  relaunch(options: { args?: string[] } = {}): void {
    this.relaunchedWith = options;
  }
  setAppUserModelId(): void {}
}
