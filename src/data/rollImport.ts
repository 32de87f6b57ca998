// Owns applying a school-roll import plan (domain/roll.ts) and undoing the last one. Every row
// goes through the outbox like a person added by hand; the undo record (the ids created and
// the previous values of the people updated) is kept in meta in the same transaction, so the
// import and its way back are written together or not at all.
import { liveQuery } from 'dexie';
import type {
  ExistingPerson,
  RollImportResult,
  RollPerson,
  RollPlan,
  RollUndoResult,
} from '@/domain/roll';

export type { RollImportResult, RollUndoResult } from '@/domain/roll';
import type { Participant } from '@/domain/types';
import type { DataContext } from './context';
import { insertRow, patchRow, writeTransaction } from './outbox';
import type { Observable } from './queries';
import { newSyncedRow } from './repos/rows';
import { deleteAndErase } from './tombstones';

/** Meta key of the last import's undo record. */
export const ROLL_UNDO_KEY = 'roll_import_undo';

export interface RollUndoRecord {
  importedAt: string;
  schoolId: string;
  created: string[];
  /** Per updated person, the values the import replaced. */
  updated: { id: string; previous: Partial<RollPerson>; applied: Partial<RollPerson> }[];
}

/** The school's people as the import matches them (archived ones too: they may come back). */
export async function readRollPeople(ctx: DataContext): Promise<ExistingPerson[]> {
  const rows = await ctx.db.participants.where('school_id').equals(ctx.schoolId).toArray();
  return rows.filter((row) => !row.deleted_at);
}

/** A new participant of the roll: in the school, in neither base yet (the roll is everyone). */
function participantOf(ctx: DataContext, person: RollPerson): Participant {
  return {
    ...newSyncedRow(ctx),
    workplace: null,
    interests: null,
    user_id: null,
    is_mentor: false,
    is_mentee: false,
    ...person,
  };
}

/** Applies the plan in one transaction and remembers how to undo it (replacing the last). */
export async function applyRollPlan(
  ctx: DataContext,
  plan: Pick<RollPlan, 'create' | 'update'>,
): Promise<RollImportResult> {
  return writeTransaction(ctx.db, ['participants'], async () => {
    const record: RollUndoRecord = {
      importedAt: new Date().toISOString(),
      schoolId: ctx.schoolId,
      created: [],
      updated: [],
    };
    // Updates first, creations after: undoing in reverse then removes the newest entries
    // first, so a roll never synced leaves no trace in the outbox.
    for (const update of plan.update) {
      const current = await ctx.db.participants.get(update.id);
      if (!current || current.deleted_at) continue;
      const previous: Record<string, unknown> = {};
      for (const key of Object.keys(update.changes)) {
        previous[key] = current[key as keyof Participant] ?? null;
      }
      if (await patchRow(ctx.db, 'participants', update.id, update.changes)) {
        record.updated.push({ id: update.id, previous, applied: update.changes });
      }
    }
    for (const row of plan.create) {
      const participant = participantOf(ctx, row.person);
      await insertRow(ctx.db, 'participants', participant);
      record.created.push(participant.id);
    }
    await ctx.db.meta.put({ key: ROLL_UNDO_KEY, value: record });
    return { created: record.created.length, updated: record.updated.length };
  });
}

export async function readRollUndo(ctx: DataContext): Promise<RollUndoRecord | null> {
  const value = (await ctx.db.meta.get(ROLL_UNDO_KEY))?.value as RollUndoRecord | undefined;
  return value && value.schoolId === ctx.schoolId ? value : null;
}

/** Whether the new person has been used since (a pair, a consent): then undo keeps her. */
async function isInUse(ctx: DataContext, id: string): Promise<boolean> {
  const [members, consents] = await Promise.all([
    ctx.db.pair_members.where('participant_id').equals(id).toArray(),
    ctx.db.consents.where('participant_id').equals(id).toArray(),
  ]);
  return [...members, ...consents].some((row) => !row.deleted_at);
}

/**
 * Undoes the last import: the people it created are deleted (tombstones, as the repos delete),
 * and the people it updated get back the values it replaced — each field only while it still
 * holds what the import wrote (a later hand edit stays).
 */
export async function undoRollImport(ctx: DataContext): Promise<RollUndoResult> {
  return writeTransaction(ctx.db, ['participants', 'pair_members', 'consents'], async () => {
    const record = await readRollUndo(ctx);
    const result: RollUndoResult = { deleted: 0, restored: 0, kept: 0 };
    if (!record) return result;
    for (const id of [...record.created].reverse()) {
      const row = await ctx.db.participants.get(id);
      if (!row || row.deleted_at) continue;
      if (await isInUse(ctx, id)) {
        result.kept++;
        continue;
      }
      await deleteAndErase(ctx.db, 'participants', id);
      result.deleted++;
    }
    for (const { id, previous, applied } of record.updated) {
      const row = await ctx.db.participants.get(id);
      if (!row || row.deleted_at) continue;
      const back: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(previous)) {
        const now = row[key as keyof Participant] ?? null;
        if (JSON.stringify(now) === JSON.stringify(applied[key as keyof RollPerson] ?? null)) {
          back[key] = value;
        }
      }
      if (await patchRow(ctx.db, 'participants', id, back)) result.restored++;
    }
    await ctx.db.meta.delete(ROLL_UNDO_KEY);
    return result;
  });
}

export function observeRollUndo(ctx: DataContext): Observable<RollUndoRecord | null> {
  return liveQuery(() => readRollUndo(ctx));
}

/** The school's students taking part (not archived), for the class invite sheet. */
export function observeStudents(ctx: DataContext): Observable<Participant[]> {
  return liveQuery(async () =>
    (await ctx.db.participants.where('school_id').equals(ctx.schoolId).toArray()).filter(
      (p) => p.kind === 'student' && !p.deleted_at && !p.archived_on,
    ),
  );
}
