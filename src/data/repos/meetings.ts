// Write commands for meetings: log, edit, delete (tombstone), and the mentee's confirmation.
// The mentor's private note lives in its own table so a mentee can never receive it.
import {
  meetingFields,
  validateMeeting,
  validateReflection,
  type MeetingInput,
} from '@/domain/meetings';
import type { IsoDate, Meeting, MeetingPrivateNote } from '@/domain/types';
import { assertValid, cleanText } from '@/domain/validation';
import type { DataContext } from '../context';
import { nowIso } from '../ids';
import { deleteRow, insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import { newSyncedRow } from './rows';

const MEETING_TABLES = ['meetings', 'meeting_private_notes', 'pairs'] as const;

async function savePrivateNote(ctx: DataContext, meeting: Meeting, body: string | null) {
  const existing = (
    await ctx.db.meeting_private_notes.where('meeting_id').equals(meeting.id).toArray()
  ).find((n) => !n.deleted_at);
  if (existing) {
    if (body) await patchRow(ctx.db, 'meeting_private_notes', existing.id, { body });
    else await deleteRow(ctx.db, 'meeting_private_notes', existing.id);
  } else if (body) {
    const note: MeetingPrivateNote = {
      ...newSyncedRow(ctx),
      pair_id: meeting.pair_id,
      meeting_id: meeting.id,
      body,
    };
    await insertRow(ctx.db, 'meeting_private_notes', note);
  }
}

export async function logMeeting(
  ctx: DataContext,
  pairId: string,
  input: MeetingInput,
  today: IsoDate,
): Promise<Meeting> {
  assertValid(validateMeeting(input, today));
  return writeTransaction(ctx.db, [...MEETING_TABLES], async () => {
    const meeting: Meeting = {
      ...newSyncedRow(ctx),
      pair_id: pairId,
      mentee_confirmed_at: null,
      mentee_reflection: null,
      ...meetingFields(input),
    };
    const body = cleanText(input.private_note);
    // Everything is issued at once (one IndexedDB round trip on a slow phone); a missing pair
    // throws afterwards, which aborts the transaction and with it the writes.
    const [pair] = await Promise.all([
      ctx.db.pairs.get(pairId),
      insertRow(ctx.db, 'meetings', meeting),
      body
        ? insertRow(ctx.db, 'meeting_private_notes', {
            ...newSyncedRow(ctx),
            pair_id: pairId,
            meeting_id: meeting.id,
            body,
          } satisfies MeetingPrivateNote)
        : null,
    ]);
    if (!pair || pair.deleted_at) throw new RowMissingError('pairs', pairId);
    // The first meeting after the order starts the pair's work.
    if (pair.status === 'approved') {
      await patchRow(ctx.db, 'pairs', pairId, { status: 'active', started_on: input.held_on });
    }
    return meeting;
  });
}

export async function updateMeeting(
  ctx: DataContext,
  id: string,
  input: MeetingInput,
  today: IsoDate,
): Promise<void> {
  assertValid(validateMeeting(input, today));
  await writeTransaction(ctx.db, [...MEETING_TABLES], async () => {
    const meeting = await ctx.db.meetings.get(id);
    if (!meeting || meeting.deleted_at) throw new RowMissingError('meetings', id);
    await patchRow(ctx.db, 'meetings', id, meetingFields(input));
    // Absent means "not edited here": only an explicit value (or '') changes the note.
    if (input.private_note !== undefined) {
      await savePrivateNote(ctx, meeting, cleanText(input.private_note));
    }
  });
}

export async function deleteMeeting(ctx: DataContext, id: string): Promise<void> {
  await writeTransaction(ctx.db, [...MEETING_TABLES], async () => {
    const notes = await ctx.db.meeting_private_notes.where('meeting_id').equals(id).toArray();
    for (const note of notes) await deleteRow(ctx.db, 'meeting_private_notes', note.id);
    await deleteRow(ctx.db, 'meetings', id);
  });
}

/** The mentee confirms that the meeting took place and may add a short reflection. */
export async function confirmMeeting(
  ctx: DataContext,
  id: string,
  reflection: string | null,
): Promise<void> {
  assertValid(validateReflection(reflection));
  await writeTransaction(ctx.db, ['meetings'], () =>
    patchRow(ctx.db, 'meetings', id, {
      mentee_confirmed_at: nowIso(),
      mentee_reflection: cleanText(reflection),
    }),
  );
}
