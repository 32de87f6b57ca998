// Write command for intake questionnaires (domain/intake.ts): the person's own on her phone
// (fillIntake) or the staff's entry from paper (enterIntake) — one command, one row per person
// and role. Saving validates the whole answer, then inserts the row or patches the live one,
// in one transaction with its outbox entry (the server's intakes_one_per_role keeps one).
// Also here: the last mentor directory of a school this device received
// (public.mentor_directory), kept in the device's meta table so a mentee can still choose
// offline; it is a cache of a server answer, never synced back.
import {
  cleanIntake,
  currentIntake,
  validateIntake,
  type DirectoryMentor,
  type IntakeInput,
  type IntakeRole,
  type MentorDirectory,
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

/** Meta key of the last mentor directory of a school received on this device. */
export const mentorDirectoryKey = (schoolId: string) => `intake.mentorDirectory.${schoolId}`;

/** The last mentor directory of `schoolId` this device received, or null. */
export async function readMentorDirectory(
  ctx: DataContext,
  schoolId: string,
): Promise<MentorDirectory | null> {
  const entry = await ctx.db.meta.get(mentorDirectoryKey(schoolId));
  const value = entry?.value as MentorDirectory | undefined;
  return value && value.schoolId === schoolId && Array.isArray(value.mentors) ? value : null;
}

/** Keeps the server's answer as this device's copy of the school's mentor directory. */
export async function keepMentorDirectory(
  ctx: DataContext,
  schoolId: string,
  mentors: readonly DirectoryMentor[],
  fetchedAt: Date = new Date(),
): Promise<void> {
  const value: MentorDirectory = {
    schoolId,
    fetchedAt: fetchedAt.toISOString(),
    mentors: mentors.map((m) => ({ ...m, forms: [...m.forms] })),
  };
  await ctx.db.meta.put({ key: mentorDirectoryKey(schoolId), value });
}

/**
 * The school's mentors the mentee may choose among: the live ones on this device and those
 * of the last mentor directory received (the server vouches for them).
 */
async function mentorIdsOf(ctx: DataContext, person: Participant): Promise<Set<string>> {
  const directory = await readMentorDirectory(ctx, person.school_id);
  const ids = new Set<string>(directory?.mentors.map((m) => m.id) ?? []);
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
