import type { SyncedRow } from '@/domain/types';
import type { DataContext } from '../context';
import { newId, nowIso } from '../ids';

/** The sync columns of a row written on this device; the server re-stamps them. */
export function newSyncedRow(ctx: DataContext): SyncedRow {
  const now = nowIso();
  return {
    id: newId(),
    school_id: ctx.schoolId,
    version: 0,
    deleted_at: null,
    created_at: now,
    updated_at: now,
    created_by: null,
  };
}
