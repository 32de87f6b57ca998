// Owns the write commands for a pair's or group's membership after forming: a person joining
// (a running pair only with her valid consent, the pair rules holding for the whole group)
// and a person leaving. Each writes the member row, is_group and their outbox entries in one
// transaction.
import { validateAddMember, validateRemoveMember } from '@/domain/pairLife';
import type { IsoDate, Uuid } from '@/domain/types';
import { assertValid } from '@/domain/validation';
import type { DataContext } from '../../context';
import { deleteRow, RowMissingError, writeTransaction } from '../../outbox';
import { hasConsentNow } from './consents';
import {
  APPROVAL_TABLES,
  assertPairRules,
  insertMember,
  liveMembers,
  livePair,
  setIsGroup,
} from './shared';

/** A person joins a pair or group (a running one only with her valid consent). */
export async function addMember(
  ctx: DataContext,
  pairId: Uuid,
  participantId: Uuid,
  side: 'mentor' | 'mentee',
  today: IsoDate,
): Promise<void> {
  await writeTransaction(ctx.db, [...APPROVAL_TABLES], async () => {
    const pair = await livePair(ctx, pairId);
    const members = await liveMembers(ctx, pairId);
    const person = await ctx.db.participants.get(participantId);
    if (!person) throw new RowMissingError('participants', participantId);
    assertValid(
      validateAddMember(pair, members, person, side, await hasConsentNow(ctx, person, today)),
    );
    // The pair's full new member lists: the form's rule and no second live pair of the same
    // people (the newcomer with the other side) hold for the whole group.
    const ids = (s: string) => members.filter((m) => m.side === s).map((m) => m.participant_id);
    await assertPairRules(
      ctx,
      pairId,
      {
        form: pair.form,
        mentorIds: side === 'mentor' ? [...ids('mentor'), participantId] : ids('mentor'),
        menteeIds: side === 'mentee' ? [...ids('mentee'), participantId] : ids('mentee'),
      },
      today,
    );
    await insertMember(ctx, pair, participantId, side);
    await setIsGroup(ctx, pairId);
  });
}

/** A person leaves a pair or group (her member row becomes a tombstone). */
export async function removeMember(
  ctx: DataContext,
  pairId: Uuid,
  participantId: Uuid,
): Promise<void> {
  await writeTransaction(ctx.db, ['pairs', 'pair_members'], async () => {
    const pair = await livePair(ctx, pairId);
    const members = await liveMembers(ctx, pairId);
    assertValid(validateRemoveMember(pair, members, participantId));
    const row = members.find((m) => m.participant_id === participantId);
    if (row) await deleteRow(ctx.db, 'pair_members', row.id);
    await setIsGroup(ctx, pairId);
  });
}
