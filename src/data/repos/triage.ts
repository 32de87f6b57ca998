// Write commands for the curator's "not now" on a triage item (triage_snoozes: staff of the
// school read and write; nobody else receives the rows). One live snooze per item key: a new
// snooze of a snoozed item moves its date and reason; "show again" leaves a tombstone.
import { validateSnooze, type SnoozeInput } from '@/domain/triage';
import type { IsoDate, SyncedTable, TriageSnooze } from '@/domain/types';
import { assertValid, cleanText } from '@/domain/validation';
import type { DataContext } from '../context';
import { deleteRow, insertRow, patchRow, writeTransaction } from '../outbox';
import { newSyncedRow } from './rows';

export const TRIAGE_SNOOZES = 'triage_snoozes' as SyncedTable;

const snoozesTable = (ctx: DataContext) => ctx.db.table<TriageSnooze, string>(TRIAGE_SNOOZES);

/** The live snoozes of this key in the context's school. */
async function snoozesOf(ctx: DataContext, itemKey: string): Promise<TriageSnooze[]> {
  return (await snoozesTable(ctx).where('item_key').equals(itemKey).toArray()).filter(
    (s) => s.deleted_at === null && s.school_id === ctx.schoolId,
  );
}

/** Hides a triage item until a day after today, saying why. */
export async function snoozeTriageItem(
  ctx: DataContext,
  input: SnoozeInput,
  today: IsoDate,
): Promise<TriageSnooze> {
  assertValid(validateSnooze(input, today));
  const itemKey = input.itemKey.trim();
  const reason = cleanText(input.reason) ?? '';
  return writeTransaction(ctx.db, [TRIAGE_SNOOZES], async () => {
    const [existing] = await snoozesOf(ctx, itemKey);
    if (existing) {
      await patchRow(ctx.db, TRIAGE_SNOOZES, existing.id, {
        snoozed_until: input.until,
        reason,
      });
      return { ...existing, snoozed_until: input.until, reason };
    }
    const row: TriageSnooze = {
      ...newSyncedRow(ctx),
      item_key: itemKey,
      snoozed_until: input.until,
      reason,
    };
    return insertRow(ctx.db, TRIAGE_SNOOZES, row);
  });
}

/** Shows a snoozed item again: its snoozes become tombstones. Returns how many there were. */
export async function unsnoozeTriageItem(ctx: DataContext, itemKey: string): Promise<number> {
  return writeTransaction(ctx.db, [TRIAGE_SNOOZES], async () => {
    let removed = 0;
    for (const s of await snoozesOf(ctx, itemKey)) {
      if (await deleteRow(ctx.db, TRIAGE_SNOOZES, s.id)) removed += 1;
    }
    return removed;
  });
}
