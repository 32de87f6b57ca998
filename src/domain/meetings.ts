// Meeting rules: the defaults that make logging a meeting three taps, and the checks the
// database also enforces (meetings_duration_range, meetings_type_valid, ...).
import { daysBetween } from './dates';
import { lengthErrors, MAX_NOTES_LENGTH, MAX_REFLECTION_LENGTH } from './limits';
import { cleanText, dateRangeError, isIsoDate, type FieldError } from './validation';
import {
  MEETING_FORMATS,
  MEETING_TYPES,
  type IsoDate,
  type Meeting,
  type MeetingAttendance,
  type MeetingConfirmation,
  type MeetingFormat,
  type MeetingType,
} from './types';

export const DEFAULT_DURATION_MIN = 45;
export const MIN_DURATION_MIN = 5;
export const MAX_DURATION_MIN = 480;
export const MAX_TEXT_LENGTH = MAX_NOTES_LENGTH;
/** How close to the programme's end a meeting is suggested as the final one. */
export const FINAL_MEETING_WINDOW_DAYS = 14;

type MeetingHistory = readonly Pick<
  Meeting,
  'type' | 'held_on' | 'duration_min' | 'format' | 'deleted_at'
>[];

function alive(history: MeetingHistory) {
  return history.filter((m) => m.deleted_at === null);
}

/**
 * The type of the next meeting, from the pair's history (DOMAIN.md stage 6): the first is
 * organisational, then trial, then planning, then regular; near the programme's end, final.
 */
export function inferMeetingType(
  history: MeetingHistory,
  context: { today: IsoDate; programmeEndsOn?: IsoDate | null } = { today: '' },
): MeetingType {
  const held = new Set(alive(history).map((m) => m.type));
  if (!held.has('organisational')) return 'organisational';
  if (!held.has('trial')) return 'trial';
  if (!held.has('planning')) return 'planning';
  const endsOn = context.programmeEndsOn;
  if (
    endsOn &&
    context.today &&
    !held.has('final') &&
    daysBetween(context.today, endsOn) <= FINAL_MEETING_WINDOW_DAYS
  ) {
    return 'final';
  }
  return 'regular';
}

function latest(history: MeetingHistory) {
  return [...alive(history)].sort((a, b) => b.held_on.localeCompare(a.held_on))[0];
}

/** The pair's usual duration: that of the latest meeting, or 45 minutes. */
export function usualDuration(history: MeetingHistory): number {
  return latest(history)?.duration_min ?? DEFAULT_DURATION_MIN;
}

/** The pair's usual format: that of the latest meeting, or in person. */
export function usualFormat(history: MeetingHistory): MeetingFormat {
  return latest(history)?.format ?? 'in_person';
}

export interface MeetingInput {
  type: MeetingType;
  held_on: IsoDate;
  duration_min: number;
  format: MeetingFormat;
  topic?: string | null;
  notes?: string | null;
  agreements?: string | null;
  private_note?: string | null;
  /**
   * A group meeting's attendance: the mentee members who came (participant ids), written as
   * meeting_attendances rows, never on the meeting. null or absent: left as it is (a
   * one-to-one meeting records none).
   */
  attendee_ids?: readonly string[] | null;
}

/**
 * The meeting's fields as the database keeps them; held_on is a day that has come, and not
 * before the programme year (meetings_date_out_of_range: 2020, or the programme's start).
 */
export function validateMeeting(
  input: MeetingInput,
  today: IsoDate,
  programmeStartsOn: IsoDate | null = null,
): FieldError[] {
  const errors: FieldError[] = [];
  if (!MEETING_TYPES.includes(input.type)) errors.push({ field: 'type', key: 'required' });
  if (!isIsoDate(input.held_on)) errors.push({ field: 'held_on', key: 'date' });
  else if (input.held_on > today) errors.push({ field: 'held_on', key: 'dateInFuture' });
  else errors.push(...dateRangeError('held_on', input.held_on, today, programmeStartsOn));
  if (
    !Number.isInteger(input.duration_min) ||
    input.duration_min < MIN_DURATION_MIN ||
    input.duration_min > MAX_DURATION_MIN
  ) {
    errors.push({
      field: 'duration_min',
      key: 'durationRange',
      params: { min: MIN_DURATION_MIN, max: MAX_DURATION_MIN },
    });
  }
  if (!MEETING_FORMATS.includes(input.format)) errors.push({ field: 'format', key: 'required' });
  // A group meeting nobody came to is not a meeting (the server checks who is a member).
  if (input.attendee_ids && input.attendee_ids.length === 0) {
    errors.push({ field: 'attendee_ids', key: 'chooseMentee' });
  }
  for (const field of ['topic', 'notes', 'agreements', 'private_note'] as const) {
    if ((input[field]?.length ?? 0) > MAX_TEXT_LENGTH) {
      errors.push({ field, key: 'tooLong', params: { max: MAX_TEXT_LENGTH } });
    }
  }
  return errors;
}

/** The meeting's columns from valid input (texts trimmed, blanks as null). */
export function meetingFields(input: MeetingInput) {
  return {
    type: input.type,
    held_on: input.held_on,
    duration_min: input.duration_min,
    format: input.format,
    topic: cleanText(input.topic),
    notes: cleanText(input.notes),
    agreements: cleanText(input.agreements),
  };
}

type AttendanceKey = Pick<MeetingAttendance, 'participant_id' | 'deleted_at'>;

