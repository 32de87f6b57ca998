// Owns a new mentor after an accepted request: the command that keeps the old pair as
// history and creates the new draft pointing back at it (in one transaction with its outbox
// entries), and the live reads of a pair's replacement chain and of the accepted requests
// still waiting for their new pair.
import { liveQuery } from 'dexie';
import type { MentorChangeRequest } from '@/domain/mentorChange';
import { earliestEnd, replacementPlan, validateReplacement } from '@/domain/pairLife';
import type { IsoDate, Pair, Uuid } from '@/domain/types';
import { assertValid, ValidationError } from '@/domain/validation';
import type { DataContext } from '../../context';
import { deleteRow, insertRow, patchRow, RowMissingError, writeTransaction } from '../../outbox';
import type { Observable } from '../../queries';
import { newSyncedRow } from '../rows';
import {
  assertPairRules,
  insertMember,
  liveMembers,
  livePair,
  PAIR_TABLES,
  setIsGroup,
} from './shared';

const REQUESTS = 'mentor_change_requests' as const;

/**
 * After an accepted request the mentee continues with a new mentor: the old pair is kept as
 * history (an individual pair ends early with the replacement reason; in a group only her
 * member row goes), and a new draft pair of the same form, the new mentor and her, is created
 * pointing back at the old one (replaces_pair_id). Returns the new pair.
 */
export async function replaceMentor(
  ctx: DataContext,
  requestId: Uuid,
  newMentorId: Uuid,
  today: IsoDate,
): Promise<Pair> {
  return writeTransaction(ctx.db, [...PAIR_TABLES, REQUESTS], async () => {
    const request = await ctx.db.table<MentorChangeRequest, string>(REQUESTS).get(requestId);
    if (!request || request.deleted_at) throw new RowMissingError(REQUESTS, requestId);
    if (request.status !== 'accepted') {
      throw new ValidationError([{ field: 'mentor', key: 'requestNotAccepted' }]);
    }
    const old = await livePair(ctx, request.pair_id);
    const members = await liveMembers(ctx, old.id);
    const newMentor = (await ctx.db.participants.get(newMentorId)) ?? null;
    assertValid(validateReplacement(old, members, request.requested_by, newMentor));
    const plan = replacementPlan(old, members, request.requested_by);
    if (plan.oldPair === 'endEarly') {
      const earliest = earliestEnd(old);
      await patchRow(ctx.db, 'pairs', old.id, {
        status: 'ended_early',
        ended_on: earliest && earliest > today ? earliest : today,
        end_reason: plan.reason,
      });
    } else {
      const row = members.find((m) => m.side === 'mentee' && m.participant_id === plan.menteeId);
      if (row) await deleteRow(ctx.db, 'pair_members', row.id);
      await setIsGroup(ctx, old.id);
    }
    await assertPairRules(
      ctx,
      null,
      { form: old.form, mentorIds: [newMentorId], menteeIds: [request.requested_by] },
      today,
    );
    const pair: Pair = {
      ...newSyncedRow(ctx),
      school_id: old.school_id,
      programme_id: old.programme_id,
      is_group: false,
      form: old.form,
      role_model: old.role_model,
      title: null,
      status: 'draft',
      order_number: null,
      order_date: null,
      started_on: null,
      ended_on: null,
      end_reason: null,
      replaces_pair_id: old.id,
    };
    await insertRow(ctx.db, 'pairs', pair);
    await insertMember(ctx, pair, newMentorId, 'mentor');
    await insertMember(ctx, pair, request.requested_by, 'mentee');
    return pair;
  });
}

/** A pair's place in a replacement chain: the pair it continues and those continuing it. */
export interface PairLinks {
  previous: Pair | null;
  next: Pair[];
}

export function observePairLinks(ctx: DataContext, pairId: Uuid): Observable<PairLinks> {
  return liveQuery(async () => {
    const pair = await ctx.db.pairs.get(pairId);
    const pairs = (await ctx.db.pairs.toArray()).filter((p) => p.deleted_at === null);
    const previous = pairs.find((p) => p.id === pair?.replaces_pair_id) ?? null;
    return { previous, next: pairs.filter((p) => p.replaces_pair_id === pairId) };
  });
}

/** The accepted requests of a pair not yet followed by a new pair for their mentee. */
export function observeReplacementsDue(
  ctx: DataContext,
  pairId: Uuid,
): Observable<MentorChangeRequest[]> {
  return liveQuery(async () => {
    const requests = (
      await ctx.db
        .table<MentorChangeRequest, string>(REQUESTS)
        .where('pair_id')
        .equals(pairId)
        .toArray()
    ).filter((r) => r.deleted_at === null && r.status === 'accepted');
    if (requests.length === 0) return [];
    const followers = (await ctx.db.pairs.toArray()).filter(
      (p) => p.deleted_at === null && p.replaces_pair_id === pairId,
    );
    const continued = new Set<Uuid>();
    for (const f of followers) {
      for (const m of await liveMembers(ctx, f.id)) {
        if (m.side === 'mentee') continued.add(m.participant_id);
      }
    }
    return requests.filter((r) => !continued.has(r.requested_by));
  });
}
