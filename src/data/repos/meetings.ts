// Write commands for meetings: log, edit, delete (tombstone), and the mentee's confirmation.
// The mentor's private note lives in its own table so a mentee can never receive it; each
// mentee's confirmation and reflection too (meeting_confirmations, written only by her); and
// who of a group came (meeting_attendances, one row per mentee: she receives only her own),
// written with the meeting in one transaction.
import {
  attendanceChanges,
  meetingFields,
  validateMeeting,
  validateReflection,
  type MeetingInput,
} from '@/domain/meetings';
import type {
  IsoDate,
  Meeting,
  MeetingAttendance,
  MeetingConfirmation,
  MeetingPrivateNote,
} from '@/domain/types';
import { assertValid, cleanText } from '@/domain/validation';
import type { DataContext } from '../context';
import { nowIso } from '../ids';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import { deleteAndErase } from '../tombstones';
import { newSyncedRow } from './rows';

const MEETING_TABLES = [
  'meetings',
  'meeting_attendances',
  'meeting_private_notes',
  'pairs',
] as const;

function attendanceRow(ctx: DataContext, meeting: Meeting, participantId: string) {
  return {
    ...newSyncedRow(ctx),
    school_id: meeting.school_id,
    pair_id: meeting.pair_id,
    meeting_id: meeting.id,
    participant_id: participantId,
  } satisfies MeetingAttendance;
}

/**
 * Writes who came (`attendeeIds`): a row for each newly ticked mentee, a tombstone for each
 * unticked one. null or undefined: the attendance is left as it is. Inside a transaction over
 * meeting_attendances.
 */
async function saveAttendance(
  ctx: DataContext,
  meeting: Meeting,
  attendeeIds: readonly string[] | null | undefined,
): Promise<void> {
  if (!attendeeIds) return;
  const current = await ctx.db.meeting_attendances.where('meeting_id').equals(meeting.id).toArray();
  const { add, remove } = attendanceChanges(current, attendeeIds);
  for (const row of remove) await deleteAndErase(ctx.db, 'meeting_attendances', row.id);
  for (const id of add) {
    await insertRow(ctx.db, 'meeting_attendances', attendanceRow(ctx, meeting, id));
  }
}

async function savePrivateNote(ctx: DataContext, meeting: Meeting, body: string | null) {
  const existing = (
    await ctx.db.meeting_private_notes.where('meeting_id').equals(meeting.id).toArray()
  ).find((n) => !n.deleted_at);
  if (existing) {
    if (body) await patchRow(ctx.db, 'meeting_private_notes', existing.id, { body });
    else await deleteAndErase(ctx.db, 'meeting_private_notes', existing.id);
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

/** The first day of the pair's programme, when the pair has one the device holds. */
async function programmeStart(ctx: DataContext, pairId: string): Promise<IsoDate | null> {
  const pair = await ctx.db.pairs.get(pairId);
  if (!pair?.programme_id) return null;
  // programmes has no typed table yet: read the row as the server sent it.
  const starts = (await ctx.db.table('programmes').get(pair.programme_id))?.starts_on;
  return typeof starts === 'string' ? starts : null;
}

/**
 * Writes a new meeting of the pair (and, for a mentor, her private note). A meeting entered
 * by staff from the paper log is marked entered_by_staff on the device at once; the column
 * is the server's (never sent), which sets it the same way from who wrote the row.
 */
async function insertMeeting(
  ctx: DataContext,
  pairId: string,
  input: MeetingInput,
  today: IsoDate,
  enteredByStaff: boolean,
): Promise<Meeting> {
  assertValid(validateMeeting(input, today, await programmeStart(ctx, pairId)));
  return writeTransaction(ctx.db, [...MEETING_TABLES], async () => {
    const meeting: Meeting = {
      ...newSyncedRow(ctx),
      pair_id: pairId,
      ...meetingFields(input),
      entered_by_staff: enteredByStaff,
    };
    // The private note is the mentor's alone: a paper entry never carries one.
    const body = enteredByStaff ? null : cleanText(input.private_note);
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
      ...[...new Set(input.attendee_ids ?? [])].map((id) =>
        insertRow(ctx.db, 'meeting_attendances', attendanceRow(ctx, meeting, id)),
      ),
    ]);
    if (!pair || pair.deleted_at) throw new RowMissingError('pairs', pairId);
    // The first meeting after the order starts the pair's work. The server does the same on
    // the meeting's insert (activate_pair_on_meeting: the pair's mentors may not write
    // pairs), so the change is shown here at once and never sent.
    if (pair.status === 'approved') {
      await ctx.db.pairs.update(pairId, {
        status: 'active',
        started_on: pair.started_on ?? input.held_on,
      });
    }
    return meeting;
  });
}

/** A mentor of the pair logs a meeting. */
export function logMeeting(
  ctx: DataContext,
  pairId: string,
  input: MeetingInput,
  today: IsoDate,
): Promise<Meeting> {
  return insertMeeting(ctx, pairId, input, today, false);
}

