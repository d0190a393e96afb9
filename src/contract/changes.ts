// Undo while the app is open: the audit log keeps every change's previous state, so a move, a
// cancellation, a pin or a deactivation can be taken back, unless the record changed since.
import { z } from 'zod';
import { command, query } from './define';
import { id } from './fields';

export type ChangeKind = 'move' | 'cancel' | 'pin' | 'unpin' | 'deactivate';

export interface UndoableChange {
  /** The audit entry that recorded the change. */
  auditId: number;
  at: string;
  kind: ChangeKind;
  entity: string;
  entityId: number;
  /** "Kunjungan dr. X ke Puskesmas Y dipindah dari Selasa, 3 Maret 2026 ke Rabu, 4 Maret 2026" */
  description: string;
  descriptionEn: string;
  /** Already taken back. */
  undone: boolean;
}

export const changesContract = {
  /** The latest moves, cancellations, pins and deactivations, newest first. */
  'changes:list': query<UndoableChange[]>()(
    z
      .object({
        limit: z.number().int().min(1).max(200).default(30),
        /** Only changes recorded at or after this instant (ISO), e.g. since the app opened. */
        since: z.string().datetime({ offset: true }).optional(),
      })
      .default({ limit: 30 }),
  ),
  /** Restores the state before the change; CONFLICT when the record changed since, or it was already undone. */
  'changes:undo': command<UndoableChange>()(z.object({ auditId: id })),
};
