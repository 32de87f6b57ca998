// Write command for intake questionnaires (domain/intake.ts): the person's own on her phone
// (fillIntake) or the staff's entry from paper (enterIntake) — one command, one row per person
// and role. Saving validates the whole answer, then inserts the row or patches the live one,
// in one transaction with its outbox entry (the server's intakes_one_per_role keeps one).
import {
  cleanIntake,
  currentIntake,
  validateIntake,
  type IntakeInput,
  type IntakeRole,
} from '@/domain/intake';
import type { Intake, Participant } from '@/domain/types';
import { assertValid } from '@/domain/validation';
import type { DataContext } from '../context';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import { newSyncedRow } from './rows';

/** The live intake of a person in a role on this device, or null. */
export async function readIntake(
  ctx: DataContext,
  participantId: string,
  role: IntakeRole,
): Promise<Intake | null> {
  const rows = await ctx.db.intakes.where('participant_id').equals(participantId).toArray();
  return currentIntake(rows, participantId, role);
}

/** The school's live mentors on this device (the mentee may choose among them). */
async function mentorIdsOf(ctx: DataContext, person: Participant): Promise<Set<string>> {
  const ids = new Set<string>();
  await ctx.db.participants.each((p) => {
    if (p.is_mentor && !p.deleted_at && !p.archived_on && p.school_id === person.school_id) {
      ids.add(p.id);
    }
  });
  return ids;
}

/**
 * Saves a person's intake in `input.role`: validated against her kind, her own id and the
 * school's mentors (a mentor chosen before and no longer on this device stays chosen).
 */
export async function saveIntake(
  ctx: DataContext,
  participantId: string,
  input: IntakeInput,
): Promise<Intake> {
  const person = await ctx.db.participants.get(participantId);
  if (!person || person.deleted_at) throw new RowMissingError('participants', participantId);
  const fields = cleanIntake(input);
  const existing = await readIntake(ctx, participantId, fields.role);
  const mentorIds = await mentorIdsOf(ctx, person);
  for (const id of existing?.preferred_mentor_ids ?? []) mentorIds.add(id);
  assertValid(validateIntake(fields, { kind: person.kind, selfId: person.id, mentorIds }));
  return writeTransaction(ctx.db, ['intakes'], async () => {
    const live = await readIntake(ctx, participantId, fields.role);
    if (live) {
      const { role: _role, ...changes } = fields;
      await patchRow(ctx.db, 'intakes', live.id, changes);
      return (await ctx.db.intakes.get(live.id)) as Intake;
    }
    const row: Intake = {
      ...newSyncedRow(ctx),
      school_id: person.school_id,
      participant_id: person.id,
      ...fields,
    };
    return insertRow(ctx.db, 'intakes', row);
  });
}
