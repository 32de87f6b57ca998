// Owns what every pair command shares inside its transaction: the table sets the commands
// lock, reading a live pair and its live members, checking the pair rules against the
// device's people, pairs and members, writing a member row, and keeping is_group in step.
// Callers run these inside their own writeTransaction; nothing here opens one.
import { validatePairAgainst, type PairInput, type PairRulesContext } from '@/domain/pairs';
import type { IsoDate, Pair, PairMember, Uuid } from '@/domain/types';
import { assertValid } from '@/domain/validation';
import type { DataContext } from '../../context';
import { insertRow, patchRow, RowMissingError } from '../../outbox';
import { newSyncedRow } from '../rows';

export const PAIR_TABLES = ['pairs', 'pair_members', 'participants'] as const;

export const APPROVAL_TABLES = ['pairs', 'pair_members', 'participants', 'consents'] as const;

export const liveMembers = async (ctx: DataContext, pairId: Uuid): Promise<PairMember[]> =>
  (await ctx.db.pair_members.where('pair_id').equals(pairId).toArray()).filter(
    (m) => m.deleted_at === null,
  );

export async function livePair(ctx: DataContext, pairId: Uuid): Promise<Pair> {
  const pair = await ctx.db.pairs.get(pairId);
  if (!pair || pair.deleted_at) throw new RowMissingError('pairs', pairId);
  return pair;
}

/**
 * What the pair rules (H-rules' validatePairAgainst) need from the device: the school's people,
 * pairs and members, read inside the caller's transaction.
 */
async function rulesContext(
  ctx: DataContext,
  pairId: Uuid | null,
  today: IsoDate,
): Promise<PairRulesContext> {
  const people = (await ctx.db.participants.toArray()).filter((p) => p.deleted_at === null);
  return {
    people: new Map(people.map((p) => [p.id, p])),
    pairs: await ctx.db.pairs.toArray(),
    members: await ctx.db.pair_members.toArray(),
    today,
    pairId,
  };
}

/**
 * Every rule a pair's people must keep, with the FULL member lists: the shape, each kind
 * fitting the form's side, nobody archived, no second live pair of the same people in the
 * same form. People missing from the device are refused as missing rows.
 */
export async function assertPairRules(
  ctx: DataContext,
  pairId: Uuid | null,
  input: PairInput,
  today: IsoDate,
): Promise<void> {
  const context = await rulesContext(ctx, pairId, today);
  const missing = [...input.mentorIds, ...input.menteeIds].find((id) => !context.people.has(id));
  if (missing) throw new RowMissingError('participants', missing);
  assertValid(validatePairAgainst(input, context));
}

export async function insertMember(
  ctx: DataContext,
  pair: Pick<Pair, 'id' | 'school_id'>,
  participantId: Uuid,
  side: 'mentor' | 'mentee',
): Promise<PairMember> {
  const row: PairMember = {
    ...newSyncedRow(ctx),
    school_id: pair.school_id,
    pair_id: pair.id,
    participant_id: participantId,
    side,
  };
  return insertRow(ctx.db, 'pair_members', row);
}

export async function setIsGroup(ctx: DataContext, pairId: Uuid): Promise<void> {
  const members = await liveMembers(ctx, pairId);
  const count = (side: string) => members.filter((m) => m.side === side).length;
  await patchRow(ctx.db, 'pairs', pairId, { is_group: count('mentor') > 1 || count('mentee') > 1 });
}
