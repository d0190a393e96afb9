// Writes on single visits from the calendar. Each returns the API error instead of throwing,
// so the calendar can revert a drag and show the reason.
import type { VisitView } from '../../../../src/domain/types';
import { ApiError, call } from '../../api';

export type ActionResult = { ok: true } | { ok: false; error: ApiError };

async function attempt(run: () => Promise<unknown>): Promise<ActionResult> {
  try {
    await run();
    return { ok: true };
  } catch (error) {
    return { ok: false, error: error instanceof ApiError ? error : new ApiError({ code: 'INTERNAL', message: String(error), messageEn: String(error) }) };
  }
}

/** The hard rules are checked by the core; a refusal comes back as code RULE with the reason. */
// Each names the version of the visit the screen shows: if someone changed it since, the core
// refuses with a stale CONFLICT (said once by ui/stale.tsx) instead of overwriting their change.
export const moveVisit = (visit: VisitView, date: string) => attempt(() => call('visits:move', { id: visit.id, version: visit.version, date }));

/** "Terapkan" on a cover suggestion: another day, start time or specialist, checked as a drag is. */
export const reassignVisit = (visit: VisitView, to: { date: string; startTime: string; specialistId: number }) =>
  attempt(() => call('visits:move', { id: visit.id, version: visit.version, date: to.date, startTime: to.startTime, specialistId: to.specialistId }));

/** A new visit by hand (a cover suggestion for an uncovered requirement), checked as any manual add. */
export const createVisit = (visit: { specialistId: number; puskesmasId: number; date: string; startTime: string }) => attempt(() => call('visits:create', visit));

export const pinVisit = (visit: VisitView, pinned: boolean) => attempt(() => call('visits:pin', { id: visit.id, version: visit.version, pinned }));

export const deleteVisit = (visit: VisitView) => attempt(() => call('visits:delete', { id: visit.id, version: visit.version }));
