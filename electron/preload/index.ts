// Sandboxed preload: exposes exactly one object, window.asuhan, and nothing of Electron itself.
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('asuhan', createBridge(ipcRenderer));
