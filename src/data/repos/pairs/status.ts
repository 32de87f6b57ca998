// Owns the write commands that move a pair's status by order: approving a draft by the
// director's order (one, or many under one order with one transaction per pair so one
// refusal does not hold back the others), correcting an order on every pair it approved, and
// ending a running pair. Each transaction writes the rows and their outbox entries together.
import {
  approvalOutcome,
  membersWithoutConsent,
  validateEnd,
  validateOrder,
  withOrderCorrection,
  type ApprovalOutcome,
  type EndInput,
  type OrderInput,
} from '@/domain/pairLife';
import { validateApproval, type ApprovalInput } from '@/domain/pairs';
import type { IsoDate, Uuid } from '@/domain/types';
import { assertValid, cleanText } from '@/domain/validation';
import type { DataContext } from '../../context';
import { nowIso } from '../../ids';
import { patchRow, RowMissingError, writeTransaction } from '../../outbox';
import { memberConsents } from './consents';
import { APPROVAL_TABLES, livePair } from './shared';

/** Approves a draft pair by the director's order; refused while a member lacks consent. */
export async function approvePair(
  ctx: DataContext,
  pairId: string,
  input: ApprovalInput,
  today: IsoDate,
): Promise<void> {
  assertValid(validateOrder(input, today).filter((e) => e.key !== 'required'));
  await writeTransaction(ctx.db, [...APPROVAL_TABLES], async () => {
    const without = membersWithoutConsent(await memberConsents(ctx, pairId), today);
    assertValid(validateApproval(input, without, today));
    await patchRow(ctx.db, 'pairs', pairId, {
      status: 'approved',
      order_number: input.order_number.trim(),
      order_date: input.order_date,
    });
  });
}

/**
 * Approves many drafts under one order: the order is checked once, then each pair in its own
 * transaction (its consents read there), so a pair refused for a missing consent is named
 * and the others are approved. Returns each pair's outcome in the order given.
 */
export async function approvePairs(
  ctx: DataContext,
  pairIds: readonly Uuid[],
  input: OrderInput,
  today: IsoDate,
): Promise<ApprovalOutcome[]> {
  const errors = validateOrder(input, today);
  if (pairIds.length === 0) errors.push({ field: 'pairs', key: 'choosePairs' });
  assertValid(errors);
  const outcomes: ApprovalOutcome[] = [];
  for (const pairId of pairIds) {
    outcomes.push(
      await writeTransaction(ctx.db, [...APPROVAL_TABLES], async () => {
        const pair = await ctx.db.pairs.get(pairId);
        if (!pair) return { pairId, outcome: 'notDraft' as const };
        const outcome = approvalOutcome(pair, await memberConsents(ctx, pairId), today);
        if (outcome.outcome === 'approved') {
          await patchRow(ctx.db, 'pairs', pairId, {
            status: 'approved',
            order_number: input.order_number.trim(),
            order_date: input.order_date,
          });
        }
        return outcome;
      }),
    );
  }
  return outcomes;
}

/**
 * Corrects an order's number or date on every pair it approved, keeping who and when in
 * each pair's order_history (server-owned: written here for this device only, never sent;
 * the server's trigger appends the same).
 */
export async function correctOrder(
  ctx: DataContext,
  order: { number: string; date: IsoDate },
  next: OrderInput,
  changedBy: Uuid | null,
  today: IsoDate,
): Promise<number> {
  assertValid(validateOrder(next, today));
  const fixed = { order_number: next.order_number.trim(), order_date: next.order_date };
  return writeTransaction(ctx.db, ['pairs'], async () => {
    const pairs = (await ctx.db.pairs.toArray()).filter(
      (p) =>
        p.deleted_at === null && p.order_number === order.number && p.order_date === order.date,
    );
    if (pairs.length === 0) throw new RowMissingError('pairs', `${order.number} ${order.date}`);
    const changedAt = nowIso();
    for (const pair of pairs) {
      const history = withOrderCorrection(pair, fixed, changedAt, changedBy);
      if (await patchRow(ctx.db, 'pairs', pair.id, fixed)) {
        // Not through patchRow: the column is the server's, the outbox must not carry it.
        await ctx.db.pairs.update(pair.id, { order_history: history });
      }
    }
    return pairs.length;
  });
}

/** Ends a running pair as completed or early (with its reason) on a given day. */
export async function endPair(
  ctx: DataContext,
  pairId: Uuid,
  input: EndInput,
  today: IsoDate,
): Promise<void> {
  await writeTransaction(ctx.db, ['pairs'], async () => {
    const pair = await livePair(ctx, pairId);
    assertValid(validateEnd(pair, input, today));
    await patchRow(ctx.db, 'pairs', pairId, {
      status: input.kind,
      ended_on: input.ended_on,
      end_reason: cleanText(input.reason),
    });
  });
}
