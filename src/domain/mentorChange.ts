// A mentee may ask the curator for another mentor (DOMAIN.md principles). The request is
// confidential: the server never lets the mentor read it (RLS), and the app never shows it to
// a mentor either. Resolving it is the curator's decision; changing the pair is a separate step.
import { MAX_COMMENT_LENGTH } from './limits';
import type { IsoTimestamp, SyncedRow, Uuid } from './types';
import { cleanText, type FieldError } from './validation';

/** The database's mentor_change_requests_status_valid check. */
export const MENTOR_CHANGE_STATUSES = ['open', 'accepted', 'declined'] as const;
export type MentorChangeStatus = (typeof MENTOR_CHANGE_STATUSES)[number];
export type MentorChangeDecision = Exclude<MentorChangeStatus, 'open'>;

export interface MentorChangeRequest extends SyncedRow {
  pair_id: Uuid;
  /** The mentee's participant id. */
  requested_by: Uuid;
  reason: string;
  status: MentorChangeStatus;
  resolution_note: string | null;
  resolved_at: IsoTimestamp | null;
}

/**
 * The database only forbids a blank reason (mentor_change_requests_reason_not_blank); the
 * limits keep a request something a curator reads in one go.
 */
export const MAX_REASON_LENGTH = MAX_COMMENT_LENGTH;
export const MAX_RESOLUTION_NOTE_LENGTH = MAX_COMMENT_LENGTH;

export function validateMentorChangeReason(reason: string): FieldError[] {
  const text = cleanText(reason);
  if (!text) return [{ field: 'reason', key: 'required' }];
  if (text.length > MAX_REASON_LENGTH) {
    return [{ field: 'reason', key: 'tooLong', params: { max: MAX_REASON_LENGTH } }];
  }
  return [];
}

export function validateResolution(decision: string, note: string | null): FieldError[] {
  const errors: FieldError[] = [];
  if (decision !== 'accepted' && decision !== 'declined') {
    errors.push({ field: 'status', key: 'required' });
  }
  const text = cleanText(note);
  if (text && text.length > MAX_RESOLUTION_NOTE_LENGTH) {
    errors.push({
      field: 'resolution_note',
      key: 'tooLong',
      params: { max: MAX_RESOLUTION_NOTE_LENGTH },
    });
  }
  return errors;
}

type Alive = Pick<MentorChangeRequest, 'status' | 'deleted_at' | 'created_at' | 'requested_by'>;

const newestFirst = <T extends Alive>(a: T, b: T) => b.created_at.localeCompare(a.created_at);

/** Requests still waiting for the curator, oldest first (first asked, first answered). */
export function openRequests<T extends Alive>(requests: readonly T[]): T[] {
  return requests
    .filter((r) => r.deleted_at === null && r.status === 'open')
    .sort((a, b) => a.created_at.localeCompare(b.created_at));
}

/** The mentee's latest request in the pair, whatever its status; undefined when none. */
export function latestRequestBy<T extends Alive>(
  requests: readonly T[],
  participantId: string,
): T | undefined {
  return requests
    .filter((r) => r.deleted_at === null && r.requested_by === participantId)
    .sort(newestFirst)[0];
}

/** A mentee asks again only once the earlier request has been answered. */
export function canRequestAgain(requests: readonly Alive[], participantId: string): boolean {
  return latestRequestBy(requests, participantId)?.status !== 'open';
}
