// Write commands for pairs and groups: forming them and approving them by order.
import { hasValidConsent } from '@/domain/consent';
import { validateApproval, validatePair, type ApprovalInput, type PairInput } from '@/domain/pairs';
import type { IsoDate, Pair, PairMember } from '@/domain/types';
import { assertValid, cleanText } from '@/domain/validation';
import type { DataContext } from '../context';
import { insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import { newSyncedRow } from './rows';

export async function createPair(ctx: DataContext, input: PairInput): Promise<Pair> {
  assertValid(validatePair(input));
  return writeTransaction(ctx.db, ['pairs', 'pair_members', 'participants'], async () => {
    const ids = [...input.mentorIds, ...input.menteeIds];
    const people = await ctx.db.participants.bulkGet(ids);
    const missing = ids.find((id, i) => !people[i] || people[i]?.deleted_at);
    if (missing) throw new RowMissingError('participants', missing);
    const pair: Pair = {
      ...newSyncedRow(ctx),
      programme_id: null,
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
    const members = [
      ...input.mentorIds.map((id) => ({ id, side: 'mentor' as const })),
      ...input.menteeIds.map((id) => ({ id, side: 'mentee' as const })),
    ];
    for (const member of members) {
      const row: PairMember = {
        ...newSyncedRow(ctx),
        pair_id: pair.id,
        participant_id: member.id,
        side: member.side,
      };
      await insertRow(ctx.db, 'pair_members', row);
    }
    return pair;
  });
}

/** Approves a draft pair by the director's order; refused while a member lacks consent. */
export async function approvePair(
  ctx: DataContext,
  pairId: string,
  input: ApprovalInput,
  today: IsoDate,
): Promise<void> {
  await writeTransaction(
    ctx.db,
    ['pairs', 'pair_members', 'participants', 'consents'],
    async () => {
      const members = (await ctx.db.pair_members.where('pair_id').equals(pairId).toArray()).filter(
        (m) => !m.deleted_at,
      );
      const without: string[] = [];
      for (const member of members) {
        const person = await ctx.db.participants.get(member.participant_id);
        const consents = await ctx.db.consents
          .where('participant_id')
          .equals(member.participant_id)
          .toArray();
        if (!person || !hasValidConsent(person, consents, today)) {
          without.push(person?.full_name ?? member.participant_id);
        }
      }
      assertValid(
        validateApproval(
          input,
          without.sort((a, b) => a.localeCompare(b, 'ru')),
          today,
        ),
      );
      await patchRow(ctx.db, 'pairs', pairId, {
        status: 'approved',
        order_number: input.order_number.trim(),
        order_date: input.order_date,
      });
    },
  );
}
