// Preload (`node --import`) that appends every package a process loads to the file named by
// ASUHAN_RECORD_PACKAGES, one name a line: CommonJS through Module._load, ESM through a
// resolve hook. Tells which heavy packages a CLI command really pulls in.
import fs from 'node:fs';
import { createRequire, register } from 'node:module';

const file = process.env.ASUHAN_RECORD_PACKAGES;
if (file) {
  const Module = createRequire(import.meta.url)('node:module');
  const load = Module._load;
  Module._load = function recordingLoad(request, ...rest) {
    if (!request.startsWith('.') && !request.startsWith('/') && !request.startsWith('node:')) fs.appendFileSync(file, `${request}\n`);
    return load.call(this, request, ...rest);
  };
  register(new URL('./record-packages-hooks.mjs', import.meta.url));
}
