// Write commands and live reads for a mentee's request for another mentor. Rows carry the
// pair's school_id (the server's composite foreign keys and sync scopes need it). The mentor
// never receives these rows from the server (RLS); the UI must not show them to a mentor.
import { liveQuery } from 'dexie';
import {
  type MentorChangeDecision,
  type MentorChangeRequest,
  openRequests,
  validateMentorChangeReason,
  validateResolution,
} from '@/domain/mentorChange';
import type { SyncedTable } from '@/domain/types';
import { assertValid, cleanText, ValidationError } from '@/domain/validation';
import type { DataContext } from '../context';
import { nowIso } from '../ids';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import type { Observable } from '../queries';
import { newSyncedRow } from './rows';

export const MENTOR_CHANGE_REQUESTS: SyncedTable = 'mentor_change_requests';

const requestsTable = (ctx: DataContext) =>
  ctx.db.table<MentorChangeRequest, string>(MENTOR_CHANGE_REQUESTS);

/**
 * The mentee asks for another mentor. Asking again while a request is still open returns that
 * request unchanged: one open request per mentee and pair is what the curator should see.
 */
export async function requestMentorChange(
  ctx: DataContext,
  pairId: string,
  menteeId: string,
  reason: string,
): Promise<MentorChangeRequest> {
  assertValid(validateMentorChangeReason(reason));
  return writeTransaction(ctx.db, ['pairs', 'pair_members', MENTOR_CHANGE_REQUESTS], async () => {
    const pair = await ctx.db.pairs.get(pairId);
    if (!pair || pair.deleted_at) throw new RowMissingError('pairs', pairId);
    const isMentee = (await ctx.db.pair_members.where('pair_id').equals(pairId).toArray()).some(
      (m) => m.deleted_at === null && m.side === 'mentee' && m.participant_id === menteeId,
    );
    // The server refuses it too (mentor_change_requests_insert); say so before it is queued.
    if (!isMentee) throw new ValidationError([{ field: 'reason', key: 'rowMissing' }]);
    const open = (await requestsTable(ctx).where('pair_id').equals(pairId).toArray()).find(
      (r) => r.deleted_at === null && r.status === 'open' && r.requested_by === menteeId,
    );
    if (open) return open;
    const request: MentorChangeRequest = {
      ...newSyncedRow(ctx),
      school_id: pair.school_id,
      pair_id: pairId,
      requested_by: menteeId,
      reason: cleanText(reason) ?? '',
      status: 'open',
      resolution_note: null,
      resolved_at: null,
    };
    return insertRow(ctx.db, MENTOR_CHANGE_REQUESTS, request);
  });
}

/** The curator accepts or declines a request, with an optional note for the record. */
export async function resolveMentorChange(
  ctx: DataContext,
  requestId: string,
  decision: MentorChangeDecision,
  note: string | null = null,
): Promise<void> {
  assertValid(validateResolution(decision, note));
  await writeTransaction(ctx.db, [MENTOR_CHANGE_REQUESTS], async () => {
    const request = await requestsTable(ctx).get(requestId);
    if (!request || request.deleted_at) {
      throw new RowMissingError(MENTOR_CHANGE_REQUESTS, requestId);
    }
    await patchRow(ctx.db, MENTOR_CHANGE_REQUESTS, requestId, {
      status: decision,
      resolution_note: cleanText(note),
      resolved_at: nowIso(),
    });
  });
}

/** The pair's requests (not deleted), newest first; re-runs when any of them changes. */
export function observeMentorChangeRequests(
  ctx: DataContext,
  pairId: string,
): Observable<MentorChangeRequest[]> {
  return liveQuery(async () =>
    (await requestsTable(ctx).where('pair_id').equals(pairId).toArray())
      .filter((r) => r.deleted_at === null)
      .sort((a, b) => b.created_at.localeCompare(a.created_at)),
  );
}

/** Every open request of the school on this device, oldest first (for the curator's home). */
export function observeOpenMentorChangeRequests(
  ctx: DataContext,
): Observable<MentorChangeRequest[]> {
  return liveQuery(async () => openRequests(await requestsTable(ctx).toArray()));
}
