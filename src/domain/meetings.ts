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
   * A group meeting's attendance: the mentee members who came. null: not recorded (a
   * one-to-one meeting); absent: left as it is.
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
    ...(input.attendee_ids === undefined
      ? {}
      : { attendee_ids: input.attendee_ids === null ? null : [...new Set(input.attendee_ids)] }),
  };
}

/**
 * «Присутствовали: 5 из 6» of a group meeting: who came of the pair's mentees (ids no longer
 * among them are not counted). null when the attendance was not recorded.
 */
export function attendanceOf(
  meeting: Pick<Meeting, 'attendee_ids'>,
  menteeIds: readonly string[],
): { present: number; total: number } | null {
  if (!meeting.attendee_ids) return null;
  const came = new Set(meeting.attendee_ids);
  return { present: menteeIds.filter((id) => came.has(id)).length, total: menteeIds.length };
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