/**
 * The curator (or school admin) enters a meeting from the pair's paper log on its behalf:
 * marked «внесено куратором», without a private note (the mentor's alone).
 */
export function logPaperMeeting(
  ctx: DataContext,
  pairId: string,
  input: MeetingInput,
  today: IsoDate,
): Promise<Meeting> {
  return insertMeeting(ctx, pairId, { ...input, private_note: null }, today, true);
}

/** Thrown when staff try to change a meeting the pair's mentor logged herself. */
export class NotPaperMeetingError extends Error {
  readonly reason = 'not_paper_meeting';
  constructor(readonly id: string) {
    super(`meeting ${id} was not entered from the paper log`);
    this.name = 'NotPaperMeetingError';
  }
}

export async function updateMeeting(
  ctx: DataContext,
  id: string,
  input: MeetingInput,
  today: IsoDate,
): Promise<void> {
  const pairId = (await ctx.db.meetings.get(id))?.pair_id;
  assertValid(validateMeeting(input, today, pairId ? await programmeStart(ctx, pairId) : null));
  await writeTransaction(ctx.db, [...MEETING_TABLES], async () => {
    const meeting = await ctx.db.meetings.get(id);
    if (!meeting || meeting.deleted_at) throw new RowMissingError('meetings', id);
    await patchRow(ctx.db, 'meetings', id, meetingFields(input));
    await saveAttendance(ctx, meeting, input.attendee_ids);
    // Absent means "not edited here": only an explicit value (or '') changes the note.
    if (input.private_note !== undefined) {
      await savePrivateNote(ctx, meeting, cleanText(input.private_note));
    }
  });
}

/**
 * Staff correct a meeting they entered from paper (the server lets them update only those);
 * the mentor's private note is never touched.
 */
export async function updatePaperMeeting(
  ctx: DataContext,
  id: string,
  input: MeetingInput,
  today: IsoDate,
): Promise<void> {
  const meeting = await ctx.db.meetings.get(id);
  if (!meeting || meeting.deleted_at) throw new RowMissingError('meetings', id);
  if (!meeting.entered_by_staff) throw new NotPaperMeetingError(id);
  await updateMeeting(ctx, id, { ...input, private_note: undefined }, today);
}

/**
 * Tombstones the meeting, its attendance and the mentor's note (the mentees' confirmations
 * are theirs).
 */
export async function deleteMeeting(ctx: DataContext, id: string): Promise<void> {
  await writeTransaction(ctx.db, [...MEETING_TABLES], async () => {
    const notes = await ctx.db.meeting_private_notes.where('meeting_id').equals(id).toArray();
    for (const note of notes) await deleteAndErase(ctx.db, 'meeting_private_notes', note.id);
    const attended = await ctx.db.meeting_attendances.where('meeting_id').equals(id).toArray();
    for (const row of attended) await deleteAndErase(ctx.db, 'meeting_attendances', row.id);
    await deleteAndErase(ctx.db, 'meetings', id);
  });
}

async function liveConfirmation(ctx: DataContext, meetingId: string, participantId: string) {
  const rows = await ctx.db.meeting_confirmations.where('meeting_id').equals(meetingId).toArray();
  return rows.find((c) => !c.deleted_at && c.participant_id === participantId);
}

/**
 * The mentee (`participantId`, her own seat in the pair) confirms that the meeting took place
 * and may add a short reflection. Confirming again changes only the reflection: one
 * confirmation per mentee per meeting.
 */
export async function confirmMeeting(
  ctx: DataContext,
  meetingId: string,
  participantId: string,
  reflection: string | null,
): Promise<MeetingConfirmation> {
  assertValid(validateReflection(reflection));
  return writeTransaction(ctx.db, ['meetings', 'meeting_confirmations'], async () => {
    const meeting = await ctx.db.meetings.get(meetingId);
    if (!meeting || meeting.deleted_at) throw new RowMissingError('meetings', meetingId);
    const existing = await liveConfirmation(ctx, meetingId, participantId);
    if (existing) {
      await patchRow(ctx.db, 'meeting_confirmations', existing.id, {
        reflection: cleanText(reflection),
      });
      return (await ctx.db.meeting_confirmations.get(existing.id)) as MeetingConfirmation;
    }
    const confirmation: MeetingConfirmation = {
      ...newSyncedRow(ctx),
      school_id: meeting.school_id,
      pair_id: meeting.pair_id,
      meeting_id: meetingId,
      participant_id: participantId,
      confirmed_at: nowIso(),
      reflection: cleanText(reflection),
    };
    return insertRow(ctx.db, 'meeting_confirmations', confirmation);
  });
}

/** The mentee withdraws her confirmation (and with it her reflection). */
export async function withdrawConfirmation(
  ctx: DataContext,
  meetingId: string,
  participantId: string,
): Promise<void> {
  await writeTransaction(ctx.db, ['meeting_confirmations'], async () => {
    const existing = await liveConfirmation(ctx, meetingId, participantId);
    if (existing) await deleteAndErase(ctx.db, 'meeting_confirmations', existing.id);
  });
}
