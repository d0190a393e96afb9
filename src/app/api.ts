// The dispatcher behind every shell: validates the raw input against the contract, runs the
// handler, and returns either data or an error payload. Nothing is written when input is bad.
import { METHOD_ACCESS, ROLE_LABELS, roleAllows } from '../contract/access';
import { forbidden, toErrorPayload, AsuhanError } from '../contract/errors';
import { contract, METHOD_NAMES, type ApiClient, type ApiResult, type Handlers, type MethodName } from '../contract/index';
import { parseInput } from '../contract/validate';
import { accountHandlers } from './accounts.service';
import { appHandlers } from './app.service';
import { backupsHandlers } from './backups.service';
import { changesHandlers } from './changes.service';
import { LOCAL_CALLER, runAsCaller, type Caller } from './caller';
import type { AppContext } from './context';
import { districtHandlers } from './districts.service';
import { exportHandlers } from './exports.service';
import { importHandlers } from './imports.service';
import { masterDataHandlers } from './master-data.service';
import { plansHandlers } from './plans.service';
import { programmeHandlers } from './programme.service';
import { suggestionsHandlers } from './suggestions.service';
import { visitLogHandlers } from './visit-log.service';

export function createHandlers(ctx: AppContext): Handlers {
  return {
    ...accountHandlers(ctx),
    ...appHandlers(ctx),
    ...backupsHandlers(ctx),
    ...changesHandlers(ctx),
    ...districtHandlers(ctx),
    ...exportHandlers(ctx),
    ...importHandlers(ctx),
    ...masterDataHandlers(ctx),
    ...plansHandlers(ctx),
    ...programmeHandlers(ctx),
    ...suggestionsHandlers(ctx),
    ...visitLogHandlers(ctx),
  } satisfies Handlers;
}

export interface Api {
  /** `caller`: the signed-in user on a shared server; without one, the PC's own coordinator. */
  invoke(method: string, input: unknown, caller?: Caller): Promise<ApiResult<unknown>>;
  /** Typed client for in-process callers (CLI, tests): throws AsuhanError on failure. */
  client: ApiClient;
}

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(contract, name);
}

export function createApi(ctx: AppContext): Api {
  const handlers = createHandlers(ctx);

  async function invoke(method: string, input: unknown, caller: Caller = LOCAL_CALLER): Promise<ApiResult<unknown>> {
    try {
      if (!isMethodName(method)) {
        throw new AsuhanError('UNKNOWN_METHOD', `Perintah API tidak dikenal: ${method.slice(0, 80)}`, `Unknown API method: ${method.slice(0, 80)}`);
      }
      // The role first, before the input is even read: a refused call runs nothing.
      if (!roleAllows(caller.role, method)) throw forbidden(ROLE_LABELS[caller.role].id, ROLE_LABELS[caller.role].en);
      let parsed = parseInput(contract[method].input, input);
      if (caller.role === 'specialist' && METHOD_ACCESS[method].specialist === 'own') {
        // A specialist sees their own visits and feeds only, whatever the input asked for.
        if (caller.specialistId === null) throw forbidden(ROLE_LABELS.specialist.id, ROLE_LABELS.specialist.en);
        parsed = { ...(parsed as object), specialistId: caller.specialistId };
      }
      const handler = handlers[method] as (value: unknown) => Promise<unknown>;
      return { ok: true, data: await runAsCaller(caller, () => handler(parsed)) };
    } catch (error) {
      return { ok: false, error: toErrorPayload(error) };
    }
  }

  const client = Object.fromEntries(
    METHOD_NAMES.map((name) => [
      name,
      async (input?: unknown) => {
        const result = await invoke(name, input);
        if (!result.ok) throw AsuhanError.fromPayload(result.error);
        return result.data;
      },
    ]),
  ) as ApiClient;

  return { invoke, client };
}
