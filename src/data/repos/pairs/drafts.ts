// Owns the write commands for draft pairs and groups: forming one (in the school's open
// programme year running today), editing its form, role model, title and people, and
// deleting it. Each command validates, then writes the rows and their outbox entries in one
// transaction.
import { currentProgramme, editBlockedReason } from '@/domain/pairLife';
import { validatePair, type PairInput } from '@/domain/pairs';
import { localIsoDate } from '@/domain/dates';
import { isOpenYear } from '@/domain/programmeYear';
import type { IsoDate, Pair, Uuid } from '@/domain/types';
import { assertValid, cleanText, ValidationError } from '@/domain/validation';
import type { DataContext } from '../../context';
import { deleteRow, insertRow, patchRow, writeTransaction } from '../../outbox';
import { newSyncedRow } from '../rows';
import { assertPairRules, insertMember, liveMembers, livePair, PAIR_TABLES } from './shared';

export async function createPair(
  ctx: DataContext,
  input: PairInput,
  today: IsoDate = localIsoDate(new Date()),
): Promise<Pair> {
  assertValid(validatePair(input));
  // Every pair belongs to the school's open programme year running today, when there is one
  // (a closed year takes no new pairs; a year not started yet neither: the pair's dates must
  // fall within its year's).
  const programmes = (
    await ctx.db.programmes.where('school_id').equals(ctx.schoolId).toArray()
  ).filter(isOpenYear);
  return writeTransaction(ctx.db, [...PAIR_TABLES], async () => {
    await assertPairRules(ctx, null, input, today);
    const pair: Pair = {
      ...newSyncedRow(ctx),
      programme_id: currentProgramme(programmes, today)?.id ?? null,
      is_group: input.menteeIds.length > 1 || input.mentorIds.length > 1,
      form: input.form,
      role_model: cleanText(input.role_model),
      title: cleanText(input.title),
      status: 'draft',
      order_number: null,
      order_date: null,
      started_on: null,
      ended_on: null,
      end_reason: null,
    };
    await insertRow(ctx.db, 'pairs', pair);
    for (const id of input.mentorIds) await insertMember(ctx, pair, id, 'mentor');
    for (const id of input.menteeIds) await insertMember(ctx, pair, id, 'mentee');
    return pair;
  });
}

function assertDraft(pair: Pair): void {
  const blocked = editBlockedReason(pair);
  if (blocked) throw new ValidationError([{ field: 'form', key: `notDraft.${blocked}` }]);
}

/** Edits a draft: its form, role model, title and people (members leave and join). */
export async function updateDraftPair(
  ctx: DataContext,
  pairId: Uuid,
  input: PairInput,
  today: IsoDate = localIsoDate(new Date()),
): Promise<Pair> {
  assertValid(validatePair(input));
  return writeTransaction(ctx.db, [...PAIR_TABLES], async () => {
    assertDraft(await livePair(ctx, pairId));
    await assertPairRules(ctx, pairId, input, today);
    const wanted = new Map<Uuid, 'mentor' | 'mentee'>([
      ...input.mentorIds.map((id) => [id, 'mentor'] as const),
      ...input.menteeIds.map((id) => [id, 'mentee'] as const),
    ]);
    const pair = await livePair(ctx, pairId);
    const kept = new Set<Uuid>();
    for (const member of await liveMembers(ctx, pairId)) {
      if (wanted.get(member.participant_id) === member.side) kept.add(member.participant_id);
      else await deleteRow(ctx.db, 'pair_members', member.id);
    }
    for (const [id, side] of wanted) if (!kept.has(id)) await insertMember(ctx, pair, id, side);
    await patchRow(ctx.db, 'pairs', pairId, {
      form: input.form,
      role_model: cleanText(input.role_model),
      title: cleanText(input.title),
      is_group: input.menteeIds.length > 1 || input.mentorIds.length > 1,
    });
    return livePair(ctx, pairId);
  });
}

/** Deletes a draft pair and its members (tombstones); an approved pair is ended instead. */
export async function deleteDraftPair(ctx: DataContext, pairId: Uuid): Promise<void> {
  await writeTransaction(ctx.db, ['pairs', 'pair_members'], async () => {
    assertDraft(await livePair(ctx, pairId));
    for (const member of await liveMembers(ctx, pairId)) {
      await deleteRow(ctx.db, 'pair_members', member.id);
    }
    await deleteRow(ctx.db, 'pairs', pairId);
  });
}
