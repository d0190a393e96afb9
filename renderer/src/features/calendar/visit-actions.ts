// Writes on single visits from the calendar. Each returns the API error instead of throwing,
// so the calendar can revert a drag and show the reason.
import type { VisitView } from '../../../../src/domain/types';
import { ApiError } from '../../api';

export type ActionResult = { ok: true } | { ok: false; error: ApiError };

const notYet = (): ActionResult => ({
  ok: false,
  error: new ApiError({ code: 'UNKNOWN_METHOD', message: 'Memindah kunjungan belum tersedia di versi ini.', messageEn: 'Moving visits is not available in this version yet.' }),
});

export async function moveVisit(_visit: VisitView, _date: string): Promise<ActionResult> {
  return notYet();
}
