// Write commands and live reads for pairs and groups over their whole life: forming and
// editing drafts, approving them by order (one or many), correcting an order, ending a pair,
// a new mentor after an accepted request, and members joining or leaving a group. The rules
// are domain/pairs.ts and domain/pairLife.ts; each command validates, then writes the rows
// and their outbox entries in one transaction (one per pair when approving many, so one
// refusal does not hold back the others).
import { liveQuery } from 'dexie';
import { hasValidConsent, isCoveredOn } from '@/domain/consent';
import type { MentorChangeRequest } from '@/domain/mentorChange';
import {
  approvalOutcome,
  currentProgramme,
  earliestEnd,
  editBlockedReason,
  membersWithoutConsent,
  replacementPlan,
  validateAddMember,
  validateEnd,
  validateOrder,
  validateRemoveMember,
  validateReplacement,
  withOrderCorrection,
  type ApprovalOutcome,
  type EndInput,
  type MemberConsents,
  type OrderInput,
} from '@/domain/pairLife';
import {
  validateApproval,
  validatePair,
  validatePairAgainst,
  type ApprovalInput,
  type PairInput,
  type PairRulesContext,
} from '@/domain/pairs';
import { localIsoDate } from '@/domain/dates';
import { isOpenYear } from '@/domain/programmeYear';
import type { IsoDate, Pair, PairMember, Participant, Uuid } from '@/domain/types';
import { assertValid, cleanText, ValidationError } from '@/domain/validation';
import type { DataContext } from '../context';
import { nowIso } from '../ids';
import { deleteRow, insertRow, patchRow, RowMissingError, writeTransaction } from '../outbox';
import type { Observable } from '../queries';
import { newSyncedRow } from './rows';

const PAIR_TABLES = ['pairs', 'pair_members', 'participants'] as const;

const liveMembers = async (ctx: DataContext, pairId: Uuid): Promise<PairMember[]> =>
  (await ctx.db.pair_members.where('pair_id').equals(pairId).toArray()).filter(
    (m) => m.deleted_at === null,
  );

async function livePair(ctx: DataContext, pairId: Uuid): Promise<Pair> {
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
async function assertPairRules(
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

async function insertMember(
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

/** The members of a pair with their cards and the consents the device holds. */
async function memberConsents(ctx: DataContext, pairId: Uuid): Promise<MemberConsents[]> {
  const members = await liveMembers(ctx, pairId);
  return Promise.all(
    members.map(async (member) => {
      const person = await ctx.db.participants.get(member.participant_id);
      const consents = (
        await ctx.db.consents.where('participant_id').equals(member.participant_id).toArray()
      ).filter((c) => c.deleted_at === null);
      return {
        participant: person ?? { id: member.participant_id, full_name: '', is_minor: false },
        consents: person ? consents : [],
      };
    }),
  );
}

const APPROVAL_TABLES = ['pairs', 'pair_members', 'participants', 'consents'] as const;

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

/** Anyone, from any device: whether a participant is covered by a valid consent today. */
async function hasConsentNow(ctx: DataContext, person: Participant, today: IsoDate) {
  const consents = await ctx.db.consents.where('participant_id').equals(person.id).toArray();
  return hasValidConsent(person, consents, today);
}

async function setIsGroup(ctx: DataContext, pairId: Uuid): Promise<void> {
  const members = await liveMembers(ctx, pairId);
  const count = (side: string) => members.filter((m) => m.side === side).length;
  await patchRow(ctx.db, 'pairs', pairId, { is_group: count('mentor') > 1 || count('mentee') > 1 });
}

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

/**
 * Who is covered by a valid consent today, as this viewer may know it: from the consents for
 * staff; else from the server's participants.consent_covered_until. A person the device knows
 * nothing about is left out (the caller treats her as covered: never a false red flag).
 */
export function observeConsentCoverage(
  ctx: DataContext,
  readsConsents: boolean,
  today: IsoDate,
): Observable<Map<Uuid, boolean>> {
  return liveQuery(async () => {
    const people = (await ctx.db.participants.toArray()).filter((p) => p.deleted_at === null);
    const coverage = new Map<Uuid, boolean>();
    if (readsConsents) {
      const consents = (await ctx.db.consents.toArray()).filter((c) => c.deleted_at === null);
      for (const p of people) coverage.set(p.id, hasValidConsent(p, consents, today));
    } else {
      for (const p of people) {
        if (p.consent_covered_until !== undefined) {
          coverage.set(p.id, isCoveredOn(p.consent_covered_until, today));
        }
      }
    }
    return coverage;
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
