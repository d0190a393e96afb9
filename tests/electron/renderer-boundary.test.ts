// The renderer runs in a sandbox without Node: its code may not reach for Node's modules or
// globals (its tsconfig lists Node's types only for a type the contract imports).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = path.resolve(import.meta.dirname, '..', '..', 'renderer', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe('renderer boundary', () => {
  it('uses no Node modules or globals, and no implementation code of the core', () => {
    const offences: string[] = [];
    for (const file of sources(RENDERER)) {
      const text = fs.readFileSync(file, 'utf8');
      const rel = path.relative(RENDERER, file);
      if (/from ['"]node:|require\(|\bprocess\.|\bBuffer\b|__dirname/.test(text)) offences.push(`${rel}: Node API`);
      for (const match of text.matchAll(/^import (?!type )[^;]*from '(\.\.\/)+src\/([^']+)'/gm)) {
        // Runtime imports from the core are limited to pure helpers (dates, formatting, contract constants).
        if (!/^(domain\/(dates|format-id|zones|typed-input|visit-log-rules)|contract\/desktop-shell)$/.test(match[2] ?? '')) offences.push(`${rel}: ${match[2]}`);
      }
    }
    expect(offences).toEqual([]);
  });
});
