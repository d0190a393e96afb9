// The one API contract used by the Electron preload, the web shell and the renderer.
// Each domain declares its methods in its own file; they are merged here.
import type { AnySpec, InputOf, OutputOf, ParsedInputOf } from './define';
import { accountsContract } from './accounts';
import { appContract } from './app';
import { backupsContract } from './backups';
import { changesContract } from './changes';
import { districtsContract } from './districts';
import { exportsContract } from './exports';
import { importsContract } from './imports';
import { masterDataContract } from './master-data';
import { plansContract } from './plans';
import { programmeContract } from './programme';
import { suggestionsContract } from './suggestions';
import { visitLogContract } from './visit-log';

function mergeContracts<T extends Record<string, AnySpec>[]>(...parts: T): UnionToIntersection<T[number]> {
  const merged: Record<string, AnySpec> = {};
  for (const part of parts) {
    for (const [name, spec] of Object.entries(part)) {
      if (name in merged) throw new Error(`API method ${name} is declared twice`);
      merged[name] = spec;
    }
  }
  return merged as UnionToIntersection<T[number]>;
}

type UnionToIntersection<U> = (U extends unknown ? (k: U) => void : never) extends (k: infer I) => void ? I : never;

export const contract = mergeContracts(appContract, masterDataContract, backupsContract, visitLogContract, plansContract, exportsContract, importsContract, programmeContract, suggestionsContract, changesContract, accountsContract, districtsContract);

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export const METHOD_NAMES = Object.keys(contract).sort() as MethodName[];

/** What a caller (renderer, CLI, tests) sees: each method takes its raw input. */
export type ApiClient = {
  [K in MethodName]: (input?: InputOf<Contract[K]>) => Promise<OutputOf<Contract[K]>>;
};

/** What the core implements: each handler gets validated input. */
export type Handlers = {
  [K in MethodName]: (input: ParsedInputOf<Contract[K]>) => Promise<OutputOf<Contract[K]>>;
};

export type ApiResult<T> = { ok: true; data: T } | { ok: false; error: import('./errors').ApiErrorPayload };

export { AsuhanError, type ApiErrorPayload } from './errors';