/** Who came to the meeting (its live attendance rows), or null when nothing was recorded. */
export function attendeeIdsOf(attendances: readonly AttendanceKey[]): string[] | null {
  const ids = [
    ...new Set(attendances.filter((a) => a.deleted_at === null).map((a) => a.participant_id)),
  ];
  return ids.length > 0 ? ids : null;
}

/**
 * «Присутствовали: 5 из 6» of a group meeting, from all its attendance rows (the mentor's or
 * staff's device; a mentee holds only her own): who came of the pair's mentees (ids no longer
 * among them are not counted). null when the attendance was not recorded.
 */
export function attendanceOf(
  attendances: readonly AttendanceKey[],
  menteeIds: readonly string[],
): { present: number; total: number } | null {
  const ids = attendeeIdsOf(attendances);
  if (!ids) return null;
  const came = new Set(ids);
  return { present: menteeIds.filter((id) => came.has(id)).length, total: menteeIds.length };
}

/**
 * What saving the ticks changes: the mentees newly ticked get a row, the live rows of those
 * unticked are tombstoned; a mentee ticked before and still ticked keeps her row.
 */
export function attendanceChanges<T extends AttendanceKey>(
  current: readonly T[],
  attendeeIds: readonly string[],
): { add: string[]; remove: T[] } {
  const live = current.filter((a) => a.deleted_at === null);
  const wanted = new Set(attendeeIds);
  const kept = new Set(live.map((a) => a.participant_id));
  return {
    add: [...wanted].filter((id) => !kept.has(id)),
    remove: live.filter((a) => !wanted.has(a.participant_id)),
  };
}

/** 128 bits of hash of a string (cyrb128), as 32 hex digits. */
function hash128(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1, h2, h3, h4].map((h) => (h >>> 0).toString(16).padStart(8, '0')).join('');
}

/**
 * The id of the attendance row a meeting's old `attendee_ids` (before the device database's
 * v6, and in older backup files) becomes: derived from the meeting and the participant, so
 * the device's upgrade and a restore of an old backup make the very same row, never two.
 * A hash of both, shaped as a UUID of version 8 (custom).
 */
export function legacyAttendanceId(meetingId: string, participantId: string): string {
  const hex = hash128(`${meetingId}|${participantId}`);
  const variant = ((parseInt(hex[16]!, 16) & 3) | 8).toString(16);
  return [
    hex.slice(0, 8),
    hex.slice(8, 12),
    `8${hex.slice(13, 16)}`,
    `${variant}${hex.slice(17, 20)}`,
    hex.slice(20, 32),
  ].join('-');
}

/** A stored meeting as older versions kept it, with who came inside the row. */
export type LegacyMeeting = Record<string, unknown> &
  Pick<Meeting, 'id' | 'school_id' | 'pair_id'> & {
    attendee_ids?: unknown;
    deleted_at?: unknown;
  };

/** The attendance rows of a meeting's old `attendee_ids` (none for a deleted meeting). */
export function legacyAttendanceRows(meeting: LegacyMeeting, now: string): MeetingAttendance[] {
  const ids = Array.isArray(meeting.attendee_ids) ? meeting.attendee_ids : [];
  if (meeting.deleted_at) return [];
  return [...new Set(ids.filter((id): id is string => typeof id === 'string'))].map(
    (participantId) => ({
      id: legacyAttendanceId(meeting.id, participantId),
      school_id: meeting.school_id,
      pair_id: meeting.pair_id,
      meeting_id: meeting.id,
      participant_id: participantId,
      version: 0,
      deleted_at: null,
      created_at: now,
      updated_at: now,
      created_by: null,
    }),
  );
}

/**
 * Attendance is recorded where there is a choice: several mentees (a group; DOMAIN.md «пара
 * или группа»). A pair with two mentors and one mentee (is_group too) has nobody to tick.
 */
export function isGroupMeeting(menteeIds: readonly string[]): boolean {
  return menteeIds.length > 1;
}

/** Everyone ticked by default in a group (its live mentees); nothing recorded otherwise. */
export function defaultAttendees(menteeIds: readonly string[]): string[] | null {
  return isGroupMeeting(menteeIds) ? [...menteeIds] : null;
}

export { MAX_REFLECTION_LENGTH };

/** The mentee's reflection on a meeting: optional, short. */
export function validateReflection(reflection: string | null): FieldError[] {
  return lengthErrors('reflection', reflection, MAX_REFLECTION_LENGTH);
}

type ConfirmationKey = Pick<MeetingConfirmation, 'meeting_id' | 'participant_id' | 'deleted_at'>;

/** The live confirmations of each meeting (one per mentee), by meeting id. */
export function confirmationsByMeeting<T extends ConfirmationKey>(
  confirmations: readonly T[],
): Map<string, T[]> {
  const byMeeting = new Map<string, T[]>();
  for (const c of confirmations) {
    if (c.deleted_at !== null) continue;
    byMeeting.set(c.meeting_id, [...(byMeeting.get(c.meeting_id) ?? []), c]);
  }
  return byMeeting;
}

/** The meetings that none of `participantIds` (the viewer's own seats) has confirmed yet. */
export function meetingsToConfirm<M extends Pick<Meeting, 'id' | 'deleted_at'>>(
  meetings: readonly M[],
  confirmations: readonly ConfirmationKey[],
  participantIds: readonly string[],
): M[] {
  const mine = new Set(
    confirmations
      .filter((c) => c.deleted_at === null && participantIds.includes(c.participant_id))
      .map((c) => c.meeting_id),
  );
  return meetings.filter((m) => m.deleted_at === null && !mine.has(m.id));
}
